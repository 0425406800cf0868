package cli

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/config"
	"tenantlens/backend/graphsim"
	"tenantlens/backend/report"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// figs are the figures every surface shows for a tenant. Unknown or
// unshown values are -1 (inactivity unknown, MFA unavailable, no money).
type figs struct {
	Users, Licensed, Unused    int
	MFA                        float64 // percent, one decimal
	Inactive, InactiveLicensed int
	Waste                      float64
	Currency                   string
	Days                       int
}

func fromKPI(k review.KPIs) figs {
	f := figs{Users: k.Users, Licensed: k.Licensed, Unused: k.Unused, MFA: -1, Inactive: k.Inactive,
		InactiveLicensed: k.InactiveLicensed, Waste: -1, Currency: k.Currency, Days: k.InactiveDays}
	if k.MFAAvailable {
		f.MFA = math.Round(k.MFACoverage*1000) / 10
	}
	if review.HasMoney(k.Currency) {
		f.Waste = k.MonthlyWaste
	}
	return f
}

func fromRow(r review.TenantRow) figs {
	f := figs{Users: r.Users, Licensed: r.Licensed, Unused: r.UnusedLicenses, MFA: -1, Inactive: r.Inactive,
		InactiveLicensed: r.InactiveLicensed, Waste: -1, Currency: r.Currency, Days: r.InactiveDays}
	if r.MFAAvailable {
		f.MFA = r.MFACoveragePct
	}
	if review.HasMoney(r.Currency) {
		f.Waste = r.MonthlyWaste
	}
	return f
}

// cellNum reads a raw workbook cell: -1 when empty or text.
func cellNum(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return -1
	}
	return v
}

func pctCell(s string) float64 {
	if v := cellNum(s); v >= 0 {
		return math.Round(v*1000) / 10
	}
	return -1
}

func moneyNum(s string) float64 {
	if v := cellNum(s); v >= 0 {
		return math.Round(v*100) / 100
	}
	return -1
}

func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: sheet %q: %v", path, sheet, err)
	}
	return rows
}

func at(r []string, i int) string {
	if i < 0 || i >= len(r) {
		return ""
	}
	return r[i]
}

// allTenantsFigs reads the all-tenants workbook; its inactivity columns
// must name the threshold days.
func allTenantsFigs(t *testing.T, path string, days int) map[string]figs {
	t.Helper()
	rows := sheetRows(t, path, "Tenants")
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	need := []string{"Tenant", "Users", "Licensed Users", "Unused Licenses", "MFA Coverage", "Monthly Waste", "Currency",
		report.InactiveLabel(days), report.InactiveLicensedLabel(days)}
	for _, h := range need {
		if _, ok := col[h]; !ok {
			t.Fatalf("all-tenants workbook has no column %q (header %q)", h, rows[0])
		}
	}
	out := map[string]figs{}
	for _, r := range rows[1:] {
		f := figs{Users: int(cellNum(at(r, col["Users"]))), Licensed: int(cellNum(at(r, col["Licensed Users"]))),
			Unused: int(cellNum(at(r, col["Unused Licenses"]))), MFA: pctCell(at(r, col["MFA Coverage"])),
			Inactive: int(cellNum(at(r, col[report.InactiveLabel(days)]))), InactiveLicensed: int(cellNum(at(r, col[report.InactiveLicensedLabel(days)]))),
			Waste: moneyNum(at(r, col["Monthly Waste"])), Currency: at(r, col["Currency"]), Days: days}
		out[at(r, col["Tenant"])] = f
	}
	return out
}

// summaryFigs reads a tenant workbook's Summary sheet at the threshold it
// states.
func summaryFigs(t *testing.T, path string) figs {
	t.Helper()
	val := map[string]string{}
	for _, r := range sheetRows(t, path, "Summary") {
		if len(r) > 1 {
			val[r[0]] = r[1]
		}
	}
	days := int(cellNum(val["Inactive after (days)"]))
	cur := val["Currency"]
	if cur == report.NoPriceList {
		cur = ""
	}
	return figs{Users: int(cellNum(val["Users"])), Licensed: int(cellNum(val["Licensed Users"])), Unused: int(cellNum(val["Unused Licenses"])),
		MFA: pctCell(val["MFA Coverage"]), Inactive: int(cellNum(val[fmt.Sprintf("Inactive Accounts (%d days)", days)])),
		InactiveLicensed: int(cellNum(val[fmt.Sprintf("Inactive Licensed Accounts (%d days)", days)])),
		Waste:            moneyNum(val["Monthly Waste"]), Currency: cur, Days: days}
}

