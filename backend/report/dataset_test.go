package report

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/types"
)

var at = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func TestCostsUseMonthlyPriceAndSkipFreeSKUs(t *testing.T) {
	d := fixtureDataset(t, 300, 0, at)
	snap := fixtureSnapshot(300, 0, at)
	monthly := map[string]float64{skuSPB: 22, skuBasic: 6, skuE3: 30}
	var spend, unusedCost float64
	purchased, assigned, unused := 0, 0, 0
	for _, s := range snap.SKUs {
		if s.PartNumber == "FLOW_FREE" {
			continue
		}
		spend += float64(s.Enabled) * monthly[s.SkuID]
		unusedCost += float64(s.Enabled-s.Consumed) * monthly[s.SkuID]
		purchased += s.Enabled
		assigned += s.Consumed
		unused += s.Enabled - s.Consumed
	}
	k := d.KPI
	if !near(k.MonthlySpend, spend) || !near(k.AnnualSpend, 12*spend) || !near(k.UnusedCost, unusedCost) {
		t.Errorf("spend %v/%v unused %v; want %v/%v %v", k.MonthlySpend, k.AnnualSpend, k.UnusedCost, spend, 12*spend, unusedCost)
	}
	if k.Purchased != purchased || k.Assigned != assigned || k.Unused != unused {
		t.Errorf("purchased/assigned/unused = %d/%d/%d, want %d/%d/%d", k.Purchased, k.Assigned, k.Unused, purchased, assigned, unused)
	}
	if k.Currency != "EUR" || !near(k.MonthlyWaste, k.UnusedCost+k.ReclaimCost) {
		t.Errorf("currency %q waste %v", k.Currency, k.MonthlyWaste)
	}
	for _, l := range d.Licenses {
		switch l.PartNumber {
		case "ENTERPRISEPACK":
			if l.UnitPrice != 30 || !near(l.MonthlyCost, float64(l.Purchased)*30) || !near(l.UnusedCost, float64(l.Available)*30) {
				t.Errorf("E3 row %+v: annual 360 must be 30 a month", l)
			}
		case "EXCHANGESTANDARD":
			if l.Priced || l.MonthlyCost != 0 || l.Free {
				t.Errorf("unpriced Exchange row %+v", l)
			}
		case "FLOW_FREE":
			if !l.Free {
				t.Errorf("FLOW_FREE not free: %+v", l)
			}
		}
	}
	if last := d.Licenses[len(d.Licenses)-1]; last.PartNumber != "FLOW_FREE" {
		t.Errorf("free SKUs should sort last, got %s", last.PartNumber)
	}
}

func TestKPIsAgreeWithSnapshot(t *testing.T) {
	snap := fixtureSnapshot(400, 0, at)
	d := Build(snap, FreezeSKUs(snap, testPrices(), nil), 0)
	users, licensed, guests, reg, elig := 0, 0, 0, 0, 0
	for _, u := range snap.Users {
		if u.Deleted {
			continue
		}
		users++
		if len(u.Licenses) > 0 {
			licensed++
		}
		if u.UserType == "Guest" {
			guests++
		}
		if u.MFAStatus == types.MFAEnabled {
			reg++
		}
		if u.MFAStatus == types.MFAEnabled || u.MFAStatus == types.MFADisabled {
			elig++
		}
	}
	k := d.KPI
	if k.Users != users || k.Licensed != licensed || k.Guests != guests || k.MFARegistered != reg || k.MFAEligible != elig {
		t.Fatalf("KPIs %+v; want users %d licensed %d guests %d mfa %d/%d", k, users, licensed, guests, reg, elig)
	}
	if !near(k.MFACoverage, float64(reg)/float64(elig)) {
		t.Errorf("coverage %v", k.MFACoverage)
	}
	if len(d.Users) != users {
		t.Errorf("listed users %d, want %d (deleted left out)", len(d.Users), users)
	}
}

