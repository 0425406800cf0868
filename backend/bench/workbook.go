package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"syscall"
	"time"
)

// GoBench is one benchmark run in its own process (so its peak RSS is its own).
type GoBench struct {
	PerOp    time.Duration
	MaxRSSKB int64
}

var nsOpRe = regexp.MustCompile(`\s([0-9.]+) ns/op`)

// RunGoBench runs one benchmark of a compiled test binary once
// (-test.benchtime 1x) and reads ns/op and the child's ru_maxrss.
func RunGoBench(ctx context.Context, testBin, name string) (GoBench, error) {
	cmd := exec.CommandContext(ctx, testBin, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", "1x", "-test.benchmem")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return GoBench{}, fmt.Errorf("%s: %w\n%s", name, err, tail(out.String(), 2000))
	}
	m := nsOpRe.FindStringSubmatch(out.String())
	if m == nil {
		return GoBench{}, fmt.Errorf("%s: no ns/op in output\n%s", name, tail(out.String(), 2000))
	}
	ns, _ := strconv.ParseFloat(m[1], 64)
	r := GoBench{PerOp: time.Duration(ns)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.MaxRSSKB = ru.Maxrss
	}
	return r, nil
}
