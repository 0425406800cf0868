package report

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Peak RSS of the 100,000-user workbook, measured honestly: each writer
// runs alone in a fresh child process (this test binary, TestRSSChild) and
// the parent reads the child's peak RSS from the kernel (getrusage
// RUSAGE_CHILDREN via ProcessState.SysUsage). Three modes share the same
// data: "data" only builds the dataset (the floor both writers stand on),
// "workbook" writes our workbook, "bare" writes the same rows with a bare
// excelize StreamWriter. Each child also times its write alone.
//
//	go test -tags webkit2_41 -run '^$' -bench PeakRSS100k -benchtime 5x ./backend/report
//
// The figures are medians over b.N rounds (use -benchtime 5x or more).

const rssChildEnv = "TENANTLENS_REPORT_RSS_CHILD"

// TestRSSChild is the child side; it does nothing in a normal test run.
func TestRSSChild(t *testing.T) {
	mode := os.Getenv(rssChildEnv)
	if mode == "" {
		t.Skip("runs only as BenchmarkPeakRSS100k's child process")
	}
	doc := NewDocument("Quarterly review", fixtureDataset(t, 100_000, 0, at), nil, nil)
	path := filepath.Join(t.TempDir(), mode+".xlsx")
	start := time.Now()
	switch mode {
	case "data":
	case "workbook":
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteWorkbook(f, doc, nil); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	case "bare":
		if err := writeBare(doc, path); err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	elapsed := time.Since(start)
	fmt.Printf("RSSCHILD write_ns=%d vmhwm_kb=%d\n", elapsed.Nanoseconds(), vmHWM(t))
}

// vmHWM is this process's peak resident set (kB) from /proc/self/status.
func vmHWM(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmHWM:" {
			n, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

type rssRun struct {
	peakKB  int64 // getrusage ru_maxrss of the child (kB on Linux)
	hwmKB   int64 // the child's own VmHWM, as a cross-check
	writeNS int64
}

func runRSSChild(b *testing.B, mode string) rssRun {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestRSSChild$", "-test.count", "1")
	cmd.Env = append(os.Environ(), rssChildEnv+"="+mode)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s child: %v\n%s", mode, err, out)
	}
	var r rssRun
	i := bytes.Index(out, []byte("RSSCHILD "))
	if i < 0 {
		b.Fatalf("%s child printed no figures:\n%s", mode, out)
	}
	if _, err := fmt.Sscanf(string(out[i:]), "RSSCHILD write_ns=%d vmhwm_kb=%d", &r.writeNS, &r.hwmKB); err != nil {
		b.Fatalf("%s child output: %v\n%s", mode, err, out)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Fatal("no rusage for the child process")
	}
	r.peakKB = ru.Maxrss
	return r
}

func medianOf(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// BenchmarkPeakRSS100k reports medians of peak RSS (MB) and write time (s)
// for our workbook and bare excelize, each in its own process, and the
// dataset-only floor.
func BenchmarkPeakRSS100k(b *testing.B) {
	modes := []string{"data", "workbook", "bare"}
	peak := map[string][]float64{}
	secs := map[string][]float64{}
	for i := 0; i < b.N; i++ {
		for _, m := range modes {
			r := runRSSChild(b, m)
			peak[m] = append(peak[m], float64(r.peakKB)/1024)
			secs[m] = append(secs[m], float64(r.writeNS)/1e9)
			b.Logf("round %d %-8s peak %6.1f MB (VmHWM %6.1f MB)  write %.2f s", i+1, m, float64(r.peakKB)/1024, float64(r.hwmKB)/1024, float64(r.writeNS)/1e9)
		}
	}
	b.ReportMetric(medianOf(peak["data"]), "data-peak-MB")
	b.ReportMetric(medianOf(peak["workbook"]), "workbook-peak-MB")
	b.ReportMetric(medianOf(peak["bare"]), "bare-peak-MB")
	b.ReportMetric(medianOf(secs["workbook"]), "workbook-s")
	b.ReportMetric(medianOf(secs["bare"]), "bare-s")
	b.ReportMetric(medianOf(secs["workbook"])/medianOf(secs["bare"]), "time-ratio")
	b.ReportMetric(0, "ns/op")
}
