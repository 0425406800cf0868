package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	goruntime "runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/identity"
	"tenantlens/backend/review"
	"tenantlens/backend/secrets"
	"tenantlens/backend/types"
)

// Issue 4 acceptance 2, and the whole headless path of one tenant: connect
// --no-browser with the printed URL fetched by a plain HTTP client, sync,
// users, licenses, export, disconnect — numbers against graphsim's ground
// truth, and no token in any output or file.
func TestConnectDirectNoBrowserThenSyncReportDisconnect(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	want := e.sim.MSP().Customers[0] // Harbor Dental Group
	truth := e.sim.GroundTruth(want.ID)

	code, out, errOut, opened := e.connect("--tenant", want.DefaultDomain, "--no-browser")
	if code != 0 {
		t.Fatalf("connect: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if len(opened) != 1 || !strings.HasPrefix(opened[0], e.auth+"/"+want.ID+"/oauth2/v2.0/authorize?") {
		t.Fatalf("open: lines %q (authority %s)", opened, e.auth)
	}
	if !strings.Contains(out, want.DisplayName) || !strings.Contains(out, "1 ready") {
		t.Errorf("connect output does not list the tenant as ready:\n%s", out)
	}
	for _, step := range []string{"Looking up " + want.DefaultDomain, "Signed in.", "Saving the sign-in"} {
		if !strings.Contains(errOut, step) {
			t.Errorf("connect progress lacks %q:\n%s", step, errOut)
		}
	}
	if strings.Contains(errOut, "/oauth2/v2.0/authorize") {
		t.Errorf("--no-browser repeats the link on stderr:\n%s", errOut)
	}

	rows := e.tenants()
	if len(rows) != 1 || rows[0].ID != want.ID || rows[0].Access != string(types.AccessReady) || rows[0].HasSnapshot ||
		rows[0].ConnectionKind != string(types.ConnectionDirect) || rows[0].DefaultDomain != want.DefaultDomain {
		t.Fatalf("tenants --json after connect: %+v", rows)
	}
	conns := e.connections()
	if len(conns) != 1 {
		t.Fatalf("%d connections stored", len(conns))
	}
	if _, err := secrets.New("").Get(conns[0].SecretKey); err != nil {
		t.Fatalf("the refresh token is not in the keychain: %v", err)
	}

	// sync one tenant, by domain
	code, out, errOut = e.cli("sync", "--tenant", want.DefaultDomain, "--json")
	if code != 0 {
		t.Fatalf("sync: exit %d\n%s\n%s", code, out, errOut)
	}
	var res []SyncRow
	mustJSON(t, out, &res)
	if len(res) != 1 || res[0].Status != string(types.RunSucceeded) || res[0].TenantID != want.ID || res[0].RunID == 0 {
		t.Fatalf("sync rows: %+v", res)
	}
	if res[0].Users != truth.Users || res[0].Licensed != truth.LicensedUsers {
		t.Errorf("sync: %d users / %d licensed, ground truth %d / %d", res[0].Users, res[0].Licensed, truth.Users, truth.LicensedUsers)
	}
	if !strings.Contains(errOut, "sync: "+want.DisplayName+": ") {
		t.Errorf("no progress lines on stderr:\n%s", errOut)
	}

	rows = e.tenants()
	if len(rows) != 1 || !rows[0].HasSnapshot || rows[0].Users != truth.Users || rows[0].Licensed != truth.LicensedUsers ||
		rows[0].LastSyncStatus != string(types.RunSucceeded) || rows[0].Inactive != truth.Inactive {
		t.Errorf("tenants --json after sync: %+v\ntruth %+v", rows, truth)
	}
	code, out, _ = e.cli("tenants")
	if code != 0 || !strings.Contains(out, want.DisplayName) || !strings.Contains(out, "succeeded") || !strings.Contains(out, "MFA %") {
		t.Errorf("tenants table (exit %d):\n%s", code, out)
	}

	// users: the Users page of the tenant (deleted users left out)
	code, out, errOut = e.cli("users", "--tenant", want.ID, "--json")
	if code != 0 {
		t.Fatalf("users: exit %d: %s", code, errOut)
	}
	var users review.UsersView
	mustJSON(t, out, &users)
	registered := 0
	for _, u := range users.Rows {
		if u.Deleted || u.TenantID != want.ID {
			t.Errorf("users row %+v", u)
		}
		if u.MFAStatus == string(types.MFAEnabled) {
			registered++
		}
	}
	if len(users.Rows) != truth.Users || registered != truth.MFARegistered {
		t.Errorf("users --json: %d rows, %d MFA enabled; ground truth %d users, %d registered (%d deleted left out)",
			len(users.Rows), registered, truth.Users, truth.MFARegistered, truth.Deleted)
	}
	code, out, _ = e.cli("users", "--tenant", want.DefaultDomain)
	if code != 0 || !strings.Contains(out, want.Admin.UserPrincipalName) || !strings.Contains(out, "USER PRINCIPAL NAME") {
		t.Errorf("users table (exit %d) lacks the admin:\n%.2000s", code, out)
	}

	// licenses: assigned per SKU equals what graphsim consumed
	code, out, errOut = e.cli("licenses", "--tenant", want.ID, "--json")
	if code != 0 {
		t.Fatalf("licenses: exit %d: %s", code, errOut)
	}
	var lic review.LicensesView
	mustJSON(t, out, &lic)
	got := map[string]int{}
	for _, l := range lic.Rows {
		got[l.SkuID] = l.Assigned
	}
	if !reflect.DeepEqual(got, truth.ConsumedBySKU) {
		t.Errorf("licenses --json assigned %v, ground truth %v", got, truth.ConsumedBySKU)
	}
	code, out, _ = e.cli("licenses", "--tenant", want.ID)
	if code != 0 || !strings.Contains(out, "PURCHASED") || len(lic.Rows) == 0 || !strings.Contains(out, lic.Rows[0].PartNumber) {
		t.Errorf("licenses table (exit %d):\n%s", code, out)
	}

	// export: the default template's workbook
	xlsx := filepath.Join(t.TempDir(), "review.xlsx")
	code, out, errOut = e.cli("export", "--tenant", want.DefaultDomain, "--out", xlsx)
	if code != 0 || strings.TrimSpace(out) != xlsx {
		t.Fatalf("export: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "export: ") {
		t.Errorf("no export progress on stderr: %q", errOut)
	}
	checkWorkbook(t, xlsx, len(users.Rows))
	csvBase := filepath.Join(t.TempDir(), "review.csv")
	code, out, errOut = e.cli("export", "--tenant", want.ID, "--out", csvBase, "--format", "csv")
	if files := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(files) < 2 {
		t.Errorf("csv export: exit %d, files %q, %s", code, out, errOut)
	} else {
		for _, f := range files {
			if st, err := os.Stat(f); err != nil || st.Size() == 0 || !strings.HasSuffix(f, ".csv") {
				t.Errorf("csv export file %s: %v", f, err)
			}
		}
	}

	// disconnect: tenant, data and (its last tenant) the keychain entry
	code, out, errOut = e.cli("disconnect", "--tenant", want.DefaultDomain)
	if code != 0 || !strings.Contains(out, "Removed "+want.DisplayName) || !strings.Contains(out, "keychain") {
		t.Fatalf("disconnect: exit %d\n%s\n%s", code, out, errOut)
	}
	if rows := e.tenants(); len(rows) != 0 {
		t.Errorf("tenants after disconnect: %+v", rows)
	}
	if _, err := secrets.New("").Get(conns[0].SecretKey); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("keychain entry after disconnect: %v (want ErrNotFound)", err)
	}
	if cs := e.connections(); len(cs) != 0 {
		t.Errorf("connections after disconnect: %+v", cs)
	}
	e.assertNoTokens(3)
}

// checkWorkbook opens the export with excelize: the default template's
// sheets in order, and one Users row per user.
func checkWorkbook(t *testing.T, path string, users int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize cannot open the export: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Summary", "Users", "Licenses", "MFA", "Reclaim", "Right-size", "Renewals", "Assignment Errors", "Security"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows("Users")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != users+1 || len(rows[0]) == 0 || rows[0][0] != "Display Name" {
		t.Errorf("Users sheet: %d rows (want header + %d), header %v", len(rows), users, rows[0])
	}
}

