package cli

import (
	"context"

	"tenantlens/backend/graphsim"
)

// runEmulator serves graphsim standalone (scripts and CI drive it with curl
// and `tenantlens connect --no-browser`).
func runEmulator(ctx context.Context, env Env, args []string) int {
	return graphsim.EmulatorMain(ctx, args, env.Stdout, env.Stderr)
}
