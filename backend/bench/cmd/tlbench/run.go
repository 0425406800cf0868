package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"tenantlens/backend/bench"
	"tenantlens/backend/graphsim"
)

// changeUsers changes a fraction of every customer's users between syncs
// so that Graph's users delta reports them (change.go); nil = not available.
var changeUsers func(sim *graphsim.Sim, fraction float64) (int, error)

// env is one emulated MSP behind the latency handler, with a fresh data
// folder connected as the partner.
type env struct {
	keep   bool
	srv    *bench.Server
	cli    bench.CLI
	shapes []bench.Shape
}

func newEnv(ctx context.Context, c config, connect bool) (*env, error) {
	msp := graphsim.GenerateMSPWith(graphsim.GenOptions{Seed: 1, Tenants: c.tenants, UsersScale: c.scale, AllReady: true, Now: time.Now()})
	sim := graphsim.NewWithMSP(msp, graphsim.Options{Seed: 1, Tenants: c.tenants, AutoConsent: true})
	srv, err := bench.Start(sim)
	if err != nil {
		return nil, err
	}
	home, err := os.MkdirTemp("", "tlbench-home-")
	if err != nil {
		srv.Close()
		return nil, err
	}
	e := &env{srv: srv, cli: bench.CLI{Bin: c.bin, Home: home, Srv: srv}, shapes: bench.Shapes(sim, nil), keep: c.keep}
	if connect {
		if _, err := e.cli.ConnectPartner(ctx); err != nil {
			e.close()
			return nil, err
		}
	}
	return e, nil
}

func (e *env) close() {
	e.srv.Close()
	if e.keep {
		logf("  data folder kept: %s", e.cli.Home)
		return
	}
	_ = os.RemoveAll(e.cli.Home)
}

func (e *env) users() int {
	n := 0
	for _, s := range e.shapes {
		n += s.Users
	}
	return n
}

// syncRun is one `tenantlens sync --all --json`.
type syncRun struct {
	run        bench.Run
	counts     bench.Counts
	ok, failed int
	users      int
	mismatched int // succeeded tenants whose user count differs from graphsim's truth
	errs       []string
	tookSum    time.Duration // Σ tenants' own sync time (engine: lock to commit)
	tookMax    time.Duration
	slowest    string
}

func (e *env) sync(ctx context.Context) (syncRun, error) {
	e.srv.Reset()
	run, runErr := e.cli.Run(ctx, "sync", "--all", "--json")
	r := syncRun{run: run, counts: e.srv.Counts()}
	var rows []struct {
		TenantID string `json:"tenantId"`
		Status   string `json:"status"`
		Error    string `json:"error"`
		Users    int    `json:"users"`
		TookMs   int64  `json:"tookMs"`
	}
	if err := json.Unmarshal([]byte(run.Stdout), &rows); err != nil {
		if runErr != nil {
			return r, runErr
		}
		return r, fmt.Errorf("sync --json output: %w", err)
	}
	for _, row := range rows {
		took := time.Duration(row.TookMs) * time.Millisecond
		r.tookSum += took
		if took > r.tookMax {
			r.tookMax, r.slowest = took, row.TenantID
		}
		if row.Status == "succeeded" {
			r.ok++
			r.users += row.Users
			if row.Users != e.srv.Sim.GroundTruth(row.TenantID).Users {
				r.mismatched++
			}
			continue
		}
		r.failed++
		if len(r.errs) < 5 {
			r.errs = append(r.errs, row.Status+": "+row.Error)
		}
	}
	return r, nil
}

func run(ctx context.Context, c config, r *report) error {
	if c.sections["sync"] || c.sections["resync"] {
		if err := runSync(ctx, c, r); err != nil {
			return err
		}
	}
	if c.sections["script"] {
		if err := runScript(ctx, c, r); err != nil {
			return err
		}
	}
	if c.sections["storm"] || c.sections["storm429"] {
		if err := runStorm(ctx, c, r, "429", graphsim.Knobs{ThrottleFraction: 0.30, RetryAfter: time.Second}); err != nil {
			return err
		}
	}
	if c.sections["storm"] || c.sections["storm503"] {
		if err := runStorm(ctx, c, r, "503", graphsim.Knobs{ServerErrorFraction: 0.05, RetryAfter: time.Second}); err != nil {
			return err
		}
	}
	if c.sections["workbook"] {
		if err := runWorkbook(ctx, c, r); err != nil {
			return err
		}
	}
	if c.sections["window"] {
		if err := runWindow(ctx, c, r); err != nil {
			return err
		}
	}
	return nil
}

