package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"tenantlens/backend/config"
	"tenantlens/backend/store"
)

// DemoKeychainService keeps the demo's tokens apart from real ones.
const DemoKeychainService = "TenantLens Demo"

// demoHome is the demo's own data folder, so trying the demo never touches
// real client data: TENANTLENS_HOME when set, else a sibling of the real one.
func demoHome() (string, error) {
	if h := os.Getenv(config.EnvHome); h != "" {
		return h, nil
	}
	real, err := store.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(real), filepath.Base(real)+" Demo"), nil
}

func runDemo(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if env.OpenWindow == nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo: this build cannot open a window")
		return 1
	}
	home, err := demoHome()
	if err != nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo:", err)
		return 1
	}
	opt := WindowOptions{Home: home, Demo: true, KeychainService: DemoKeychainService}
	if err := env.OpenWindow(opt); err != nil {
		fmt.Fprintln(env.Stderr, "tenantlens demo:", err)
		return 1
	}
	return 0
}
