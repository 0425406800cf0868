package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/bench"
)

type scriptRun struct {
	sample       bench.ScriptResult
	extrapolated time.Duration
	requests     int
}

type report struct {
	cfg     config
	started time.Time

	tenants, users int
	shapes         []bench.Shape
	bound          bench.Bound

	full, resync, changed []syncRun
	changedUsers          int
	script                []scriptRun
	storms                map[string][]syncRun
	workbook              map[string]float64
	window                []bench.WindowResult
	notes                 []string
	failed                bool
}

type row struct{ figure, value, runs string }

func walls(rs []syncRun) time.Duration {
	var xs []time.Duration
	for _, r := range rs {
		xs = append(xs, r.run.Wall)
	}
	return bench.MedianDur(xs)
}

func medianOf(rs []syncRun, f func(syncRun) int64) int64 {
	var xs []int64
	for _, r := range rs {
		xs = append(xs, f(r))
	}
	return bench.MedianInt(xs)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func mb(kb int64) string          { return fmt.Sprintf("%d MB", kb/1024) }
func n(k int) string              { return fmt.Sprintf("%d", k) }

func failures(rs []syncRun) (ok, failed, mism int) {
	for _, r := range rs {
		ok += r.ok
		failed += r.failed
		mism += r.mismatched
	}
	return
}

func (r *report) rows() []row {
	var out []row
	if len(r.full) > 0 {
		w := walls(r.full)
		ok, failed, mism := failures(r.full)
		if failed > 0 {
			r.failed = true
		}
		runs := n(len(r.full))
		out = append(out,
			row{fmt.Sprintf("Full sync, %d tenants / %d users at %s: wall", r.tenants, r.users, r.cfg.latency), secs(w), runs},
			row{"  lower bound (see derivation)", secs(r.bound.Wall), "computed"},
			row{"  ratio wall / lower bound (target ≤ 1.5)", fmt.Sprintf("%.2f×", w.Seconds()/r.bound.Wall.Seconds()), runs},
			row{"  tenants succeeded / failed (all runs)", fmt.Sprintf("%d / %d", ok, failed), runs},
			row{"  tenants whose user count differs from graphsim's truth", n(mism), runs},
			row{"  HTTP requests (model's minimum: " + n(r.bound.Requests) + ")", n(int(medianOf(r.full, func(s syncRun) int64 { return int64(s.counts.Requests) }))), runs},
			row{"  response bytes", mb(medianOf(r.full, func(s syncRun) int64 { return s.counts.Bytes }) / 1024), runs},
			row{"  peak RSS of `tenantlens sync --all`", mb(medianOf(r.full, func(s syncRun) int64 { return s.run.MaxRSSKB })), runs},
		)
	}
	if len(r.script) > 0 {
		var ex []time.Duration
		var sw []time.Duration
		for _, s := range r.script {
			ex = append(ex, s.extrapolated)
			sw = append(sw, s.sample.Wall)
		}
		s0 := r.script[0].sample
		runs := n(len(r.script))
		out = append(out,
			row{fmt.Sprintf("REFERENCE script-style, measured sample: %d tenants / %d users, %d requests", s0.Tenants, s0.Users, s0.Requests), secs(bench.MedianDur(sw)), runs},
			row{fmt.Sprintf("REFERENCE script-style, extrapolated to %d tenants (%d requests)", len(r.shapesOrScript()), r.script[0].requests), secs(bench.MedianDur(ex)), runs},
		)
		if len(r.full) > 0 {
			out = append(out, row{"  speed-up of TenantLens over the script (target ≥ 20×)", fmt.Sprintf("%.0f×", bench.MedianDur(ex).Seconds()/walls(r.full).Seconds()), runs})
		}
	}
	for _, name := range []string{"429", "503"} {
		rs := r.storms[name]
		if len(rs) == 0 {
			continue
		}
		ok, failed, mism := failures(rs)
		if failed > 0 || mism > 0 {
			r.failed = true
		}
		label := map[string]string{"429": "30 % 429 (Retry-After 1 s)", "503": "5 % 503/504 (Retry-After 1 s)"}[name]
		runs := n(len(rs))
		faults := medianOf(rs, func(s syncRun) int64 {
			return int64(s.counts.ByStatus[429] + s.counts.ByStatus[503] + s.counts.ByStatus[504])
		})
		out = append(out,
			row{"Full sync under " + label + ": wall", secs(walls(rs)), runs},
			row{"  tenants succeeded / failed (all runs); counts ≠ truth", fmt.Sprintf("%d / %d; %d", ok, failed, mism), runs},
			row{"  requests / answered with the fault", fmt.Sprintf("%d / %d", medianOf(rs, func(s syncRun) int64 { return int64(s.counts.Requests) }), faults), runs},
		)
	}
	if len(r.resync) > 0 {
		fullReq := medianOf(r.full, func(s syncRun) int64 { return int64(s.counts.Requests) })
		add := func(label string, rs []syncRun) {
			req := medianOf(rs, func(s syncRun) int64 { return int64(s.counts.Requests) })
			runs := n(len(rs))
			out = append(out,
				row{label + ": requests (% of full sync; target ≤ 10 %)", fmt.Sprintf("%d (%.1f %%)", req, 100*float64(req)/float64(max(1, fullReq))), runs},
				row{"  response bytes", fmt.Sprintf("%d KB", medianOf(rs, func(s syncRun) int64 { return s.counts.Bytes })/1024), runs},
				row{"  wall", secs(walls(rs)), runs},
			)
		}
		add("Re-sync, unchanged MSP", r.resync)
		if len(r.changed) > 0 {
			add(fmt.Sprintf("Re-sync, 1 %% of users changed (%d users)", r.changedUsers), r.changed)
		} else {
			out = append(out, row{"Re-sync, 1 % of users changed", "NOT MEASURED (graphsim change API not available in this build)", "-"})
		}
	}
	if wb := r.workbook; wb != nil {
		runs := n(r.cfg.runs)
		out = append(out,
			row{"Workbook, 100,000 users (TenantLens): write time / peak RSS", fmt.Sprintf("%.2f s / %.0f MB", wb["workbook-s"], wb["workbook-peak-MB"]), runs},
			row{"  bare excelize StreamWriter, same rows: write time / peak RSS", fmt.Sprintf("%.2f s / %.0f MB", wb["bare-s"], wb["bare-peak-MB"]), runs},
			row{"  dataset alone (the floor both stand on): peak RSS", fmt.Sprintf("%.0f MB", wb["data-peak-MB"]), runs},
			row{"  time ratio (target ≤ 1.5×; RSS ≤ 300 MB)", fmt.Sprintf("%.2f×", wb["time-ratio"]), runs},
		)
	} else if r.cfg.sections["workbook"] {
		out = append(out, row{"Workbook, 100,000 users", "NOT MEASURED (no report test binary)", "-"})
	}
	if len(r.window) > 0 {
		var fp []time.Duration
		var rss, tree []int64
		for _, w := range r.window {
			fp = append(fp, w.FirstPaint)
			rss = append(rss, w.IdleRSSKB)
			tree = append(tree, w.TreeRSSKB)
		}
		runs := n(len(r.window))
		out = append(out,
			row{"Window cold start to first paint (`tenantlens demo`, Xvfb)", secs(bench.MedianDur(fp)), runs},
			row{"  idle RSS after 10 s, demo loaded: app / with WebKit processes", mb(bench.MedianInt(rss)) + " / " + mb(bench.MedianInt(tree)), runs},
		)
	}
	return out
}

func (r *report) shapesOrScript() []bench.Shape { return r.shapes }

func (r *report) table() string {
	rows := r.rows()
	w := 10
	for _, x := range rows {
		w = max(w, len([]rune(x.figure)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  %-22s  %s\n", w, "figure", "median", "runs")
	for _, x := range rows {
		fmt.Fprintf(&b, "%-*s  %-22s  %s\n", w+len(x.figure)-len([]rune(x.figure)), x.figure, x.value, x.runs)
	}
	for _, s := range r.notes {
		fmt.Fprintln(&b, "note:", s)
	}
	return b.String()
}

func sh(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func machine() []string {
	cpu, mem := "?", "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				mem = strings.TrimSpace(v)
			}
		}
	}
	commit := sh("git", "rev-parse", "--short", "HEAD")
	if sh("git", "status", "--porcelain", "--untracked-files=no") != "" {
		commit += " (working tree had uncommitted changes)"
	}
	return []string{
		"- CPU: " + cpu + ", " + fmt.Sprint(runtime.NumCPU()) + " cores (nproc); memory " + mem,
		"- Go: " + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH,
		"- Code: commit " + commit,
	}
}

func (r *report) markdown() string {
	var b strings.Builder
	b.WriteString("# Performance\n\n")
	b.WriteString("Written by `make bench` (`scripts/bench.sh` → `go run ./backend/bench/cmd/tlbench`). Do not edit by hand.\n\n")
	fmt.Fprintf(&b, "- Date: %s (took %s)\n", r.started.Format("2006-01-02 15:04 MST"), time.Since(r.started).Round(time.Second))
	for _, l := range machine() {
		b.WriteString(l + "\n")
	}
	b.WriteString("- The machine is shared: other work may run at the same time, so figures are medians of several runs.\n\n")
	b.WriteString("## Setup\n\n")
	fmt.Fprintf(&b, "graphsim runs in the benchmark's process on 127.0.0.1 behind a handler that waits %s before answering **every** HTTP request "+
		"(token endpoint, Graph, `$batch`, report downloads) and counts requests and response bytes by endpoint. "+
		"(graphsim's own `Knobs.Latency` delays Graph calls only, not the token endpoint or report downloads, so it is not used.) "+
		"The MSP is `graphsim.GenerateMSPWith{Seed: 1, Tenants: %d, UsersScale: %.2f, AllReady: true}`: the demo's realistic mix of small and large customers, scaled, every customer with full GDAP roles and consent. "+
		"Each run gets a fresh data folder and connects with `tenantlens connect --partner --no-browser` (no latency during the connect), then the real binary runs `tenantlens sync --all --json` as a child process "+
		"(real keychain via gnome-keyring, real token endpoint, real sync engine and SQLite); its wall time is the process's, its peak RSS is the child's `ru_maxrss`. "+
		"Sync concurrency: TenantLens' default (%d tenants at once).\n\n", r.cfg.latency, r.cfg.tenants, r.cfg.scale, r.cfg.concurrency)
	b.WriteString("## Figures\n\n| Figure | Median | Runs |\n|---|---|---|\n")
	for _, x := range r.rows() {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", strings.ReplaceAll(strings.TrimSpace(x.figure), "|", "\\|"), x.value, x.runs)
	}
	b.WriteString("\n")
	if len(r.full) > 0 {
		b.WriteString(r.boundSection())
		b.WriteString(r.endpointSection())
	}
	if len(r.script) > 0 {
		b.WriteString("## Script-style reference (clearly a reference, not TenantLens)\n\n" +
			"What a typical admin script does: tenants one after another; `GET /users?$select=id,userPrincipalName&$top=999` paged; then one " +
			"`GET /users/{id}/authentication/methods` per user, one after another. It is measured on the tenants around the median size " +
			"and extrapolated to every tenant by its time per request (the script is strictly sequential): " +
			"Σ over tenants of (1 token + users pages + users) requests × the sample's seconds per request. It reads less than TenantLens " +
			"(no licences, usage, sign-in activity or deleted users).\n\n")
	}
	for _, name := range []string{"429", "503"} {
		for i, s := range r.storms[name] {
			for _, e := range s.errs {
				r.notes = append(r.notes, fmt.Sprintf("%s storm, run %d, failed tenant: %s", name, i+1, e))
			}
		}
	}
	if len(r.notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, s := range r.notes {
			b.WriteString("- " + s + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (r *report) boundSection() string {
	var b strings.Builder
	m := bench.DefaultModel
	b.WriteString("## Lower bound\n\n")
	fmt.Fprintf(&b, "Per tenant, the fewest round trips its full sync needs (`bench.Model.Chain`): 1 for the tenant's access token, then the "+
		"longest of the branches that can run at once — `/users` pages one after another through `@odata.nextLink` (%d per page with "+
		"`signInActivity` on P1 tenants, else %d); on P1 tenants `userRegistrationDetails` pages one after another (%d a page: TenantLens asks $top=999; Graph documents no page size); "+
		"without P1, per-user methods in `$batch`es of %d, which need the user ids, so at least the users pages plus the last page's batches "+
		"at %d in flight; deleted users and contacts pages; organization; subscribed SKUs; each of %d usage reports: GET, 302, download (2). "+
		"And since at most %d requests of a tenant are in flight (TenantLens' pacer), at least ceil(requests / %d) rounds. "+
		"The run's bound is max(longest tenant, ceil(Σ tenants' rounds / %d tenants at once)) × %s.\n\n",
		m.UsersPageSignIn, m.UsersPage, m.RegPage, m.BatchSize, m.InFlight, m.UsageReports, m.InFlight, m.InFlight, r.bound.Concurrency, r.bound.Latency)
	fmt.Fprintf(&b, "This MSP: %d tenants, %d users; longest tenant %d rounds; Σ %d rounds / %d = %d; bound = %d rounds × %s = **%s**; "+
		"the model needs %d requests.\n\n",
		r.bound.Tenants, r.users, r.bound.Longest, r.bound.Sum, r.bound.Concurrency, (r.bound.Sum+r.bound.Concurrency-1)/r.bound.Concurrency,
		r.bound.Rounds, r.bound.Latency, secs(r.bound.Wall), r.bound.Requests)
	s := append([]bench.Shape(nil), r.shapes...)
	sort.Slice(s, func(i, j int) bool { return m.Chain(s[i]).Rounds > m.Chain(s[j]).Rounds })
	b.WriteString("Largest tenants:\n\n| Tenant | Users | P1 | Requests | Dependent chain | Rounds |\n|---|---|---|---|---|---|\n")
	for _, x := range s[:min(5, len(s))] {
		c := m.Chain(x)
		fmt.Fprintf(&b, "| %s | %d | %v | %d | %d | %d |\n", x.Name, x.Users, x.P1, c.Requests+1, c.Dependent+1, c.Rounds)
	}
	b.WriteString("\n")
	return b.String()
}

func (r *report) endpointSection() string {
	var b strings.Builder
	c := r.full[0].counts
	b.WriteString("## Requests by endpoint (full sync, first run)\n\n| Endpoint | Requests |\n|---|---|\n")
	for _, k := range c.Sorted() {
		fmt.Fprintf(&b, "| `%s` | %d |\n", k, c.ByEndpoint[k])
	}
	fmt.Fprintf(&b, "| total | %d |\n\n", c.Requests)
	f := r.full[0]
	slow := f.slowest
	for _, x := range r.shapes {
		if x.TenantID == f.slowest {
			slow = fmt.Sprintf("%s (%d users, P1 %v, model: %d rounds = %s)", x.Name, x.Users, x.P1, bench.DefaultModel.Chain(x).Rounds,
				secs(time.Duration(bench.DefaultModel.Chain(x).Rounds)*r.bound.Latency))
		}
	}
	fmt.Fprintf(&b, "Where the time went (first run): process wall %s; first to last request %s; Σ tenants' own sync time %s, / %d at once = %s; "+
		"slowest tenant %s: %s.\n\n", secs(f.run.Wall), secs(c.Span), secs(f.tookSum), r.bound.Concurrency,
		secs(f.tookSum/time.Duration(max(1, r.bound.Concurrency))), slow, secs(f.tookMax))
	for _, x := range []struct {
		name string
		rs   []syncRun
	}{{"re-sync, unchanged", r.resync}, {"re-sync, 1 % changed", r.changed}} {
		if len(x.rs) == 0 {
			continue
		}
		c := x.rs[0].counts
		fmt.Fprintf(&b, "Requests by endpoint, %s (first run):\n\n| Endpoint | Requests |\n|---|---|\n", x.name)
		for _, k := range c.Sorted() {
			fmt.Fprintf(&b, "| `%s` | %d |\n", k, c.ByEndpoint[k])
		}
		fmt.Fprintf(&b, "| total | %d |\n\n", c.Requests)
	}
	if len(r.full[0].errs) > 0 {
		b.WriteString("First failures: " + strings.Join(r.full[0].errs, "; ") + "\n\n")
	}
	return b.String()
}
