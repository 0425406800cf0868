package review_test

import (
	"context"
	"testing"
)

// The Overview's tenant lines carry each tenant's Secure Score from the
// stored history: synced from graphsim through the real SDK and engine,
// the newest day, the first stored day and the number of days equal
// graphsim's ground truth, and the figures equal the posture card's.
func TestOverviewRowsCarrySecureScore(t *testing.T) {
	e := newLicEnv(t, nil)
	e.syncAll(t)
	ctx := context.Background()
	o, err := e.rv.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Rows) != len(e.ids) {
		t.Fatalf("%d rows, want %d", len(o.Rows), len(e.ids))
	}
	withScore := 0
	for _, r := range o.Rows {
		truth := e.sim.SecurityTruth(r.ID)
		sc := r.SecureScore
		if truth.ScoreDays == 0 {
			if sc.Available || len(sc.Trend) != 0 {
				t.Errorf("%s: Secure Score %+v, graphsim has none", r.DisplayName, sc)
			}
			continue
		}
		withScore++
		if !sc.Available || len(sc.Trend) != truth.ScoreDays || sc.Current != truth.ScoreCurrent || sc.Max != truth.ScoreMax ||
			sc.Trend[0].Current != truth.ScoreFirst {
			t.Errorf("%s: Secure Score available=%v days=%d current=%v max=%v; want days=%d current=%v max=%v first=%v",
				r.DisplayName, sc.Available, len(sc.Trend), sc.Current, sc.Max, truth.ScoreDays, truth.ScoreCurrent, truth.ScoreMax, truth.ScoreFirst)
			continue
		}
		p, err := e.rv.Posture(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		ps := p.SecureScore
		if ps.Percent != sc.Percent || ps.Change != sc.Change || ps.Change30 != sc.Change30 || ps.Day != sc.Day || len(ps.Trend) != len(sc.Trend) {
			t.Errorf("%s: Overview score %+v differs from posture %+v", r.DisplayName, sc, ps)
		}
	}
	if withScore == 0 {
		t.Fatal("no demo tenant has Secure Score history: the test proves nothing")
	}
}
