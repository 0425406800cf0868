// Command graphsim runs the emulated Microsoft cloud standalone.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"tenantlens/backend/graphsim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(graphsim.EmulatorMain(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