func TestReclaimRules(t *testing.T) {
	snap := fixtureSnapshot(600, 0, at)
	d := Build(snap, FreezeSKUs(snap, testPrices(), testCatalog(t)), 90)
	byUPN := map[string]ReclaimRow{}
	for _, r := range d.Reclaim {
		if _, dup := byUPN[r.User.UserPrincipalName]; dup {
			t.Fatalf("%s listed twice", r.User.UserPrincipalName)
		}
		byUPN[r.User.UserPrincipalName] = r
	}
	limit := at.AddDate(0, 0, -90)
	monthly := map[string]float64{skuSPB: 22, skuBasic: 6, skuE3: 30}
	for _, u := range snap.Users {
		row, listed := byUPN[u.UserPrincipalName]
		if u.Deleted || len(u.Licenses) == 0 {
			if listed {
				t.Errorf("%s listed without licences", u.UserPrincipalName)
			}
			continue
		}
		cost := 0.0
		for _, l := range u.Licenses {
			cost += monthly[l.SkuID]
		}
		last := u.LastSignIn
		if u.LastActivity != nil && (last == nil || u.LastActivity.After(*last)) {
			last = u.LastActivity
		}
		switch {
		case !u.AccountEnabled:
			if row.Reason != ReasonDisabled || !near(row.MonthlyCost, cost) {
				t.Errorf("disabled %s: %+v, want cost %v", u.UserPrincipalName, row, cost)
			}
		case !u.ResourceAccount && last != nil && last.Before(limit):
			if row.Reason != ReasonInactive || !near(row.MonthlyCost, cost) {
				t.Errorf("inactive %s (last %v): %+v", u.UserPrincipalName, last, row)
			}
		case last == nil && u.CreatedAt.Before(limit):
			if row.Reason != ReasonInactive || row.DaysInactive != -1 || !strings.Contains(row.Detail, "No sign-in") {
				t.Errorf("never signed in %s: %+v", u.UserPrincipalName, row)
			}
		case last == nil:
			if listed && row.Reason == ReasonInactive {
				t.Errorf("new hire %s (created %v) listed as inactive", u.UserPrincipalName, u.CreatedAt)
			}
		}
	}
	// Business Premium + Office 365 E3 is a partial overlap: the cheaper
	// (SPB at 22 < E3 at 30 a month) is reclaimable. E3 includes Business
	// Basic outright.
	spbE3, e3Basic := 0, 0
	for _, r := range d.Reclaim {
		if r.Reason != ReasonDuplicate {
			continue
		}
		has := map[string]bool{}
		for _, l := range r.User.Licenses {
			has[l.SkuID] = true
		}
		switch {
		case has[skuSPB] && has[skuE3]:
			spbE3++
			if r.Licenses != "Microsoft 365 Business Premium" || !near(r.MonthlyCost, 22) || !strings.Contains(r.Detail, "overlaps Office 365 E3") {
				t.Errorf("SPB+E3 row %+v", r)
			}
		case has[skuE3] && has[skuBasic]:
			e3Basic++
			if !strings.HasPrefix(r.Licenses, "Microsoft 365 Business Basic") || !near(r.MonthlyCost, 6) {
				t.Errorf("E3+Basic row %+v", r)
			}
		}
	}
	if spbE3 == 0 || e3Basic == 0 {
		t.Fatalf("fixture should yield SPB+E3 and E3+Basic duplicates, got %d and %d", spbE3, e3Basic)
	}
	totals := d.ReclaimTotals()
	sum := 0.0
	for _, r := range d.Reclaim {
		sum += r.MonthlyCost
	}
	if totals[3].Users != len(d.Reclaim) || !near(totals[3].MonthlyCost, sum) || !near(d.KPI.ReclaimCost, sum) {
		t.Errorf("totals %+v, want %d users %v", totals, len(d.Reclaim), sum)
	}
	if totals[0].Users+totals[1].Users+totals[2].Users != totals[3].Users {
		t.Errorf("per-reason totals do not add up: %+v", totals)
	}
}

func TestResourceAccountsNotInactiveAndThresholdMoves(t *testing.T) {
	old := at.AddDate(0, 0, -120)
	snap := &types.Snapshot{TenantID: "t", Run: types.SyncRun{FinishedAt: &at},
		Flags: types.SnapshotFlags{SignInAvailable: true}}
	snap.Users = []types.User{
		{UserPrincipalName: "room@x", AccountEnabled: true, ResourceAccount: true, LastSignIn: &old, Licenses: []types.AssignedLicense{{SkuID: skuBasic}}},
		{UserPrincipalName: "person@x", AccountEnabled: true, LastSignIn: &old, Licenses: []types.AssignedLicense{{SkuID: skuBasic}}},
	}
	d := Build(snap, FreezeSKUs(snap, testPrices(), nil), 90)
	if len(d.Reclaim) != 1 || d.Reclaim[0].User.UserPrincipalName != "person@x" || d.Reclaim[0].DaysInactive != 120 {
		t.Fatalf("reclaim = %+v; only person@x, 120 days", d.Reclaim)
	}
	if d := Build(snap, nil, 150); len(d.Reclaim) != 0 {
		t.Errorf("threshold 150 still lists %+v", d.Reclaim)
	}
	snap.Flags.SignInAvailable = false
	if d := Build(snap, nil, 90); len(d.Reclaim) != 0 || len(d.Notes) == 0 {
		t.Errorf("without any activity source: reclaim %+v notes %v", d.Reclaim, d.Notes)
	}
}