// Without --no-browser, connect runs the system's opener (xdg-open on
// Linux); here a stand-in xdg-open fetches the link with curl, as a
// browser would, and the connect completes.
func TestConnectOpensTheSystemBrowser(t *testing.T) {
	if goruntime.GOOS != "linux" {
		t.Skip("the stand-in opener is xdg-open")
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl not installed")
	}
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	bin := t.TempDir()
	log := filepath.Join(bin, "opened")
	script := "#!/bin/sh\necho \"$1\" >>" + log + "\nexec " + curl + " -fsS -L -o /dev/null \"$1\"\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	c := e.sim.MSP().Customers[3]
	code, out, errOut := e.cli("connect", "--tenant", c.DefaultDomain)
	if code != 0 {
		t.Fatalf("connect: exit %d\n%s\n%s", code, out, errOut)
	}
	opened, err := os.ReadFile(log)
	if err != nil || !strings.HasPrefix(string(opened), e.auth+"/"+c.ID+"/oauth2/v2.0/authorize?") {
		t.Fatalf("xdg-open was given %q (%v)", opened, err)
	}
	if strings.Contains(out, "open: ") || !strings.Contains(errOut, strings.TrimSpace(string(opened))) {
		t.Errorf("the link should be on stderr for copying, not an open: line on stdout:\n%s\n%s", out, errOut)
	}
	if rows := e.tenants(); len(rows) != 1 || rows[0].ID != c.ID || rows[0].Access != string(types.AccessReady) {
		t.Errorf("tenants after connect: %+v", rows)
	}
	e.assertNoTokens(3)
}

