package report

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/catalog"
	"tenantlens/backend/types"
)

// SKU IDs used by the fixtures (all in Microsoft's licensing CSV).
const (
	skuExchange1 = "4b9405b0-7788-4568-add1-99614e613b69" // EXCHANGESTANDARD, unpriced
	skuBasic     = "3b555118-da6a-4418-894f-7df1e2096870" // O365_BUSINESS_ESSENTIALS, 6 EUR/month
	skuSPB       = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" // SPB, 22 EUR/month
	skuFlowFree  = "f30db892-07e9-47e9-837c-80727f46fd3d" // FLOW_FREE, free
	skuE3        = "6fd2c87f-b296-42f0-b197-1e91e994b900" // ENTERPRISEPACK, 360 EUR/year
)

const injection = `=HYPERLINK("http://x","y")`

func testCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	// Microsoft's own licensing CSV, shared with the project for tests (never
	// copied into the repo: the app downloads it at run time).
	f, err := os.Open("../../../shared/data/licensing.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	c, err := catalog.Parse(f)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// testPrices is the list price book of the fixtures.
func testPrices() map[string]types.Price {
	return map[string]types.Price{
		skuBasic:    {SkuID: skuBasic, PartNumber: "O365_BUSINESS_ESSENTIALS", UnitPrice: 6, Currency: "EUR", Billing: types.BillingMonthly},
		skuSPB:      {SkuID: skuSPB, PartNumber: "SPB", UnitPrice: 22, Currency: "EUR", Billing: types.BillingMonthly},
		skuE3:       {SkuID: skuE3, PartNumber: "ENTERPRISEPACK", UnitPrice: 360, Currency: "EUR", Billing: types.BillingAnnual},
		skuFlowFree: {SkuID: skuFlowFree, PartNumber: "FLOW_FREE", UnitPrice: 0, Currency: "EUR", Billing: types.BillingMonthly},
	}
}

func tp(t time.Time) *time.Time { return &t }
func ip(n int) *int             { return &n }

// fixtureSnapshot generates a deterministic tenant of n users as of at.
// variant shifts the data the way later syncs would: more users, more MFA
// registrations, a few more licences.
//
// Shape (i = user index): every 10th a guest, every 25th a resource
// account (disabled, like a shared mailbox), every 13th member disabled,
// every 3rd member not MFA-registered; licences by i%4 (SPB, Basic, E3,
// none) plus E3 on every 17th (duplicates with SPB on i%68 == 0) and
// Exchange Plan 1 on every 40th; last sign-in i%200 days ago, none on
// every 29th; every 31st created 10 days ago; every 50th deleted.
func fixtureSnapshot(n, variant int, at time.Time) *types.Snapshot {
	n += 7 * variant
	snap := &types.Snapshot{
		TenantID: "tenant-1", TenantName: "Contoso Ltd", DefaultDomain: "contoso.example",
		Run: types.SyncRun{ID: int64(variant + 1), TenantID: "tenant-1", StartedAt: at.Add(-time.Minute), FinishedAt: tp(at), Status: types.RunSucceeded},
		Flags: types.SnapshotFlags{SignInAvailable: true, UsageAvailable: true, MFAAvailable: true,
			MFASource: types.MFASourceRegistrationDetails},
	}
	consumed := map[string]int{}
	for i := 0; i < n; i++ {
		u := types.User{
			ID:                fmt.Sprintf("00000000-0000-0000-0000-%012d", i),
			UserPrincipalName: fmt.Sprintf("user%05d@contoso.example", i),
			Mail:              fmt.Sprintf("user%05d@contoso.example", i),
			DisplayName:       fmt.Sprintf("User %05d", i),
			GivenName:         "User", Surname: fmt.Sprintf("%05d", i),
			Department:     []string{"Sales", "Finance", "IT", "Operations"}[i%4],
			JobTitle:       []string{"Manager", "Analyst", "Engineer"}[i%3],
			UserType:       "Member",
			AccountEnabled: true,
			CreatedAt:      tp(at.AddDate(0, 0, -400)),
			MFAStatus:      types.MFAEnabled,
			MFASource:      types.MFASourceRegistrationDetails,
			MFAMethods:     []string{"microsoftAuthenticatorPush", "mobilePhone"},
		}
		if i == 1 {
			u.DisplayName = injection
			u.Department = "+SUM(1,2)"
		}
		switch {
		case i%10 == 9:
			u.UserType, u.UserPrincipalName = "Guest", fmt.Sprintf("guest%05d_fabrikam.example#EXT#@contoso.example", i)
			u.MFAStatus, u.MFAMethods = types.MFADisabled, nil
		case i%25 == 24:
			u.ResourceAccount, u.AccountEnabled, u.RecipientType = true, false, "SharedMailbox"
			u.MFAStatus, u.MFAMethods = types.MFADisabled, nil
		case i%13 == 12:
			u.AccountEnabled = false
		}
		if u.UserType == "Member" && !u.ResourceAccount && i%3 == 0 && i >= 3*variant {
			u.MFAStatus, u.MFAMethods = types.MFADisabled, nil
		}
		if u.UserType == "Member" {
			switch i % 4 {
			case 0:
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuSPB})
			case 1:
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuBasic})
			case 2:
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuE3})
			}
			if i%17 == 0 && i%4 != 2 {
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuE3})
			}
			if i%40 == 5 {
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuExchange1})
			}
			if i%6 == 0 {
				u.Licenses = append(u.Licenses, types.AssignedLicense{SkuID: skuFlowFree})
			}
		}
		if i%29 != 28 {
			u.LastSignIn = tp(at.AddDate(0, 0, -(i % 200)).Add(-time.Hour))
			u.LastActivity = tp(at.AddDate(0, 0, -(i%200)-1).Truncate(24 * time.Hour))
			u.EmailsSent, u.EmailsRead, u.EmailsReceived = ip(i%50), ip(i%70), ip(i%90)
		}
		if i%31 == 30 {
			u.CreatedAt = tp(at.AddDate(0, 0, -10))
		}
		if i%50 == 49 {
			u.Deleted, u.DeletedAt = true, tp(at.AddDate(0, 0, -3))
			u.Licenses = nil
		}
		for _, l := range u.Licenses {
			consumed[l.SkuID]++
		}
		snap.Users = append(snap.Users, u)
	}
	snap.SKUs = []types.SKU{
		{SkuID: skuSPB, PartNumber: "SPB", AppliesTo: "User", CapabilityStatus: "Enabled", Consumed: consumed[skuSPB], Enabled: consumed[skuSPB] + 5},
		{SkuID: skuBasic, PartNumber: "O365_BUSINESS_ESSENTIALS", AppliesTo: "User", CapabilityStatus: "Enabled", Consumed: consumed[skuBasic], Enabled: consumed[skuBasic] + 3, Warning: 1},
		{SkuID: skuE3, PartNumber: "ENTERPRISEPACK", AppliesTo: "User", CapabilityStatus: "Enabled", Consumed: consumed[skuE3], Enabled: consumed[skuE3] + 2 + variant},
		{SkuID: skuExchange1, PartNumber: "EXCHANGESTANDARD", AppliesTo: "User", CapabilityStatus: "Warning", Consumed: consumed[skuExchange1], Enabled: consumed[skuExchange1] + 4, Suspended: 2},
		{SkuID: skuFlowFree, PartNumber: "FLOW_FREE", AppliesTo: "User", CapabilityStatus: "Enabled", Consumed: consumed[skuFlowFree], Enabled: 10000},
	}
	return snap
}

// fixtureDataset builds a dataset the way a version does.
func fixtureDataset(tb testing.TB, n, variant int, at time.Time) *Dataset {
	snap := fixtureSnapshot(n, variant, at)
	return Build(snap, FreezeSKUs(snap, testPrices(), testCatalog(tb)), 0)
}

// designUsersLabels and designLicensesLabels are DESIGN.md's default labels.
var (
	designUsersLabels = strings.Split("Display Name|User Principal Name|Email|Department|Job Title|User Type|"+
		"Account Enabled|Resource Account|License Names|License Values|MFA Status|MFA Methods|Last Sign-In|"+
		"Last Activity|Emails Sent (30 d)|Emails Read (30 d)|Created", "|")
	designLicensesLabels = strings.Split("License Name|SKU Part Number|Status|Purchased|Suspended|Warning|"+
		"Assigned|Available|Unit Price|Monthly Cost|Unused Cost", "|")
)
