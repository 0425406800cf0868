package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

var metricRe = regexp.MustCompile(`([0-9.]+) ([A-Za-z][A-Za-z0-9/-]*)`)

// RunGoBench runs one benchmark of a compiled test binary with
// -test.benchtime Nx and returns its reported metrics by unit (e.g.
// "workbook-peak-MB"). The workbook figures come from backend/report's
// BenchmarkPeakRSS100k, which runs each writer in its own child process and
// reports medians over its N rounds.
// dir is the package's folder (tests read testdata and ../shared relative to it).
func RunGoBench(ctx context.Context, testBin, dir, name string, n int) (map[string]float64, error) {
	cmd := exec.CommandContext(ctx, testBin, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", strconv.Itoa(n)+"x")
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", name, err, tail(out.String(), 2000))
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if !strings.HasPrefix(line, name) {
			continue
		}
		m := map[string]float64{}
		for _, g := range metricRe.FindAllStringSubmatch(line, -1) {
			v, err := strconv.ParseFloat(g[1], 64)
			if err == nil {
				m[g[2]] = v
			}
		}
		return m, nil
	}
	return nil, fmt.Errorf("%s: no result line\n%s", name, tail(out.String(), 2000))
}
