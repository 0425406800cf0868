package store

import (
	"context"
	"errors"
	"testing"

	"tenantlens/backend/types"
)

func csvBatch(contacts ...ImportContact) ContactBatch {
	return ContactBatch{Source: types.SourceCSV, FileName: "contacts.csv", Preset: "connectwise", Rows: len(contacts), Contacts: contacts}
}

func contactsByPSAID(t *testing.T, s *Store) map[string]types.PSAContact {
	t.Helper()
	all, err := s.AllContacts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]types.PSAContact{}
	for _, c := range all {
		key := c.PSAID
		if key == "" && len(c.Emails) > 0 {
			key = c.Emails[0]
		}
		m[key] = c
	}
	return m
}

// Re-import updates rather than duplicates (keyed by PSA id, else email);
// contacts gone from the new export are marked gone, not deleted; a dry run
// reports exactly what the import then does and changes nothing.
func TestImportContactsReimportSemantics(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	first := csvBatch(
		ImportContact{PSAID: "1", CompanyPSAID: "250", Company: "Contoso Ltd", FirstName: "Megan", LastName: "Bowen", Emails: []string{"MeganB@contoso.com"}, Active: true},
		ImportContact{PSAID: "2", CompanyPSAID: "250", Company: "Contoso Ltd", FirstName: "Alex", Emails: []string{"alex@outlook.com", "AlexW@contoso.com"}, Active: true},
		ImportContact{Company: "Fabrikam, Inc.", FirstName: "IT", Emails: []string{"it@fabrikam.com"}, Active: true},
		ImportContact{PSAID: "4", Company: "Fabrikam, Inc.", FirstName: "Diego", Active: true},
	)
	dry := first
	dry.DryRun = true
	preview, err := s.ImportContacts(ctx, dry)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(contactsByPSAID(t, s)); n != 0 {
		t.Fatalf("the dry run stored %d contacts", n)
	}
	if cs, _ := s.Clients(ctx); len(cs) != 0 {
		t.Fatalf("the dry run stored %d clients", len(cs))
	}
	got, err := s.ImportContacts(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if got.Added != 4 || got.ClientsAdded != 2 || preview.Added != got.Added || preview.ClientsAdded != got.ClientsAdded {
		t.Fatalf("import %+v, preview %+v", got, preview)
	}
	// Same file again: nothing added, nothing updated.
	again, err := s.ImportContacts(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Updated != 0 || again.Unchanged != 4 || again.Deactivated != 0 || again.ClientsAdded != 0 {
		t.Fatalf("re-import of the same file: %+v", again)
	}
	// Next export: Megan's title changed, the id-less IT contact is found by
	// email (other case), Alex and Diego are gone, a new hire arrives.
	next := csvBatch(
		ImportContact{PSAID: "1", CompanyPSAID: "250", Company: "Contoso Ltd", FirstName: "Megan", LastName: "Bowen", Title: "CEO", Emails: []string{"MeganB@contoso.com"}, Active: true},
		ImportContact{Company: "Fabrikam, Inc.", FirstName: "IT", Emails: []string{"IT@Fabrikam.com"}, Active: true},
		ImportContact{PSAID: "5", CompanyPSAID: "250", Company: "Contoso Ltd", FirstName: "Nestor", Emails: []string{"nestor@contoso.com"}, Active: true},
	)
	dry = next
	dry.DryRun = true
	preview, err = s.ImportContacts(ctx, dry)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportContacts(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 2 || res.Deactivated != 2 || res.Unchanged != 0 {
		t.Fatalf("second export: %+v", res)
	}
	if preview.Added != res.Added || preview.Updated != res.Updated || preview.Deactivated != res.Deactivated {
		t.Fatalf("preview %+v differs from the import %+v", preview, res)
	}
	m := contactsByPSAID(t, s)
	if len(m) != 5 {
		t.Fatalf("%d contacts after the second export, want 5 (none deleted, none duplicated)", len(m))
	}
	if c := m["2"]; !c.Gone || c.Emails[1] != "AlexW@contoso.com" {
		t.Errorf("Alex should be kept, gone: %+v", c)
	}
	if c := m["1"]; c.Title != "CEO" || c.Gone {
		t.Errorf("Megan not updated: %+v", c)
	}
	if c := m["IT@Fabrikam.com"]; c.Gone || c.PSAID != "" {
		t.Errorf("the id-less contact was not matched by email: %+v", m)
	}
	// Contoso's active contacts: Megan and Nestor.
	cl, err := s.ClientByName(ctx, "contoso ltd")
	if err != nil {
		t.Fatal(err)
	}
	if cl.Contacts != 2 || cl.Source != types.SourceCSV || cl.PSAID != "250" {
		t.Fatalf("client %+v", cl)
	}
	imports, err := s.ContactImports(ctx)
	if err != nil || len(imports) != 3 {
		t.Fatalf("imports %v %v", imports, err)
	}
}

// Clients by hand: create, rename, merge (tenants, contacts and reports
// move), mapping a tenant to at most one client.
func TestClientsByHandAndMapping(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for _, id := range []string{"t1", "t2"} {
		if err := s.UpsertTenant(ctx, types.Tenant{ID: id, DisplayName: id}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.CreateClient(ctx, types.Client{Name: "  Blue   Heron "})
	if err != nil || a.Name != "Blue Heron" {
		t.Fatalf("%+v %v", a, err)
	}
	if _, err := s.CreateClient(ctx, types.Client{Name: "blue heron"}); !errors.Is(err, ErrClientExists) {
		t.Fatalf("duplicate name: %v", err)
	}
	b, err := s.CreateClient(ctx, types.Client{Name: "Blue Heron Architects"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MapTenant(ctx, types.TenantMapping{TenantID: "t1", ClientID: a.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.MapTenant(ctx, types.TenantMapping{TenantID: "t2", ClientID: b.ID, MappedBy: types.MappedByAuto, Confidence: 0.9}); err != nil {
		t.Fatal(err)
	}
	// Remapping t1 replaces its client: a tenant has at most one.
	if err := s.MapTenant(ctx, types.TenantMapping{TenantID: "t1", ClientID: b.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.MapTenant(ctx, types.TenantMapping{TenantID: "t1", ClientID: a.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.MapTenant(ctx, types.TenantMapping{TenantID: "nope", ClientID: a.ID}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown tenant: %v", err)
	}
	ms, _ := s.Mappings(ctx)
	if len(ms) != 2 {
		t.Fatalf("mappings %+v", ms)
	}
	rep, err := s.CreateReport(ctx, types.Report{ClientID: b.ID, Name: "QBR"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RenameClient(ctx, a.ID, "Blue Heron Architects"); !errors.Is(err, ErrClientExists) {
		t.Fatalf("rename onto a taken name: %v", err)
	}
	if err := s.MergeClients(ctx, a.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.Client(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.TenantIDs) != 2 {
		t.Fatalf("after merge the client has tenants %v", got.TenantIDs)
	}
	if r, err := s.Report(ctx, rep.ID); err != nil || r.ClientID != a.ID {
		t.Fatalf("report after merge: %+v %v", r, err)
	}
	if _, err := s.Client(ctx, b.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("merged-away client still there: %v", err)
	}
	if err := s.UnmapTenant(ctx, "t2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Client(ctx, a.ID); len(got.TenantIDs) != 1 {
		t.Fatalf("after unmap: %v", got.TenantIDs)
	}
	// A report belongs to a tenant or a client, never both or neither.
	if _, err := s.CreateReport(ctx, types.Report{Name: "x"}); err == nil {
		t.Fatal("a report without owner was stored")
	}
	if _, err := s.CreateReport(ctx, types.Report{Name: "x", TenantID: "t1", ClientID: a.ID}); err == nil {
		t.Fatal("a report with two owners was stored")
	}
}
