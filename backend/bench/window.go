package bench

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// WindowResult is one cold start of the real window.
type WindowResult struct {
	FirstPaint time.Duration // process start -> the screen shows the rendered UI
	IdleRSSKB  int64         // the tenantlens process, 10 s after first paint
	TreeRSSKB  int64         // with its WebKit helper processes
}

// paintedColours: a screen with at least this many distinct colours shows
// the rendered UI (a blank screen or an empty window has one or two).
const paintedColours = 24

// Window starts `bin demo` on a private Xvfb display, polls screenshots of
// the root window until the UI is painted, waits idle, reads RSS from /proc
// and stops the app.
func Window(ctx context.Context, bin, home string, display int, idle time.Duration) (WindowResult, error) {
	var res WindowResult
	disp := ":" + strconv.Itoa(display)
	xvfb := exec.CommandContext(ctx, "Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		return res, fmt.Errorf("Xvfb: %w", err)
	}
	defer func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() }()
	env := append(os.Environ(), "DISPLAY="+disp, "TENANTLENS_HOME="+home)
	// the display must answer before the app starts
	for i := 0; ; i++ {
		c := exec.CommandContext(ctx, "xwininfo", "-root")
		c.Env = env
		if c.Run() == nil {
			break
		}
		if i > 100 {
			return res, fmt.Errorf("Xvfb %s did not start", disp)
		}
		time.Sleep(50 * time.Millisecond)
	}
	app := exec.CommandContext(ctx, bin, "demo")
	app.Env = env
	app.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var logb bytes.Buffer
	app.Stdout, app.Stderr = &logb, &logb
	start := time.Now()
	if err := app.Start(); err != nil {
		return res, err
	}
	defer func() {
		_ = syscall.Kill(-app.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = app.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-app.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}()
	deadline := start.Add(60 * time.Second)
	for {
		if time.Now().After(deadline) {
			return res, fmt.Errorf("no painted window after 60 s; app output:\n%s", tail(logb.String(), 2000))
		}
		n, err := screenColours(ctx, env)
		if err == nil && n >= paintedColours {
			res.FirstPaint = time.Since(start)
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(idle)
	res.IdleRSSKB = procRSS(app.Process.Pid)
	res.TreeRSSKB = res.IdleRSSKB
	for _, pid := range descendants(app.Process.Pid) {
		res.TreeRSSKB += procRSS(pid)
	}
	return res, nil
}

// screenColours counts distinct colours of a root-window screenshot (up to
// paintedColours).
func screenColours(ctx context.Context, env []string) (int, error) {
	c := exec.CommandContext(ctx, "import", "-silent", "-window", "root", "png:-")
	c.Env = env
	out, err := c.Output()
	if err != nil {
		return 0, err
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return 0, err
	}
	return countColours(img, paintedColours), nil
}

func countColours(img image.Image, limit int) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// procRSS reads VmRSS (kB) of a process; 0 when gone.
func procRSS(pid int) int64 { return procStatus(pid, "VmRSS:") }

// procStatus reads a kB field of /proc/PID/status.
func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// descendants lists every process below pid.
func descendants(pid int) []int {
	parent := map[int]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) > 1 {
			pp, _ := strconv.Atoi(f[1])
			parent[p] = pp
		}
	}
	var out []int
	frontier := []int{pid}
	for len(frontier) > 0 {
		cur := frontier[0]
		frontier = frontier[1:]
		for p, pp := range parent {
			if pp == cur {
				out = append(out, p)
				frontier = append(frontier, p)
			}
		}
	}
	return out
}
