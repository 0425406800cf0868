package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"tenantlens/backend/graphsim"
)

// CLI runs the tenantlens binary against a Server with its own data folder.
type CLI struct {
	Bin  string
	Home string
	Srv  *Server
}

// Run is one finished child process.
type Run struct {
	Wall     time.Duration
	MaxRSSKB int64 // the child's own peak RSS (getrusage ru_maxrss)
	Stdout   string
	Stderr   string
}

func (c CLI) cmd(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, c.Bin, args...)
	cmd.Env = append(os.Environ(),
		"TENANTLENS_HOME="+c.Home,
		"TENANTLENS_AUTHORITY="+c.Srv.Authority(),
		"TENANTLENS_GRAPH="+c.Srv.Graph(),
		"TENANTLENS_CLIENT_ID="+c.clientID(),
		"TENANTLENS_CATALOG_URL="+c.Srv.Catalog(),
	)
	return cmd
}

func (c CLI) clientID() string { return graphsim.DemoClientID }

// Run runs the binary to completion and reports wall time and peak RSS.
func (c CLI) Run(ctx context.Context, args ...string) (Run, error) {
	cmd := c.cmd(ctx, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := Run{Wall: time.Since(start), Stdout: out.String(), Stderr: errb.String()}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSSKB = ru.Maxrss
		}
	}
	if err != nil {
		return r, fmt.Errorf("tenantlens %s: %w\n%s", strings.Join(args, " "), err, tail(r.Stderr, 2000))
	}
	return r, nil
}

// ConnectPartner runs `connect --partner --no-browser` and plays the
// browser: the printed sign-in URL is fetched and its redirect followed to
// the CLI's loopback listener (graphsim auto-consents).
func (c CLI) ConnectPartner(ctx context.Context) (string, error) {
	cmd := c.cmd(ctx, "connect", "--partner", "--no-browser")
	pr, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		return "", err
	}
	var out strings.Builder
	sc := bufio.NewScanner(pr)
	opened := false
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if u, ok := strings.CutPrefix(line, "open: "); ok && !opened {
			opened = true
			go func() {
				resp, err := (&http.Client{Timeout: time.Minute}).Get(u)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
	}
	if err := cmd.Wait(); err != nil {
		return out.String(), fmt.Errorf("connect --partner: %w\n%s", err, tail(errb.String(), 2000))
	}
	return out.String(), nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
