package derive

import (
	"fmt"
	"math"
	"testing"
	"time"

	"tenantlens/backend/types"
)

// metricsFixture builds a tenant whose figures are known by construction:
//
//	10 enabled members: 6 with MFA, 7 licensed (SPB), 3 signed in 100 days ago
//	 2 guests: no MFA, one signed in yesterday
//	 1 disabled member, licensed (SPB + E3), MFA registered
//	 1 shared mailbox (resource), licensed E3, no MFA, no signal
//	 2 deleted users (licences do not count)
//	 3 contacts
func metricsFixture() *types.Snapshot {
	spb, e3 := "sku-spb", "sku-e3"
	var users []types.User
	for i := 0; i < 10; i++ {
		u := types.User{ID: fmt.Sprintf("m%d", i), UserType: "Member", AccountEnabled: true, LastSignIn: daysAgo(2)}
		if i < 6 {
			u.MFAStatus = types.MFAEnabled
		} else {
			u.MFAStatus = types.MFADisabled
		}
		if i < 7 {
			u.Licenses = []types.AssignedLicense{{SkuID: spb}}
		}
		if i >= 7 {
			u.LastSignIn = daysAgo(100)
		}
		users = append(users, u)
	}
	users = append(users,
		types.User{ID: "g1", UserType: "Guest", AccountEnabled: true, MFAStatus: types.MFADisabled},
		types.User{ID: "g2", UserType: "Guest", AccountEnabled: true, MFAStatus: types.MFADisabled, LastSignIn: daysAgo(1)},
		types.User{ID: "dis", UserType: "Member", MFAStatus: types.MFAEnabled,
			Licenses: []types.AssignedLicense{{SkuID: spb}, {SkuID: e3}}},
		types.User{ID: "room", UserType: "Member", AccountEnabled: true, ResourceAccount: true, MFAStatus: types.MFADisabled,
			Licenses: []types.AssignedLicense{{SkuID: e3}}},
		types.User{ID: "del1", UserType: "Member", Deleted: true, MFAStatus: types.MFADisabled, Licenses: []types.AssignedLicense{{SkuID: spb}}},
		types.User{ID: "del2", UserType: "Guest", Deleted: true, MFAStatus: types.MFADisabled},
	)
	return &types.Snapshot{
		Run:      types.SyncRun{ID: 7},
		TenantID: "t1",
		Users:    users,
		Contacts: []types.Contact{{ID: "c1"}, {ID: "c2"}, {ID: "c3"}},
		SKUs: []types.SKU{
			{SkuID: spb, PartNumber: "SPB", Consumed: 8, Enabled: 10},
			{SkuID: e3, PartNumber: "SPE_E3", Consumed: 2, Enabled: 1}, // over-assigned: no negative unused
		},
		Flags: types.SnapshotFlags{SignInAvailable: true},
	}
}

func TestComputeMetrics(t *testing.T) {
	prices := func(skuID, part string) (float64, string, bool) {
		if part == "SPB" {
			return 22, "EUR", true
		}
		return 0, "", false
	}
	m := ComputeMetrics(metricsFixture(), now, prices)
	checks := []struct {
		name      string
		got, want int
	}{
		{"users", m.Users, 14}, {"members", Members(m), 12}, {"guests", m.Guests, 2},
		{"disabled", m.Disabled, 1}, {"deleted", m.Deleted, 2}, {"contacts", m.Contacts, 3},
		{"resource", m.Resource, 1}, {"licensed", m.Licensed, 9},
		{"mfa registered", m.MFARegistered, 7}, {"mfa eligible", m.MFAEligible, 14},
		// 3 members at 100 days + g1 without signal; not the disabled, the room or the deleted.
		{"inactive", m.Inactive, 4},
		{"consumed SPB", m.ConsumedBySKU["sku-spb"], 8}, {"enabled E3", m.EnabledBySKU["sku-e3"], 1},
		{"unused", m.UnusedLicenses, 2},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if math.Abs(m.MFACoveragePct-50) > 1e-9 {
		t.Errorf("coverage %.4f, want 50", m.MFACoveragePct)
	}
	if m.MonthlyCost != 220 || m.Currency != "EUR" {
		t.Errorf("cost %v %s, want 220 EUR", m.MonthlyCost, m.Currency)
	}
	if m.RunID != 7 || m.TenantID != "t1" || !m.At.Equal(now) {
		t.Errorf("identity %+v", m)
	}
}

func TestComputeMetricsUnknownInactivityAndNoPrices(t *testing.T) {
	snap := metricsFixture()
	snap.Flags = types.SnapshotFlags{UsageAvailable: true, UsageConcealed: true}
	m := ComputeMetrics(snap, now, nil)
	if m.Inactive != -1 {
		t.Errorf("inactive = %d with no visible signal, want -1", m.Inactive)
	}
	if m.MonthlyCost != 0 || m.Currency != "" {
		t.Errorf("cost without prices: %v %q", m.MonthlyCost, m.Currency)
	}
	mixed := func(skuID, part string) (float64, string, bool) {
		if part == "SPB" {
			return 1, "EUR", true
		}
		return 1, "USD", true
	}
	if m := ComputeMetrics(snap, now, mixed); m.Currency != MixedCurrency {
		t.Errorf("mixed currencies: %q", m.Currency)
	}
	empty := ComputeMetrics(&types.Snapshot{}, now, nil)
	if empty.MFACoveragePct != 0 || empty.Users != 0 {
		t.Errorf("empty: %+v", empty)
	}
}

func TestFreeSKUsAreNotUnusedLicences(t *testing.T) {
	snap := &types.Snapshot{SKUs: []types.SKU{
		{SkuID: "a", PartNumber: "SPB", Enabled: 10, Consumed: 7},
		{SkuID: "b", PartNumber: "FLOW_FREE", Enabled: 10000, Consumed: 12},
	}}
	m := ComputeMetrics(snap, time.Now(), nil)
	if m.UnusedLicenses != 3 {
		t.Fatalf("unused %d: the 9,988 free Power Automate seats must not count", m.UnusedLicenses)
	}
	if m.EnabledBySKU["b"] != 10000 {
		t.Fatalf("the free SKU's counts are still recorded: %v", m.EnabledBySKU)
	}
}

func TestCurrencyOfIsTheOneRule(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"", ""}, ""},
		{[]string{"EUR", "", "EUR"}, "EUR"},
		{[]string{"EUR", "USD"}, MixedCurrency},
		{[]string{"EUR", MixedCurrency}, MixedCurrency},
		{[]string{"", "GBP"}, "GBP"},
	} {
		if got := CurrencyOf(c.in...); got != c.want {
			t.Errorf("CurrencyOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