// Acceptance 1 of issue 11: over the demo MSP, for random Settings
// thresholds, template thresholds and price lists, the Overview (the read
// model the window presents as is),
// `tenants --json`, the all-tenants workbook, every tenant workbook and a
// new report version show identical figures for the same threshold; a
// template's own threshold gives review's figures at that threshold; a
// final version keeps its figures after the settings and prices change.
func TestEverySurfaceShowsTheSameFigures(t *testing.T) {
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	if code, out, errOut, _ := e.connect("--partner", "--no-browser"); code != 0 {
		t.Fatalf("connect --partner: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := e.cli("sync", "--all", "--json"); code != 0 {
		t.Fatalf("sync --all: exit %d\n%s\n%s", code, out, errOut)
	}
	ctx := context.Background()
	openSvc := func() *services.Services {
		svc, err := services.Open(ctx, services.Options{Home: e.home})
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}

	var frozenID int64
	var frozen *review.KPIs
	for _, seed := range []int64{11, 12, 13} {
		rnd := rand.New(rand.NewSource(seed))
		days := []int{7, 30, 45, 60, 90, 120, 180, 365}[rnd.Intn(8)]
		other := days + 1 + rnd.Intn(200)

		// Settings threshold, a price list (sometimes none, sometimes one
		// tenant overridden in USD: the overview total is then MIXED) and two
		// templates: one at the Settings threshold, one overriding it.
		svc := openSvc()
		if err := svc.Store.SetSetting(ctx, config.KeyInactiveDays, strconv.Itoa(days)); err != nil {
			t.Fatal(err)
		}
		old, err := svc.Store.ListPrices(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range old {
			if err := svc.Store.DeletePrice(ctx, p.TenantID, p.SkuID); err != nil {
				t.Fatal(err)
			}
		}
		tenants, err := svc.Store.Tenants(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var synced []types.Tenant
		for _, tn := range tenants {
			overrides, err := svc.Store.TenantPrices(ctx, tn.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range overrides {
				if err := svc.Store.DeletePrice(ctx, tn.ID, p.SkuID); err != nil {
					t.Fatal(err)
				}
			}
			if tn.CurrentRunID != 0 {
				synced = append(synced, tn)
			}
		}
		if len(synced) < 2 {
			t.Fatalf("only %d synced tenants", len(synced))
		}
		mode := rnd.Intn(3) // 0 no prices, 1 one currency, 2 one tenant in USD
		usd := synced[rnd.Intn(len(synced))]
		priced := map[string]bool{}
		for _, tn := range synced {
			snap, err := svc.Store.CurrentSnapshot(ctx, tn.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range snap.SKUs {
				if mode == 0 || rnd.Intn(4) == 0 {
					continue
				}
				if !priced[s.SkuID] {
					priced[s.SkuID] = true
					if err := svc.Store.SetPrice(ctx, types.Price{SkuID: s.SkuID, PartNumber: s.PartNumber, UnitPrice: float64(1+rnd.Intn(6000)) / 100,
						Currency: "EUR", Billing: types.BillingMonthly}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if mode == 2 {
			snap, _ := svc.Store.CurrentSnapshot(ctx, usd.ID)
			for _, s := range snap.SKUs {
				if err := svc.Store.SetPrice(ctx, types.Price{TenantID: usd.ID, SkuID: s.SkuID, PartNumber: s.PartNumber,
					UnitPrice: float64(1+rnd.Intn(9000)) / 100, Currency: "USD", Billing: types.BillingAnnual}); err != nil {
					t.Fatal(err)
				}
			}
		}
		def, err := svc.Reports.DefaultTemplate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		same, overriding := def, def
		same.ID, same.IsDefault, same.Name, same.InactiveDays = 0, false, fmt.Sprintf("Same %d", seed), days
		overriding.ID, overriding.IsDefault, overriding.Name, overriding.InactiveDays = 0, false, fmt.Sprintf("Own %d", seed), other
		if same, err = svc.Reports.SaveTemplate(ctx, same); err != nil {
			t.Fatal(err)
		}
		if overriding, err = svc.Reports.SaveTemplate(ctx, overriding); err != nil {
			t.Fatal(err)
		}

		svc.Close()
		svc = openSvc() // the Settings value is read when the services open

		// The window's Overview, a new report version per tenant (at the
		// Settings threshold and at the template's own) and review's figures
		// at the other threshold.
		// (bridge/overview_test.go proves the window shows exactly this)
		o, err := svc.Review(nil).Overview(ctx)
		if err != nil {
			t.Fatal(err)
		}
		versions, own, atOther := map[string]figs{}, map[string]figs{}, map[string]figs{}
		for _, tn := range synced {
			for _, c := range []struct {
				tpl types.Template
				dst map[string]figs
			}{{same, versions}, {overriding, own}} {
				r, err := svc.Reports.CreateReport(ctx, tn.ID, "Review "+c.tpl.Name, c.tpl.ID)
				if err != nil {
					t.Fatal(err)
				}
				v, err := svc.Reports.NewVersion(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				doc, err := svc.Reports.Open(ctx, v.ID)
				if err != nil {
					t.Fatal(err)
				}
				c.dst[tn.DisplayName] = fromKPI(doc.Data.KPI)
				if frozen == nil && c.tpl.ID == same.ID {
					if err := svc.Reports.Finalize(ctx, v.ID); err != nil {
						t.Fatal(err)
					}
					k := doc.Data.KPI
					frozenID, frozen = v.ID, &k
				}
			}
			cur, err := svc.Review(nil).CurrentAt(ctx, tn, other)
			if err != nil {
				t.Fatal(err)
			}
			atOther[tn.DisplayName] = fromKPI(cur.Data.KPI)
		}
		if frozenID != 0 {
			doc, err := svc.Reports.Open(ctx, frozenID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(doc.Data.KPI, *frozen) {
				t.Errorf("seed %d: the final version's figures changed with the settings and prices:\n got %+v\nwant %+v", seed, doc.Data.KPI, *frozen)
			}
		}
		svc.Close()

		// The command line: tenants --json, the all-tenants workbook and each
		// tenant's workbook with the template at the Settings threshold.
		cli := map[string]figs{}
		for _, r := range e.tenants() {
			if r.HasSnapshot {
				cli[r.DisplayName] = fromRow(r)
			}
		}
		all := filepath.Join(t.TempDir(), "all.xlsx")
		if code, _, errOut := e.cli("export", "--all", "--out", all); code != 0 {
			t.Fatalf("export --all: exit %d: %s", code, errOut)
		}
		allFigs := allTenantsFigs(t, all, days)

		var users, unused, inactive, inactiveLicensed int
		waste := map[string]float64{}
		for _, tn := range synced {
			name := tn.DisplayName
			var row *review.TenantRow
			for i := range o.Rows {
				if o.Rows[i].ID == tn.ID {
					row = &o.Rows[i]
				}
			}
			if row == nil {
				t.Fatalf("overview has no row for %s", name)
			}
			want := fromRow(*row)
			if want.Days != days {
				t.Errorf("seed %d: overview row states %d days, Settings say %d", seed, want.Days, days)
			}
			path := filepath.Join(t.TempDir(), "t.xlsx")
			if code, _, errOut := e.cli("export", "--tenant", tn.ID, "--template", same.Name, "--out", path); code != 0 {
				t.Fatalf("export --tenant %s: exit %d: %s", name, code, errOut)
			}
			for _, got := range []struct {
				what string
				f    figs
			}{{"tenants --json", cli[name]}, {"all-tenants workbook", allFigs[name]}, {"tenant workbook", summaryFigs(t, path)}, {"new report version", versions[name]}} {
				if got.f != want {
					t.Errorf("seed %d (Settings %d days, price mode %d): %s: %s shows\n %v\nthe Overview shows\n %v", seed, days, mode, name, got.what, got.f, want)
				}
			}
			if own[name] != atOther[name] || own[name].Days != other {
				t.Errorf("seed %d: %s: a version with a %d-day template shows %v, review at %d days %v", seed, name, other, own[name], other, atOther[name])
			}
			users += want.Users
			unused += want.Unused
			if want.Inactive >= 0 {
				inactive += want.Inactive
			}
			inactiveLicensed += want.InactiveLicensed
			if want.Waste >= 0 {
				waste[want.Currency] += want.Waste
			}
		}
		if o.Users != users || o.UnusedLicenses != unused || o.Inactive != inactive || o.InactiveLicensed != inactiveLicensed || o.InactiveDays != days {
			t.Errorf("seed %d: overview totals %d users, %d unused, %d/%d inactive at %d days; rows add up to %d, %d, %d/%d at %d",
				seed, o.Users, o.UnusedLicenses, o.Inactive, o.InactiveLicensed, o.InactiveDays, users, unused, inactive, inactiveLicensed, days)
		}
		switch {
		case len(waste) == 0:
			if o.Currency != "" || o.MonthlyWaste != 0 {
				t.Errorf("seed %d: no prices, overview waste %v %q", seed, o.MonthlyWaste, o.Currency)
			}
		case len(waste) == 1:
			for c, v := range waste {
				if o.Currency != c || math.Abs(o.MonthlyWaste-v) > 0.005 {
					t.Errorf("seed %d: overview waste %v %s, rows add up to %v %s", seed, o.MonthlyWaste, o.Currency, v, c)
				}
			}
		default:
			if o.Currency != review.Mixed || o.MonthlyWaste != 0 || len(o.WasteByCurrency) != len(waste) {
				t.Errorf("seed %d: rows in %d currencies, overview %v %q by currency %+v", seed, len(waste), o.MonthlyWaste, o.Currency, o.WasteByCurrency)
			}
		}
		if want := map[int][]string{0: {""}, 1: {"EUR"}, 2: {review.Mixed, "USD"}}[mode]; o.Currency != want[0] && (len(want) < 2 || o.Currency != want[1]) {
			t.Errorf("seed %d: price mode %d, overview currency %q, want one of %q", seed, mode, o.Currency, want)
		}
		t.Logf("seed %d: Settings %d days, template %d days, price mode %d: %d tenants, %d users, %d inactive, %d inactive licensed, waste %v %s",
			seed, days, other, mode, len(synced), o.Users, o.Inactive, o.InactiveLicensed, o.MonthlyWaste, o.Currency)
	}
}
