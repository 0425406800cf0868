package sync

import (
	"context"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
)

// BenchmarkTenantSync50ms: one 1,200-user tenant with and without Entra ID
// P1, graphsim answering every Graph request after 50 ms. Reports the wall
// time of a full sync and of a re-sync of the unchanged tenant, in
// round trips of 50 ms (compare with the dependent chain in fetch.go).
//
//	go test -run '^$' -bench TenantSync50ms -benchtime 5x ./backend/sync/
func BenchmarkTenantSync50ms(b *testing.B) { benchTenantSync(b, 50*time.Millisecond) }

// BenchmarkTenantSync0ms is the same without latency: what the sync costs
// besides the network (parsing, building, SQLite).
func BenchmarkTenantSync0ms(b *testing.B) { benchTenantSync(b, 0) }

func benchTenantSync(b *testing.B, latency time.Duration) {
	e := newScaledEnv(b, 6, 1200)
	e.sim.SetKnobs("*", graphsim.Knobs{Latency: latency})
	for _, shape := range []struct {
		name string
		p1   bool
	}{{"P1", true}, {"noP1", false}} {
		var id string
		for _, x := range e.ids {
			if e.truth[x].HasP1 == shape.p1 {
				id = x
				break
			}
		}
		b.Run(shape.name, func(b *testing.B) {
			var full, re time.Duration
			for i := 0; i < b.N; i++ {
				if err := e.eng.ForceFullSync(context.Background(), id); err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				e.syncCounted(b, id)
				full += time.Since(t0)
				t0 = time.Now()
				e.syncCounted(b, id)
				re += time.Since(t0)
			}
			n := float64(b.N)
			b.ReportMetric(full.Seconds()/n, "full-s/op")
			b.ReportMetric(re.Seconds()/n, "resync-s/op")
			if latency > 0 {
				b.ReportMetric(full.Seconds()/n/latency.Seconds(), "full-RTTs")
				b.ReportMetric(re.Seconds()/n/latency.Seconds(), "resync-RTTs")
			}
		})
	}
}
