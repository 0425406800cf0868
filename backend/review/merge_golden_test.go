package review

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"tenantlens/backend/contactcsv"
	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenContacts are the ConnectWise sample export (contactcsv's golden
// input, BOM and quoted newline included) as stored contacts: Contoso and
// Fabrikam people.
func goldenContacts(t *testing.T) []types.PSAContact {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "contactcsv", "testdata", "connectwise_contacts_bom.csv"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := contactcsv.Parse(data, contactcsv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []types.PSAContact
	for i, c := range res.Contacts {
		pc := types.PSAContact{ID: int64(i + 1), ClientID: 1, Source: types.SourceCSV, PSAID: c.PSAID, Company: c.Company,
			FirstName: c.FirstName, LastName: c.LastName, Title: c.Title, Active: c.Active, Emails: []string{}}
		for _, e := range c.Emails {
			pc.Emails = append(pc.Emails, e.Address)
		}
		out = append(out, pc)
	}
	return out
}

// goldenTenant is a Contoso tenant whose users cover every case: matched
// on mail, on UPN only, on an SMTP alias; a disabled, a deleted, an
// unlicensed account with a contact; licensed accounts without one; a
// guest (never in the merge); a shared mailbox two contacts claim.
func goldenTenant() *Current {
	at := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	lic := []types.AssignedLicense{{SkuID: "sku-e3"}}
	users := []types.User{
		{ID: "u1", UserPrincipalName: "meganb@contoso.com", Mail: "MeganB@contoso.com", DisplayName: "Megan Bowen",
			AccountEnabled: true, Licenses: lic, MFAStatus: types.MFAEnabled, UserType: "Member"},
		{ID: "u2", UserPrincipalName: "alexw@contoso.onmicrosoft.com", DisplayName: "Alex Wilber", AccountEnabled: true,
			Licenses: lic, MFAStatus: types.MFADisabled, UserType: "Member",
			ProxyAddresses: []string{"SMTP:alexw@contoso.onmicrosoft.com", "smtp:AlexW@contoso.com", "SIP:alexw@contoso.com"}},
		{ID: "u3", UserPrincipalName: "leeg@contoso.com", Mail: "leeg@contoso.com", DisplayName: "Lee Gu", AccountEnabled: true,
			Licenses: lic, MFAStatus: types.MFAEnabled, UserType: "Member"},
		{ID: "u4", UserPrincipalName: "it@fabrikam.com", DisplayName: "IT Mailbox", AccountEnabled: false, UserType: "Member",
			ProxyAddresses: []string{"SMTP:it@fabrikam.com"}, MFAStatus: types.MFADisabled},
		{ID: "u5", UserPrincipalName: "nestorw@northwind.example", Mail: "NestorW@Northwind.example", DisplayName: "Nestor Wilke",
			AccountEnabled: true, Deleted: true, DeletedAt: &at, Licenses: lic, UserType: "Member", MFAStatus: types.MFAEnabled},
		{ID: "u6", UserPrincipalName: "pattif@contoso.com", Mail: "PattiF@contoso.com", DisplayName: "Patti Fernandez",
			AccountEnabled: true, Licenses: lic, MFAStatus: types.MFAEnabled, UserType: "Member"},
		{ID: "u7", UserPrincipalName: "isaiahl@contoso.com", Mail: "IsaiahL@contoso.com", DisplayName: "Isaiah Langer",
			AccountEnabled: true, UserType: "Member", MFAStatus: types.MFADisabled},
		{ID: "u8", UserPrincipalName: "megan_partner.com#EXT#@contoso.onmicrosoft.com", Mail: "MeganB@contoso.com",
			DisplayName: "Megan (guest)", AccountEnabled: true, UserType: "Guest"},
	}
	snap := &types.Snapshot{Run: types.SyncRun{ID: 7, StartedAt: at, FinishedAt: &at}, TenantID: "t-contoso",
		TenantName: "Contoso", DefaultDomain: "contoso.com", Users: users,
		SKUs:  []types.SKU{{SkuID: "sku-e3", PartNumber: "SPE_E3", CapabilityStatus: "Enabled", Consumed: 5, Enabled: 6}},
		Flags: types.SnapshotFlags{MFAAvailable: true}}
	skus := []types.VersionSKU{{SkuID: "sku-e3", PartNumber: "SPE_E3", Name: "Microsoft 365 E3", Priced: true,
		UnitPrice: 36, Currency: "USD", Billing: types.BillingMonthly}}
	return &Current{Tenant: types.Tenant{ID: "t-contoso", DisplayName: "Contoso"}, Snap: snap, Data: Build(snap, skus, 90)}
}

type goldenMerge struct {
	Counts   map[string]int `json:"counts"`
	Rows     []ContactRow   `json:"rows"`
	Findings []string       `json:"findings"`
}

// The merge in both directions on a sample export and a tenant, compared
// with reviewed golden files: every row (match, join address, contact,
// account, licences, MFA, enabled), the counts and the findings' sentences.
func TestMergeGolden(t *testing.T) {
	contacts := goldenContacts(t)
	for _, from := range []MergeFrom{MergeFromContacts, MergeFromAccounts} {
		t.Run(string(from), func(t *testing.T) {
			d := BuildClient(types.Client{ID: 1, Name: "Contoso Ltd", TenantIDs: []string{"t-contoso"}},
				[]*Current{goldenTenant()}, nil, contacts, from)
			g := goldenMerge{Counts: map[string]int{}, Rows: d.Rows, Findings: []string{}}
			for _, k := range []derive.MatchKind{derive.MatchMatched, derive.MatchContactOnly, derive.MatchAccountOnly} {
				g.Counts[string(k)] = d.Merge.Count(k)
			}
			for _, f := range d.Findings {
				g.Findings = append(g.Findings, string(f.Kind)+": "+f.Sentence)
			}
			for _, r := range d.Rows {
				if r.UserID == "u8" {
					t.Errorf("the guest account is in the merge: %+v", r)
				}
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "merge_from_"+string(from)+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -run TestMergeGolden -update creates it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("merge differs from %s (-update rewrites it after review):\n%s", golden, got)
			}
		})
	}
}

// Both directions hold the same records; only the order differs.
func TestMergeDirectionsHoldTheSameRecords(t *testing.T) {
	contacts := goldenContacts(t)
	key := func(r ContactRow) string { return r.Match + "|" + r.ContactPSAID + "|" + r.UserID }
	count := func(from MergeFrom) map[string]int {
		d := BuildClient(types.Client{ID: 1}, []*Current{goldenTenant()}, nil, contacts, from)
		m := map[string]int{}
		for _, r := range d.Rows {
			m[key(r)]++
		}
		return m
	}
	a, b := count(MergeFromContacts), count(MergeFromAccounts)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("directions differ: %v vs %v", a, b)
	}
	for k, n := range a {
		if b[k] != n {
			t.Errorf("%s: %d from contacts, %d from accounts", k, n, b[k])
		}
	}
}
