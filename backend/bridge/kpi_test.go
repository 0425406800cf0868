package bridge

import (
	"testing"

	"tenantlens/backend/report"
)

func kpiByLabel(t *testing.T, ks []KPIView, label string) KPIView {
	t.Helper()
	for _, k := range ks {
		if k.Label == label {
			return k
		}
	}
	t.Fatalf("no KPI %q in %+v", label, ks)
	return KPIView{}
}

// Whether a change is good news is decided here, not in the UI.
func TestKPIToneSaysWhetherAChangeIsGood(t *testing.T) {
	prev := report.KPIs{Users: 100, Licensed: 80, MFACoverage: 0.50, Unused: 10, MonthlySpend: 1000, MonthlyWaste: 200, ReclaimUsers: 5}
	better := report.KPIs{Users: 90, Licensed: 85, MFACoverage: 0.75, Unused: 4, MonthlySpend: 900, MonthlyWaste: 80, ReclaimUsers: 2}
	worse := report.KPIs{Users: 120, Licensed: 70, MFACoverage: 0.40, Unused: 12, MonthlySpend: 1100, MonthlyWaste: 250, ReclaimUsers: 9}

	want := map[string]string{"MFA coverage": "up", "Unused licences": "down", "Monthly waste": "down",
		"Reclaimable users": "down", "Users": "neutral", "Licensed users": "neutral", "Monthly spend": "neutral"}
	improved := kpiViews(better, &prev)
	worsened := kpiViews(worse, &prev)
	if len(improved) != len(want) {
		t.Fatalf("got %d KPIs, want %d", len(improved), len(want))
	}
	for label, dir := range want {
		up, down := kpiByLabel(t, improved, label), kpiByLabel(t, worsened, label)
		if up.Better != dir || down.Better != dir {
			t.Errorf("%s: better %q/%q, want %q", label, up.Better, down.Better, dir)
		}
		goodTone, badTone := ToneGood, ToneBad
		if dir == BetterNeutral {
			goodTone, badTone = ToneNeutral, ToneNeutral
		}
		if up.Tone != goodTone {
			t.Errorf("%s improved by %v: tone %q, want %q", label, up.Change, up.Tone, goodTone)
		}
		if down.Tone != badTone {
			t.Errorf("%s worsened by %v: tone %q, want %q", label, down.Change, down.Tone, badTone)
		}
	}
	// Percentages are shown 0–100 and the change is in points.
	if c := kpiByLabel(t, improved, "MFA coverage").Change; c != 25 {
		t.Errorf("MFA coverage change %v, want 25 points", c)
	}
}

func TestKPIToneIsNeutralWithoutPreviousOrChange(t *testing.T) {
	k := report.KPIs{Users: 10, MFACoverage: 0.5, Unused: 3, MonthlyWaste: 40, ReclaimUsers: 1}
	for _, v := range kpiViews(k, nil) {
		if v.HasPrev || v.Tone != ToneNeutral {
			t.Errorf("first version %s: hasPrev %v tone %q", v.Label, v.HasPrev, v.Tone)
		}
	}
	for _, v := range kpiViews(k, &k) {
		if v.Change != 0 || v.Tone != ToneNeutral {
			t.Errorf("unchanged %s: change %v tone %q", v.Label, v.Change, v.Tone)
		}
	}
}
