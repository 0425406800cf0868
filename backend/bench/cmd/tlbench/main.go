// Command tlbench runs TenantLens' MSP-scale benchmarks (make bench): full
// sync of many tenants through the real binary against graphsim at a fixed
// latency, the script-style reference, 429 and 503 storms, re-syncs, the
// 100,000-user workbook and the window's cold start. It prints a table and
// writes docs/PERFORMANCE.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

type config struct {
	bin, out, reportTest string
	windowBin            string
	keep                 bool
	runs, syncRuns       int
	stormRuns            int
	tenants              int
	scale                float64
	latency              time.Duration
	concurrency          int
	sample               int
	sections             map[string]bool
}

func main() {
	var c config
	var sections string
	flag.StringVar(&c.bin, "bin", "build/bin/tenantlens", "the tenantlens binary")
	flag.StringVar(&c.windowBin, "window-bin", "", "the binary for the window figures (default -bin; must be a wails build)")
	flag.BoolVar(&c.keep, "keep", false, "keep each run's data folder (its run logs time every phase) and print where")
	flag.StringVar(&c.out, "out", "docs/PERFORMANCE.md", "markdown report to write (\"\" = none)")
	flag.StringVar(&c.reportTest, "report-test", "", "compiled backend/report test binary (go test -c) for the workbook figures")
	flag.IntVar(&c.runs, "runs", 5, "runs per figure")
	flag.IntVar(&c.syncRuns, "sync-runs", 5, "runs of the full sync")
	flag.IntVar(&c.stormRuns, "storm-runs", 3, "runs of each storm (each takes minutes)")
	flag.IntVar(&c.tenants, "tenants", 100, "customer tenants")
	flag.Float64Var(&c.scale, "scale", 2.4, "users-per-tenant scale of the demo size mix")
	flag.DurationVar(&c.latency, "latency", 50*time.Millisecond, "round trip added to every request")
	flag.IntVar(&c.concurrency, "concurrency", 8, "tenants syncing at once (TenantLens' sync.concurrency default)")
	flag.IntVar(&c.sample, "sample", 2, "tenants in the script-style sample")
	flag.StringVar(&sections, "sections", "sync,script,storm,resync,workbook,window", "sections to run")
	flag.Parse()
	if c.windowBin == "" {
		c.windowBin = c.bin
	}
	c.sections = map[string]bool{}
	for _, s := range strings.Split(sections, ",") {
		c.sections[strings.TrimSpace(s)] = true
	}
	ctx := context.Background()
	r := &report{cfg: c, started: time.Now(), storms: map[string][]syncRun{}}
	if err := run(ctx, c, r); err != nil {
		fmt.Fprintln(os.Stderr, "tlbench:", err)
		r.notes = append(r.notes, "ERROR: "+err.Error())
	}
	fmt.Print(r.table())
	if c.out != "" {
		if err := os.WriteFile(c.out, []byte(r.markdown()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "tlbench:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "tlbench: wrote", c.out)
	}
	if r.failed {
		os.Exit(1)
	}
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
}
