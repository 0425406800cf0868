package review

import (
	"testing"
	"time"
)

// A listed snapshot date (second precision) selects its own snapshot even
// though the run finished a fraction of a second later.
func TestParseAtEndOfWrittenPrecision(t *testing.T) {
	base := time.Date(2026, 11, 30, 11, 51, 17, 0, time.UTC)
	for v, want := range map[string]time.Time{
		"2026-11-30T11:51:17Z":        base.Add(time.Second - time.Nanosecond),
		"2026-11-30T11:51:17.5Z":      base.Add(600*time.Millisecond - time.Nanosecond),
		"2026-11-30T11:51:17.123456Z": base.Add(123457*time.Microsecond - time.Nanosecond),
		"2026-11-30":                  time.Date(2026, 11, 30, 23, 59, 59, 999999999, time.UTC),
	} {
		got, err := ParseAt(v)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseAt(%q) = %v, %v; want %v", v, got, err, want)
		}
	}
	finished := base.Add(517 * time.Millisecond)
	if at, _ := ParseAt("2026-11-30T11:51:17Z"); finished.After(at) {
		t.Fatalf("a run that finished at %v is not at or before %v", finished, at)
	}
}
