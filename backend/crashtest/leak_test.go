package crashtest

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/graphsim"
)

// Issue 10, token-leak scan: the whole CLI flow against graphsim — connect
// as partner and one tenant directly, sync --all twice (every refresh token
// rotates), tenants/users/licenses --json, workbook, CSV and HTML exports —
// with every command a child process whose temp, cache, config and state
// folders are the run's own. Then every access token, refresh token and
// authorization code graphsim issued, and a distinctive 16–24 character
// piece of each, is searched for in every file of the data folder (SQLite
// file, WAL, logs, caches; SQLite rows and xlsx members decoded), the run's
// other folders, the exports and everything the commands printed: zero
// hits.
func TestNoTokenLeaks(t *testing.T) {
	sim := graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true})
	e := newEnv(t, sim)
	ready := e.connectAll()
	for i := 0; i < 2; i++ {
		if c := e.run(5*time.Minute, "sync", "--all", "--json"); c.code != 0 {
			t.Fatalf("sync --all: exit %d\n%s", c.code, c.stderr.String())
		}
	}
	e.tenantRows()
	for _, args := range [][]string{{"users", "--tenant", ready[0], "--json"}, {"licenses", "--tenant", ready[0], "--json"},
		{"users", "--tenant", ready[1]}, {"tenants"}} {
		if c := e.run(time.Minute, args...); c.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, c.code, c.stderr.String())
		}
	}
	exports := filepath.Join(e.root, "exports")
	if err := os.MkdirAll(exports, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "--all", "--out", filepath.Join(exports, "all.xlsx")},
		{"export", "--tenant", ready[0], "--out", filepath.Join(exports, "one.xlsx")},
		{"export", "--tenant", ready[0], "--out", filepath.Join(exports, "one.csv")},
		{"export", "--tenant", ready[1], "--out", filepath.Join(exports, "two.html")},
	} {
		if c := e.run(2*time.Minute, args...); c.code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, c.code, c.stderr.String())
		}
	}

	issued := sim.IssuedSecrets()
	// at least: one code and one refresh token per connect, and an access
	// and a refresh token per ready tenant per sync
	if min := 2*2 + 2*2*len(ready); len(issued) < min {
		t.Fatalf("graphsim issued %d secrets, want at least %d: the scan would prove little", len(issued), min)
	}
	ls := newLeakScanner(issued)
	for _, dir := range []string{e.home, e.root} {
		if err := ls.scanTree(dir); err != nil {
			t.Fatal(err)
		}
	}
	e.mu.Lock()
	ls.scanBytes("the commands' stdout and stderr", e.output.Bytes())
	e.mu.Unlock()
	t.Logf("token-leak scan: %d secrets (%d probes) checked in %d files/members/dumps (%d bytes), %d hits",
		len(issued), len(ls.probes), ls.files, ls.bytes, len(ls.hits))
	if ls.files < 8 {
		t.Errorf("only %d files scanned: the run should have left a database, its WAL and four exports", ls.files)
	}
	for _, h := range ls.hits {
		t.Errorf("token leak: %s", h)
	}

	// The scan finds what it looks for: a token planted whole in a file, a
	// 24-character piece of another in a binary blob, and one inside a
	// SQLite row and a zip member are all reported, by position only.
	t.Run("negative control", func(t *testing.T) {
		plant := t.TempDir()
		long := longest(issued)
		other := issued[0]
		if other == long {
			other = issued[1]
		}
		mid := long[len(long)/2-12 : len(long)/2+12]
		write := func(name string, b []byte) {
			if err := os.WriteFile(filepath.Join(plant, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		write("log.txt", []byte("time=now level=debug token="+other+"\n"))
		write("blob.bin", append(append([]byte{0, 1, 2, 0xff}, mid...), 0, 0))
		var zb bytes.Buffer
		zw := zip.NewWriter(&zb)
		w, err := zw.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(strings.Repeat("<c>padding</c>", 200) + "<c>" + other + "</c>"))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		write("planted.xlsx", zb.Bytes())
		db, err := sql.Open("sqlite", "file:"+filepath.Join(plant, "planted.db"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`CREATE TABLE t(v TEXT); INSERT INTO t VALUES (?)`, long); err != nil {
			t.Fatal(err)
		}
		db.Close()

		ctl := newLeakScanner(issued)
		if err := ctl.scanTree(plant); err != nil {
			t.Fatal(err)
		}
		report := strings.Join(ctl.hits, "\n")
		for _, want := range []string{"log.txt contains", "blob.bin contains", "planted.xlsx!xl/worksheets/sheet1.xml contains", "planted.db (every row of 1 tables) contains"} {
			if !strings.Contains(report, want) {
				t.Errorf("the scan missed a planted secret (%s); it reported:\n%s", want, report)
			}
		}
		if strings.Contains(report, other) || strings.Contains(report, mid) || strings.Contains(report, long) {
			t.Fatalf("a hit report contains the secret itself")
		}
		t.Logf("negative control: %d hits in %d files/members/dumps", len(ctl.hits), ctl.files)
	})
}

func longest(ss []string) string {
	var l string
	for _, s := range ss {
		if len(s) > len(l) {
			l = s
		}
	}
	return l
}
