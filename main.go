// TenantLens: Microsoft 365 licence, MFA and usage reviews for MSPs.
// With no arguments it opens the window; with arguments it runs a headless
// command (see backend/cli).
package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"tenantlens/backend/cli"
	"tenantlens/backend/winconsole"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	if len(os.Args) > 1 {
		// tenantlens.exe is a GUI program: print to the console it was run from
		winconsole.Attach()
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := cli.Main(ctx, os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, OpenWindow: runWindow})
		stop()
		os.Exit(code)
	}
	if err := runWindow(cli.WindowOptions{}); err != nil {
		fmt.Fprintln(os.Stderr, "tenantlens:", err)
		os.Exit(1)
	}
}