func TestDuplicateTableSupersets(t *testing.T) {
	snap := &types.Snapshot{TenantID: "t", Run: types.SyncRun{FinishedAt: &at}, Flags: types.SnapshotFlags{SignInAvailable: true}}
	snap.Users = []types.User{{UserPrincipalName: "a@x", AccountEnabled: true, LastSignIn: &at,
		Licenses: []types.AssignedLicense{{SkuID: "e5"}, {SkuID: skuE3}, {SkuID: skuSPB}}}}
	skus := []types.VersionSKU{
		{SkuID: "e5", PartNumber: "SPE_E5", Name: "Microsoft 365 E5", Priced: true, UnitPrice: 57, Currency: "EUR"},
		{SkuID: skuE3, PartNumber: "ENTERPRISEPACK", Name: "Office 365 E3", Priced: true, UnitPrice: 30, Currency: "EUR"},
		{SkuID: skuSPB, PartNumber: "SPB", Name: "Microsoft 365 Business Premium", Priced: true, UnitPrice: 22, Currency: "EUR"},
	}
	d := Build(snap, skus, 90)
	if len(d.Reclaim) != 1 {
		t.Fatalf("reclaim %+v", d.Reclaim)
	}
	r := d.Reclaim[0]
	if r.Licenses != "Office 365 E3; Microsoft 365 Business Premium" || !near(r.MonthlyCost, 52) {
		t.Errorf("E5 covers both E3 and Business Premium: %+v", r)
	}
}

func TestResolveKeepsOrderAndAddsNewColumns(t *testing.T) {
	reg := NewRegistry()
	parts := []types.PartSettings{
		{Kind: types.PartUsers, Label: "", Enabled: true, Columns: []types.ColumnSetting{
			{Key: "mfaStatus", Visible: true}, {Key: "gone", Visible: true}, {Key: "displayName", Label: "Name", Visible: true}, {Key: "mail", Visible: false},
		}},
		{Kind: "contacts-from-the-future", Enabled: true},
	}
	got := reg.Resolve(parts)
	kinds := []types.PartKind{}
	for _, p := range got {
		kinds = append(kinds, p.Kind)
	}
	want := []types.PartKind{types.PartUsers, types.PartSummary, types.PartLicenses, types.PartMFA, types.PartReclaim,
		PartRightSize, PartRenewals, PartAssignmentErrors, PartSecurity, PartCompare}
	if !reflect.DeepEqual(kinds, want) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	u := got[0]
	if u.Label != "Users" || u.Columns[0].Key != "mfaStatus" || u.Columns[1].Label != "Name" || u.Columns[2].Visible {
		t.Errorf("users settings %+v", u.Columns[:3])
	}
	if n := len(usersPart().Columns()); len(u.Columns) != n {
		t.Errorf("resolved %d columns, registry has %d (missing ones appended, unknown dropped)", len(u.Columns), n)
	}
}

func TestRegistryTakesANewPart(t *testing.T) {
	// A Contacts part is one registry entry: columns plus a row producer.
	type contactRow struct{ name string }
	reg := NewRegistry()
	reg.Add(&tablePart[*contactRow]{
		kind: "contacts", label: "Contacts",
		rows: func(*Dataset) []*contactRow { return []*contactRow{{"Ada"}, {"Grace"}} },
		cols: []colDef[*contactRow]{{Column: Column{Key: "name", Label: "Contact Name"}, get: func(_ *Dataset, r *contactRow) Cell { return textCell(r.name) }}},
	})
	doc := NewDocument("QBR", fixtureDataset(t, 20, 0, at), nil, reg)
	tables := doc.Tables()
	last := tables[len(tables)-1]
	if last.Kind != "contacts" || last.Label != "Contacts" || last.Len != 2 || last.Columns[0].Label != "Contact Name" {
		t.Fatalf("contacts table %+v", last)
	}
}

func TestFrozenLayoutDoesNotGrow(t *testing.T) {
	reg := NewRegistry()
	saved := reg.DefaultParts()[:2] // Summary, Users as a version stored them
	saved[1].Columns = saved[1].Columns[:3]
	// Later the registry gains a part.
	type row struct{}
	reg.Add(&tablePart[*row]{kind: "contacts", label: "Contacts", rows: func(*Dataset) []*row { return nil },
		cols: []colDef[*row]{{Column: Column{Key: "name", Label: "Name"}, get: func(*Dataset, *row) Cell { return textCell("") }}}})
	frozen := reg.ResolveFrozen(saved)
	for _, p := range frozen[2:] {
		if p.Enabled {
			t.Errorf("part %s appeared in a frozen layout", p.Kind)
		}
	}
	for _, c := range frozen[1].Columns[3:] {
		if c.Visible {
			t.Errorf("column %s appeared in a frozen layout", c.Key)
		}
	}
	if !frozen[1].Columns[0].Visible || !frozen[0].Enabled {
		t.Error("stored settings lost")
	}
	live := reg.Resolve(saved)
	if !live[len(live)-1].Enabled || live[len(live)-1].Kind != "contacts" {
		t.Errorf("a template should pick up the new part: %+v", live[len(live)-1])
	}
}