func runSync(ctx context.Context, c config, r *report) error {
	for i := 0; i < c.syncRuns; i++ {
		e, err := newEnv(ctx, c, true)
		if err != nil {
			return err
		}
		if i == 0 {
			r.tenants, r.users = len(e.shapes), e.users()
			r.bound = bench.DefaultModel.LowerBound(e.shapes, c.concurrency, c.latency)
			r.shapes = e.shapes
		}
		e.srv.SetLatency(c.latency)
		logf("full sync %d/%d: %d tenants, %d users", i+1, c.syncRuns, len(e.shapes), e.users())
		s, err := e.sync(ctx)
		if err != nil {
			e.close()
			return err
		}
		logf("  %s, %d ok, %d failed, %d requests, peak RSS %d MB", s.run.Wall.Round(time.Millisecond), s.ok, s.failed, s.counts.Requests, s.run.MaxRSSKB/1024)
		r.full = append(r.full, s)
		if c.sections["resync"] {
			u, err := e.sync(ctx)
			if err != nil {
				e.close()
				return err
			}
			logf("  re-sync unchanged: %s, %d requests, %d KB", u.run.Wall.Round(time.Millisecond), u.counts.Requests, u.counts.Bytes/1024)
			r.resync = append(r.resync, u)
			if changeUsers != nil {
				n, err := changeUsers(e.srv.Sim, 0.01)
				if err != nil {
					e.close()
					return err
				}
				ch, err := e.sync(ctx)
				if err != nil {
					e.close()
					return err
				}
				logf("  re-sync after %d users changed: %s, %d requests, %d KB", n, ch.run.Wall.Round(time.Millisecond), ch.counts.Requests, ch.counts.Bytes/1024)
				r.changed = append(r.changed, ch)
				r.changedUsers = n
			}
		}
		e.close()
	}
	return nil
}

// sampleTenants picks n tenants around the median size.
func sampleTenants(shapes []bench.Shape, n int) []bench.Shape {
	s := append([]bench.Shape(nil), shapes...)
	sort.Slice(s, func(i, j int) bool { return s[i].Users < s[j].Users })
	lo := max(0, len(s)/2-n/2)
	return s[lo:min(len(s), lo+n)]
}

func runScript(ctx context.Context, c config, r *report) error {
	e, err := newEnv(ctx, c, false)
	if err != nil {
		return err
	}
	defer e.close()
	e.srv.SetLatency(c.latency)
	sample := sampleTenants(e.shapes, c.sample)
	var ids []string
	for _, s := range sample {
		ids = append(ids, s.TenantID)
	}
	for i := 0; i < c.runs; i++ {
		res, err := bench.Script(ctx, e.srv, ids)
		if err != nil {
			return err
		}
		total, reqs := bench.Extrapolate(res, e.shapes)
		logf("script-style sample %d/%d: %d tenants, %d users, %d requests in %s -> %s for all", i+1, c.runs, res.Tenants, res.Users, res.Requests, res.Wall.Round(time.Millisecond), total.Round(time.Second))
		r.script = append(r.script, scriptRun{sample: res, extrapolated: total, requests: reqs})
	}
	return nil
}

func runStorm(ctx context.Context, c config, r *report, name string, k graphsim.Knobs) error {
	for i := 0; i < c.stormRuns; i++ {
		e, err := newEnv(ctx, c, true)
		if err != nil {
			return err
		}
		e.srv.SetLatency(c.latency)
		e.srv.Sim.SetKnobs("*", k)
		logf("%s storm %d/%d", name, i+1, c.stormRuns)
		s, err := e.sync(ctx)
		e.close()
		if err != nil {
			return err
		}
		logf("  %s, %d ok, %d failed, %d requests (%d answered %s), %d counts differ from truth", s.run.Wall.Round(time.Millisecond), s.ok, s.failed, s.counts.Requests, s.counts.ByStatus[429]+s.counts.ByStatus[503]+s.counts.ByStatus[504], name, s.mismatched)
		for _, e := range s.errs {
			logf("  failed tenant: %s", e)
		}
		r.storms[name] = append(r.storms[name], s)
	}
	return nil
}

func runWorkbook(ctx context.Context, c config, r *report) error {
	if c.reportTest == "" {
		r.notes = append(r.notes, "workbook: no -report-test binary given; not measured")
		return nil
	}
	logf("workbook: backend/report BenchmarkPeakRSS100k, %d rounds", c.runs)
	m, err := bench.RunGoBench(ctx, abs(c.reportTest), "backend/report", "BenchmarkPeakRSS100k", c.runs)
	if err != nil {
		return err
	}
	logf("  %v", m)
	r.workbook = m
	return nil
}

func abs(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func runWindow(ctx context.Context, c config, r *report) error {
	for i := 0; i < c.runs; i++ {
		home, err := os.MkdirTemp("", "tlbench-window-")
		if err != nil {
			return err
		}
		w, err := bench.Window(ctx, c.windowBin, home, 90+i, 10*time.Second)
		_ = os.RemoveAll(home)
		if err != nil {
			return err
		}
		logf("window %d/%d: first paint %s, idle RSS %d MB (with WebKit processes %d MB)", i+1, c.runs, w.FirstPaint.Round(time.Millisecond), w.IdleRSSKB/1024, w.TreeRSSKB/1024)
		r.window = append(r.window, w)
	}
	return nil
}