// A failed sign-in exits 1 with identity's message and remedy.
func TestConnectFailuresExitOneWithTheRemedy(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	c := e.sim.MSP().Customers[1]
	e.sim.SetKnobs(c.ID, graphsim.Knobs{ConsentDenied: true})
	code, out, errOut, opened := e.connect("--tenant", c.DefaultDomain, "--no-browser")
	if code != 1 || len(opened) == 0 {
		t.Fatalf("declined consent: exit %d, opened %d\n%s\n%s", code, len(opened), out, errOut)
	}
	if !strings.Contains(errOut, identity.MsgCancelled) || !strings.Contains(errOut, identity.RemedyCancelled) {
		t.Errorf("stderr lacks the cancelled message and remedy:\n%s", errOut)
	}
	code, _, errOut, opened = e.connect("--tenant", "no-such-tenant.example", "--no-browser")
	if code != 1 || len(opened) != 0 || !strings.Contains(errOut, "could not find the tenant") {
		t.Errorf("unknown tenant: exit %d, opened %v:\n%s", code, opened, errOut)
	}
	if rows := e.tenants(); len(rows) != 0 {
		t.Errorf("failed connects stored tenants: %+v", rows)
	}
	e.assertNoTokens(0)
}

// Without --no-browser a browser that cannot start falls back to printing
// the link the same way.
func TestSystemBrowserFallsBackToPrintingTheLink(t *testing.T) {
	var out bytes.Buffer
	b := systemBrowser{out: &out, run: func(string) error { return errors.New("xdg-open: not found") }}
	if err := b.Open("http://127.0.0.1:1/authorize?x=1"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\nopen: http://127.0.0.1:1/authorize?x=1\n") || !strings.Contains(out.String(), "xdg-open: not found") {
		t.Errorf("fallback output %q", out.String())
	}
	out.Reset()
	var ran string
	b = systemBrowser{out: &out, run: func(u string) error { ran = u; return nil }}
	if err := b.Open("http://x/y"); err != nil || ran != "http://x/y" || out.Len() != 0 {
		t.Errorf("browser opened %q, printed %q, err %v", ran, out.String(), err)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Setenv("TENANTLENS_HOME", t.TempDir())
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--client", "Contoso", "--all-clients", "--out", "x.xlsx"}, "exactly one of"},
		{[]string{"export", "--tenant", "a"}, "--out"},
		{[]string{"export", "--tenant", "a", "--all", "--out", "x.xlsx"}, "exactly one of"},
		{[]string{"export", "--all", "--out", "x.pdf", "--format", "pdf"}, "unknown --format"},
		{[]string{"sync", "--tenant", "a", "--all"}, "not both"},
		{[]string{"connect"}, "--tenant ID|DOMAIN, or --partner"},
		{[]string{"connect", "--tenant", "a.com", "extra"}, "unexpected argument"},
		{[]string{"disconnect"}, "--tenant ID or --partner"},
		{[]string{"users"}, "--tenant ID"},
		{[]string{"licenses", "--bogus"}, "flag provided but not defined"},
	} {
		code, _, errOut := run(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q (want 2 and %q)", c.args, code, errOut, c.want)
		}
	}
}

// A second process on the data folder (the window, another command) gets
// the lock's message and exit 1.
func TestLockedDataFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("TENANTLENS_HOME", home)
	holder, _, _ := run(t, "tenants") // creates the folder and database
	if holder != 0 {
		t.Fatalf("tenants on an empty folder: exit %d", holder)
	}
	release := holdLock(t, home)
	defer release()
	for _, args := range [][]string{{"tenants"}, {"sync", "--all"}, {"users", "--tenant", "x"}, {"connect", "--partner"}} {
		code, out, errOut := run(t, args...)
		if code != 1 || !strings.Contains(errOut, "TenantLens is already running on this data folder") || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func holdLock(t *testing.T, home string) func() {
	t.Helper()
	s, code := open(context.Background(), Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}, "test", nil)
	if s == nil || s.svc.Config().Home != home {
		t.Fatalf("open: exit %d", code)
	}
	return s.close
}

// Ctrl-C while connect waits for the browser stops it cleanly: exit 1,
// nothing stored.
func TestConnectCancelledWhileWaiting(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errb lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"connect", "--tenant", e.sim.MSP().Customers[0].DefaultDomain, "--no-browser"}, Env{Stdout: pw, Stderr: &errb})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "open: ") {
			cancel() // the user presses Ctrl-C instead of signing in
		}
	}
	select {
	case code := <-done:
		if code != 1 || !strings.Contains(errb.String(), "tenantlens connect: cancelled") {
			t.Errorf("exit %d, stderr %q", code, errb.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("connect did not stop after cancel")
	}
	if rows := e.tenants(); len(rows) != 0 {
		t.Errorf("a cancelled connect stored %+v", rows)
	}
}
