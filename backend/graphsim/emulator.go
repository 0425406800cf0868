package graphsim

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// EmulatorMain runs `tenantlens emulator [--listen ADDR] [--tenants N]
// [--seed S] [--latency D] [--throttle F] [--auto-consent] [--catalog FILE]`:
// it prints "authority: URL" and "graph: URL" lines, then serves until ctx
// is done. It returns the process exit code.
func EmulatorMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "listen address (127.0.0.1 only)")
	tenants := fs.Int("tenants", 12, "number of customer tenants")
	seed := fs.Int64("seed", 1, "generator seed")
	latency := fs.Duration("latency", 0, "added latency per Graph request")
	throttle := fs.Float64("throttle", 0, "fraction of Graph requests answered 429")
	auto := fs.Bool("auto-consent", false, "authorize redirects straight back with a code")
	catalog := fs.String("catalog", "", "serve this licensing CSV instead of the demo's")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "emulator: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *throttle < 0 || *throttle >= 1 {
		fmt.Fprintln(stderr, "emulator: --throttle must be in [0, 1)")
		return 2
	}
	start := time.Now()
	s := New(Options{Seed: *seed, Tenants: *tenants, AutoConsent: *auto, Interactive: !*auto, CatalogFile: *catalog})
	if *latency > 0 || *throttle > 0 {
		s.SetKnobs("*", Knobs{Latency: *latency, ThrottleFraction: *throttle, RetryAfter: time.Second})
	}
	if err := s.StartOn(*listen); err != nil {
		fmt.Fprintf(stderr, "emulator: %v\n", err)
		return 1
	}
	defer s.Close()
	users := 0
	for _, t := range s.all {
		users += len(t.Users)
	}
	fmt.Fprintf(stdout, "authority: %s\n", s.AuthorityURL())
	fmt.Fprintf(stdout, "graph: %s\n", s.GraphURL())
	fmt.Fprintf(stdout, "catalog: %s\n", s.CatalogURL())
	fmt.Fprintf(stdout, "client: %s\n", DemoClientID)
	if p := s.msp.Partner; p != nil {
		fmt.Fprintf(stdout, "partner: %s %s (%s)\n", p.ID, p.DefaultDomain, p.DisplayName)
	}
	for _, c := range s.msp.Customers {
		fmt.Fprintf(stdout, "customer: %s %s (%s)\n", c.ID, c.DefaultDomain, c.DisplayName)
	}
	fmt.Fprintf(stdout, "tenants: %d customers, %d users, generated in %s\n", len(s.msp.Customers), users, time.Since(start).Round(time.Millisecond))
	<-ctx.Done()
	return 0
}
