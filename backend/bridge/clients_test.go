package bridge

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
	"tenantlens/backend/derive"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// syncedDemo connects the demo MSP through the bound Tenants service and
// waits for the first syncs.
func syncedDemo(t *testing.T) (Bound, *services.Services) {
	t.Helper()
	sim := graphsim.New(graphsim.Options{AutoConsent: true})
	if err := sim.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	service := "TenantLens-test-clients-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := services.Open(context.Background(), services.Options{
		Home: t.TempDir(), KeychainService: service,
		Override: func(c *config.Config) {
			c.Authority, c.Graph, c.CatalogURL, c.ClientID = sim.AuthorityURL(), sim.GraphURL(), sim.CatalogURL(), graphsim.DemoClientID
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{OpenURL: httpGet})
	if _, err := b.Tenants.Connect(ConnectRequest{Partner: true}); err != nil {
		t.Fatal(err)
	}
	svc.Sync.Wait()
	return b, svc
}

// httpGet plays the browser against graphsim's auto-consent.
func httpGet(u string) error {
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(u)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// csvField quotes a CSV field.
func csvField(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// The window's whole clients flow on the demo MSP: a generic CSV of one
// tenant's company (contacts that are real users of it, one without an
// account) is previewed (nothing stored), committed, mapped by its top
// suggestion; the client's detail is review.ClientAt's figures, its merge
// has exactly the expected categories and its findings name the contact
// without an account. A malformed file is rejected with its line and
// changes nothing.
func TestClientsImportMapDetail(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	b, svc := syncedDemo(t)
	ctx := context.Background()
	tenants, err := b.Tenants.List()
	if err != nil {
		t.Fatal(err)
	}
	var tenant TenantRow
	var members []UserRow
	for _, tr := range tenants {
		if !tr.HasSnapshot {
			continue
		}
		uv, err := b.Data.Users(tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		members = members[:0]
		for _, u := range uv.Rows {
			if u.UserType == "Member" && !u.ResourceAccount && !u.Deleted && strings.Contains(u.UserPrincipalName, "@") {
				members = append(members, u)
			}
		}
		if len(members) >= 3 {
			tenant = tr
			break
		}
	}
	if tenant.ID == "" {
		t.Fatal("no synced demo tenant with three member users")
	}
	members = members[:3]
	ghost := fmt.Sprintf("nobody.%d@%s", time.Now().UnixNano(), tenant.DefaultDomain)
	company := tenant.DisplayName + " Ltd."
	var sb strings.Builder
	sb.WriteString("Company;First name;Last name;E-mail\r\n")
	for i, u := range members {
		fmt.Fprintf(&sb, "%s;%s;Person %d;%s\r\n", csvField(company), csvField("Member"), i, csvField(strings.ToUpper(u.UserPrincipalName)))
	}
	fmt.Fprintf(&sb, "%s;Ghost;Contact;%s\r\n", csvField(company), ghost)
	content := base64.StdEncoding.EncodeToString([]byte(sb.String()))
	in := ImportInput{Content: content, FileName: "contacts.csv"}

	// Preview: the file as read and the outcome of a dry run; nothing stored.
	pv, err := b.Clients.PreviewImport(in)
	if err != nil {
		t.Fatal(err)
	}
	if pv.Failure != nil {
		t.Fatalf("preview rejected the file: %+v", *pv.Failure)
	}
	if pv.Committed || pv.Rows != 4 || pv.Contacts != 4 || pv.Added != 4 || pv.ClientsAdded != 1 || pv.Delimiter != ";" || pv.Encoding != "utf-8" {
		t.Fatalf("preview %+v", pv)
	}
	if strings.Join(pv.Headers, "|") != "Company|First name|Last name|E-mail" || len(pv.Sample) != 4 || pv.Sample[3].Emails[0] != ghost {
		t.Fatalf("preview headers %q sample %+v", pv.Headers, pv.Sample)
	}
	if refs, err := b.Clients.Refs(); err != nil || len(refs) != 0 {
		t.Fatalf("a preview stored clients: %+v (%v)", refs, err)
	}

	// A malformed file (an unclosed quote on line 3) is rejected as a whole.
	bad := base64.StdEncoding.EncodeToString([]byte("Company,Name,Email\r\nA,B,b@x.test\r\n\"C,D,d@x.test\r\n"))
	bv, err := b.Clients.CommitImport(ImportInput{Content: bad, FileName: "bad.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if bv.Failure == nil || bv.Failure.Line != 3 || bv.Failure.Remedy == "" || bv.Committed {
		t.Fatalf("malformed file: %+v", bv)
	}
	if refs, _ := b.Clients.Refs(); len(refs) != 0 {
		t.Fatalf("a rejected file stored clients: %+v", refs)
	}

	// Commit from a path, as after ChooseFile.
	path := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cv, err := b.Clients.CommitImport(ImportInput{Path: path})
	if err != nil || cv.Failure != nil || !cv.Committed || cv.Added != 4 || cv.FileName != "export.csv" {
		t.Fatalf("commit %+v (%v)", cv, err)
	}
	again, err := b.Clients.PreviewImport(in)
	if err != nil || again.Added != 0 || again.Unchanged != 4 {
		t.Fatalf("re-import preview %+v (%v): want 4 unchanged", again, err)
	}

	// Mapping: the tenant is unmapped and its top suggestion is the client.
	mv, err := b.Clients.Mapping(0)
	if err != nil {
		t.Fatal(err)
	}
	if mv.Total != len(tenants) || mv.Mapped != 0 || mv.Unmapped != mv.Total {
		t.Fatalf("mapping counts %d/%d/%d for %d tenants", mv.Total, mv.Mapped, mv.Unmapped, len(tenants))
	}
	var row MappingRow
	for _, r := range mv.Tenants {
		if r.TenantID == tenant.ID {
			row = r
		}
	}
	if len(row.Suggestions) == 0 || row.Suggestions[0].ClientName != company {
		t.Fatalf("%s: suggestions %+v, want %q first", tenant.DisplayName, row.Suggestions, company)
	}
	clientID := row.Suggestions[0].ClientID
	res, err := b.Clients.MapSelected([]MapPair{{TenantID: tenant.ID, ClientID: clientID}, {TenantID: "no-such-tenant", ClientID: clientID}})
	if err != nil || res.Mapped != 1 || len(res.Failed) != 1 || res.Failed[0].TenantID != "no-such-tenant" ||
		!strings.Contains(res.Failed[0].Error, "reload") {
		t.Fatalf("map selected %+v (%v)", res, err)
	}
	if mv, _ = b.Clients.Mapping(0); mv.Mapped != 1 || mv.Unmapped != mv.Total-1 {
		t.Fatalf("after mapping: %d mapped, %d unmapped", mv.Mapped, mv.Unmapped)
	}

	// Detail: review.ClientAt's figures; the merge's three categories.
	d, err := b.Clients.Detail(clientID, "")
	if err != nil {
		t.Fatal(err)
	}
	cd, err := svc.Review(nil).ClientAt(ctx, clientID, 0, "accounts")
	if err != nil {
		t.Fatal(err)
	}
	if !sameRow(d.Client, cd.Row()) {
		t.Fatalf("detail row %+v, review %+v", d.Client, cd.Row())
	}
	if d.KPIs.Users != tenant.Users || d.KPIs.Licensed != tenant.Licensed || len(d.Tenants) != 1 || d.Tenants[0].Users != tenant.Users {
		t.Fatalf("client figures %+v tenants %+v; tenant row %d users %d licensed", d.KPIs, d.Tenants, tenant.Users, tenant.Licensed)
	}
	// The tenant's Secure Score: the tenant line's and the posture card's figures.
	post, err := b.Data.Posture(tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sc := d.Tenants[0].SecureScore; !sc.Available || sc.Percent != post.SecureScore.Percent || sc.Day != post.SecureScore.Day ||
		len(sc.Trend) != len(post.SecureScore.Trend) || sc.Percent != tenant.SecureScore.Percent {
		t.Fatalf("client tenant Secure Score %+v; posture %+v; tenant line %+v", sc, post.SecureScore, tenant.SecureScore)
	}
	counts := map[string]int{}
	for _, r := range d.Rows {
		counts[r.Match]++
	}
	if counts["matched"] != 3 || counts["contact_only"] != 1 || counts["matched"]+counts["account_only"] != d.Client.Matched+d.Client.AccountOnly ||
		d.Client.ContactOnly != 1 || d.Client.Matched != 3 {
		t.Fatalf("merge categories %v; row %+v", counts, d.Client)
	}
	found := false
	for _, f := range d.Findings {
		if f.Kind == "contact_without_account" && strings.Contains(f.Sentence, ghost) && f.Label == "Contact without account" {
			found = true
		}
	}
	if !found || len(d.Findings) != d.Client.Findings {
		t.Fatalf("findings %+v: want the contact without account (%s)", d.Findings, ghost)
	}
	fromContacts, err := b.Clients.Detail(clientID, "contacts")
	if err != nil || fromContacts.MergeFrom != "contacts" || len(fromContacts.Rows) != len(d.Rows) {
		t.Fatalf("merge from contacts: %d rows (%v), from accounts %d", len(fromContacts.Rows), err, len(d.Rows))
	}
	if _, err := b.Clients.Detail(clientID, "sideways"); err == nil {
		t.Fatal("an unknown merge direction was accepted")
	}

	// The list line is the detail's.
	list, err := b.Clients.List()
	if err != nil || len(list) != 1 || !sameRow(list[0], d.Client) {
		t.Fatalf("list %+v (%v)", list, err)
	}

	// The client's workbook: an xlsx (a zip) written where asked.
	out := filepath.Join(t.TempDir(), "client.xlsx")
	eo, err := b.Clients.ExportWorkbook(ClientExportInput{ClientID: clientID, OutPath: out})
	if err != nil || len(eo.Files) != 1 || eo.Rows == 0 {
		t.Fatalf("export %+v (%v)", eo, err)
	}
	if head, err := os.ReadFile(eo.Files[0]); err != nil || len(head) < 4 || string(head[:2]) != "PK" {
		t.Fatalf("%s is not a zip (%v)", eo.Files[0], err)
	}
	if _, err := b.Clients.ExportWorkbook(ClientExportInput{ClientID: clientID}); err == nil || !strings.Contains(err.Error(), "choose where") {
		t.Fatalf("export without a path or a dialog: %v", err)
	}

	// Rename, create, merge, unmap, delete.
	if err := b.Clients.Rename(clientID, "  "); err == nil {
		t.Fatal("an empty name was accepted")
	}
	other, err := b.Clients.Create("Hand-made client")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Clients.Create("hand-made client"); err == nil || !strings.Contains(err.Error(), "merge") {
		t.Fatalf("duplicate name: %v", err)
	}
	if err := b.Clients.Merge(clientID, other.ID); err != nil {
		t.Fatal(err)
	}
	if refs, _ := b.Clients.Refs(); len(refs) != 1 || refs[0].ID != clientID {
		t.Fatalf("after merge: %+v", refs)
	}
	if err := b.Clients.Unmap(tenant.ID); err != nil {
		t.Fatal(err)
	}
	if mv, _ = b.Clients.Mapping(0); mv.Mapped != 0 {
		t.Fatalf("after unmap: %d mapped", mv.Mapped)
	}
	if err := b.Clients.Delete(clientID); err != nil {
		t.Fatal(err)
	}
	if err := b.Clients.Delete(clientID); err == nil || !strings.Contains(err.Error(), "reload") {
		t.Fatalf("deleting a deleted client: %v", err)
	}
	if _, err := b.Clients.Detail(clientID, ""); err == nil || !strings.Contains(err.Error(), "reload") {
		t.Fatalf("detail of a deleted client: %v", err)
	}
}

// sameRow compares two client lines field by field (slices included).
func sameRow(a, b ClientRow) bool { return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b) }

// Auto-map (at the default threshold) maps tenants whose client is named
// like them, never one below the threshold, and every tenant left says why.
func TestClientsAutoMapThreshold(t *testing.T) {
	if testing.Short() {
		t.Skip("ground truth, not goroutines meeting: make test runs it without -race; its -race pass (-short) skips it")
	}
	b, svc := syncedDemo(t)
	ctx := context.Background()
	tenants, err := svc.Store.Tenants(ctx)
	if err != nil || len(tenants) == 0 {
		t.Fatalf("tenants %d (%v)", len(tenants), err)
	}
	for _, tn := range tenants {
		if _, err := svc.Store.CreateClient(ctx, types.Client{Name: tn.DisplayName + " Inc"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Clients.AutoMap(1.5); err == nil {
		t.Fatal("a threshold above 1 was accepted")
	}
	th := derive.DefaultAutoMapThreshold
	res, err := b.Clients.AutoMap(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(tenants) {
		t.Fatalf("auto-map considered %d of %d tenants", len(res), len(tenants))
	}
	mapped := 0
	for _, r := range res {
		if r.Mapped {
			mapped++
			if r.Confidence < th {
				t.Errorf("%s mapped at %.2f, below %.2f", r.TenantName, r.Confidence, th)
			}
		} else if r.Reason == "" {
			t.Errorf("%s left without a reason", r.TenantName)
		}
	}
	mv, err := b.Clients.Mapping(0)
	if err != nil || mapped == 0 || mv.Mapped != mapped || mv.Threshold != th {
		t.Fatalf("mapping after auto-map: %d mapped (auto-map said %d), threshold %v (%v)", mv.Mapped, mapped, mv.Threshold, err)
	}
	t.Logf("auto-map at %.2f mapped %d of %d tenants", th, mapped, len(tenants))
}

// Without a window there is no file dialog, and the message says what to
// do instead; an export of a missing client says to reload.
func TestClientsWithoutDialogs(t *testing.T) {
	b := New(func() (*services.Services, error) { return nil, ErrStarting }, nil, Options{})
	if _, err := b.Clients.ChooseFile(); err == nil || !strings.Contains(err.Error(), "pick it there") {
		t.Fatalf("choose file without a dialog: %v", err)
	}
	if _, err := b.Clients.PreviewImport(ImportInput{}); err != ErrStarting {
		t.Fatalf("preview while starting: %v", err)
	}
	if _, _, err := readImport(ImportInput{}); err == nil || !strings.Contains(err.Error(), "choose") {
		t.Fatalf("no file: %v", err)
	}
	if _, _, err := readImport(ImportInput{Content: "!!not base64"}); err == nil || !strings.Contains(err.Error(), "choose it again") {
		t.Fatalf("bad content: %v", err)
	}
	if _, err := presetOf("salesforce"); err == nil {
		t.Fatal("an unknown preset was accepted")
	}
}
