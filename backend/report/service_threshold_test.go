package report

import (
	"testing"

	"tenantlens/backend/types"
)

// A template's own threshold wins; without one (0) its reports follow the
// Settings value, and without Settings the default.
func TestThresholdOfFollowsSettings(t *testing.T) {
	s := &Service{}
	if got := s.ThresholdOf(types.Template{}); got != types.DefaultInactiveDays {
		t.Fatalf("no template value, no settings: %d", got)
	}
	settings := 45
	s.FollowSettings(func() int { return settings })
	if got := s.ThresholdOf(types.Template{}); got != 45 {
		t.Fatalf("template 0 with Settings 45: %d", got)
	}
	settings = 60
	if got := s.ThresholdOf(types.Template{}); got != 60 {
		t.Fatalf("Settings changed to 60: %d", got)
	}
	if got := s.ThresholdOf(types.Template{InactiveDays: 120}); got != 120 {
		t.Fatalf("template 120: %d", got)
	}
}
