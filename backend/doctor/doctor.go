// Package doctor checks that this machine can run TenantLens: data folder,
// SQLite engine, OS keychain and the web view runtime.
package doctor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Check is one line of the report.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Report is the whole result; OK only when every check passed.
type Report struct {
	Checks []Check `json:"checks"`
	OK     bool    `json:"ok"`
}

// Deps are the parts doctor probes.
type Deps struct {
	DataDir  string
	SQLite   func(ctx context.Context) (string, error) // engine version
	Keychain func() error                              // write/read/delete round trip
	WebView  func() (string, error)                    // nil: platform default
}

// Run performs every check; it never panics on a missing part.
func Run(ctx context.Context, d Deps) Report {
	var r Report
	add := func(name string, err error, okDetail string) {
		c := Check{Name: name, OK: err == nil, Detail: okDetail}
		if err != nil {
			c.Detail = err.Error()
		}
		r.Checks = append(r.Checks, c)
	}
	add("data folder", checkWritable(d.DataDir), d.DataDir+" is writable")
	if d.SQLite != nil {
		v, err := d.SQLite(ctx)
		add("sqlite", err, "SQLite "+v)
	}
	if d.Keychain != nil {
		add("keychain", d.Keychain(), "write, read and delete round trip succeeded")
	}
	wv := d.WebView
	if wv == nil {
		wv = webViewPresent
	}
	v, err := wv()
	add(webViewName(), err, v)
	r.OK = true
	for _, c := range r.Checks {
		r.OK = r.OK && c.OK
	}
	return r
}

func checkWritable(dir string) error {
	if dir == "" {
		return fmt.Errorf("no data folder configured")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, ".doctor-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	name := f.Name()
	_, werr := f.WriteString("ok")
	f.Close()
	os.Remove(name)
	if werr != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, werr)
	}
	return nil
}

func webViewName() string {
	switch runtime.GOOS {
	case "windows":
		return "webview2"
	case "darwin":
		return "webkit"
	default:
		return "webkitgtk"
	}
}

// webViewPresent looks for the WebKitGTK 4.1 library the Linux build links.
func webViewPresent() (string, error) {
	if runtime.GOOS != "linux" {
		return "provided by the operating system", nil
	}
	const lib = "libwebkit2gtk-4.1.so.0"
	dirs := []string{"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"}
	if extra := os.Getenv("LD_LIBRARY_PATH"); extra != "" {
		dirs = append(strings.Split(extra, ":"), dirs...)
	}
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, lib)); err == nil {
			return "WebKitGTK 4.1 at " + filepath.Join(d, lib), nil
		}
	}
	return "", fmt.Errorf("WebKitGTK 4.1 (%s) not found: install libwebkit2gtk-4.1-0", lib)
}

// Format renders the report as "ok   name  detail" lines.
func Format(r Report) string {
	var b strings.Builder
	for _, c := range r.Checks {
		status := "ok  "
		if !c.OK {
			status = "FAIL"
		}
		fmt.Fprintf(&b, "%s  %-10s  %s\n", status, c.Name, c.Detail)
	}
	return b.String()
}
