package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/types"
)

func writeWorkbookBytes(tb testing.TB, doc *Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, doc, nil); err != nil {
		tb.Fatalf("WriteWorkbook: %v", err)
	}
	return buf.Bytes()
}

func openWorkbook(tb testing.TB, b []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("reading the workbook back: %v", err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// rawRows reads a sheet with raw values (numbers unformatted, dates as
// serials).
func rawRows(tb testing.TB, f *excelize.File, sheet string) [][]string {
	tb.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		tb.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func num(tb testing.TB, s string) float64 {
	tb.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatalf("%q is not a number", s)
	}
	return v
}

func serialTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := excelize.ExcelDateToTime(num(tb, s), false)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func styleOf(tb testing.TB, f *excelize.File, sheet, ref string) *excelize.Style {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// checkWorkbook compares every sheet of a default-layout workbook with the
// dataset it was made from.
func checkWorkbook(t *testing.T, f *excelize.File, d *Dataset) {
	t.Helper()
	if got, want := f.GetSheetList(), defaultSheets; !reflect.DeepEqual(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}

	// Users.
	rows := rawRows(t, f, "Users")
	if !reflect.DeepEqual(rows[0], designUsersLabels) {
		t.Errorf("Users header\n got %q\nwant %q", rows[0], designUsersLabels)
	}
	if len(rows)-1 != len(d.Users) {
		t.Fatalf("Users has %d rows, data %d", len(rows)-1, len(d.Users))
	}
	for i, r := range d.Users {
		row, u := rows[i+1], r.U
		if row[0] != u.DisplayName || row[1] != u.UserPrincipalName || row[6] != yesNo(u.AccountEnabled) ||
			row[7] != yesNo(u.ResourceAccount) || row[10] != string(u.MFAStatus) || row[8] != r.LicenseNames {
			t.Fatalf("Users row %d = %q, user %+v", i+2, row, u)
		}
		if u.LastSignIn != nil {
			if got := serialTime(t, row[12]); got.Sub(*u.LastSignIn).Abs() > time.Second {
				t.Fatalf("Users row %d last sign-in %v, want %v", i+2, got, u.LastSignIn)
			}
		} else if cellAt(row, 12) != "" {
			t.Fatalf("Users row %d last sign-in %q, want empty", i+2, row[12])
		}
		if u.EmailsSent != nil && num(t, row[14]) != float64(*u.EmailsSent) {
			t.Fatalf("Users row %d emails sent %q, want %d", i+2, row[14], *u.EmailsSent)
		}
		if got := serialTime(t, cellAt(row, 16)); !got.Equal(time.Date(u.CreatedAt.Year(), u.CreatedAt.Month(), u.CreatedAt.Day(), u.CreatedAt.Hour(), u.CreatedAt.Minute(), u.CreatedAt.Second(), 0, time.UTC)) {
			t.Fatalf("Users row %d created %v, want %v", i+2, got, u.CreatedAt)
		}
	}
	if st := styleOf(t, f, "Users", "M2"); st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd hh:mm" {
		t.Errorf("Last Sign-In is not a date-time cell: %+v", st)
	}
	if st := styleOf(t, f, "Users", "Q2"); st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("Created is not a date cell: %+v", st)
	}
	if typ, _ := f.GetCellType("Users", "O2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("Emails Sent is text, want a number")
	}
	panes, err := f.GetPanes("Users")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Users header not frozen: %+v %v", panes, err)
	}
	if w, _ := f.GetColWidth("Users", "B"); w != 36 {
		t.Errorf("UPN column width %v", w)
	}

	// Licenses.
	rows = rawRows(t, f, "Licenses")
	if !reflect.DeepEqual(rows[0], designLicensesLabels) {
		t.Errorf("Licenses header\n got %q\nwant %q", rows[0], designLicensesLabels)
	}
	if len(rows)-1 != len(d.Licenses) {
		t.Fatalf("Licenses has %d rows, data %d", len(rows)-1, len(d.Licenses))
	}
	for i, l := range d.Licenses {
		row := rows[i+1]
		if row[0] != l.Name || row[1] != l.PartNumber || row[2] != l.Status || num(t, row[3]) != float64(l.Purchased) ||
			num(t, row[6]) != float64(l.Assigned) || num(t, row[7]) != float64(l.Available) {
			t.Fatalf("Licenses row %d = %q, data %+v", i+2, row, l)
		}
		if l.Priced && (math.Abs(num(t, row[9])-l.MonthlyCost) > 0.001 || math.Abs(num(t, row[10])-l.UnusedCost) > 0.001) {
			t.Fatalf("Licenses row %d costs %q, data %+v", i+2, row, l)
		}
		if !l.Priced && cellAt(row, 9) != "" {
			t.Fatalf("unpriced %s shows a cost %q", l.PartNumber, row[9])
		}
	}
	for i, l := range d.Licenses {
		if l.Priced {
			ref, _ := excelize.CoordinatesToCellName(10, i+2)
			if st := styleOf(t, f, "Licenses", ref); st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "€") {
				t.Errorf("Monthly Cost %s has no currency format: %+v", ref, st)
			}
			break
		}
	}

	// MFA.
	rows = rawRows(t, f, "MFA")
	disabled := 0
	for _, r := range d.Users {
		if r.U.MFAStatus == types.MFADisabled {
			disabled++
		}
	}
	statusCol := indexOf(rows[0], "MFA Status")
	got := 0
	for i, row := range rows[1:] {
		if row[statusCol] == "Disabled" {
			got++
			ref, _ := excelize.CoordinatesToCellName(statusCol+1, i+2)
			if st := styleOf(t, f, "MFA", ref); st.Font == nil || !strings.EqualFold(st.Font.Color, "C00000") {
				t.Fatalf("MFA %s Disabled not red: %+v", ref, st.Font)
			}
		}
	}
	if len(rows)-1 != len(d.Users) || got != disabled {
		t.Errorf("MFA: %d rows %d Disabled, want %d and %d", len(rows)-1, got, len(d.Users), disabled)
	}

	// Reclaim.
	rows = rawRows(t, f, "Reclaim")
	costCol := indexOf(rows[0], "Monthly Cost")
	sum := 0.0
	for i, r := range d.Reclaim {
		row := rows[i+1]
		if row[1] != r.User.UserPrincipalName || row[2] != r.Reason || math.Abs(num(t, row[costCol])-r.MonthlyCost) > 0.001 {
			t.Fatalf("Reclaim row %d = %q, data %+v", i+2, row, r)
		}
		sum += num(t, row[costCol])
	}
	if math.Abs(sum-d.KPI.ReclaimCost) > 0.01 {
		t.Errorf("Reclaim costs sum %v, KPI %v", sum, d.KPI.ReclaimCost)
	}
	if len(rows) < len(d.Reclaim)+1 || (len(d.Reclaim) > 0 && cellAt(rows[len(d.Reclaim)+1], 0) != "") {
		t.Errorf("Reclaim table should end after %d rows", len(d.Reclaim))
	}

	// Summary KPIs.
	rows = rawRows(t, f, "Summary")
	kpis := map[string][]string{}
	for _, row := range rows {
		if len(row) > 1 {
			kpis[row[0]] = row
		}
	}
	for label, want := range map[string]float64{
		"Users": float64(d.KPI.Users), "Licensed Users": float64(d.KPI.Licensed), "Unused Licenses": float64(d.KPI.Unused),
		"Monthly Waste": d.KPI.MonthlyWaste, "MFA Coverage": d.KPI.MFACoverage, "Monthly Spend": d.KPI.MonthlySpend,
		"Reclaim Candidates": float64(d.KPI.ReclaimUsers),
	} {
		row, ok := kpis[label]
		if !ok || math.Abs(num(t, row[1])-want) > 0.0001 {
			t.Errorf("Summary %s = %q, want %v", label, row, want)
		}
	}
	if cellAt(kpis["Tenant"], 1) != d.TenantName {
		t.Errorf("Summary tenant %q", kpis["Tenant"])
	}
	for _, sheet := range []string{"Summary", "Users", "Licenses", "MFA", "Reclaim"} {
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 {
			t.Errorf("sheet %s: %d tables (%v), want 1", sheet, len(tables), err)
		}
	}
}

func indexOf(row []string, label string) int {
	for i, s := range row {
		if s == label {
			return i
		}
	}
	return -1
}

func zipNames(tb testing.TB, b []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		out = append(out, f.Name)
	}
	return out
}

func TestWorkbookMatchesDataset(t *testing.T) {
	d := fixtureDataset(t, 500, 0, at)
	b := writeWorkbookBytes(t, NewDocument("Quarterly review", d, nil, nil))
	checkWorkbook(t, openWorkbook(t, b), d)
	charts := 0
	for _, n := range zipNames(t, b) {
		if strings.HasPrefix(n, "xl/charts/chart") {
			charts++
		}
		if strings.HasSuffix(n, ".json") {
			t.Errorf("workbook contains %s", n)
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2 (MFA coverage, license utilization)", charts)
	}
}

func TestFormulaInjectionStaysText(t *testing.T) {
	d := fixtureDataset(t, 30, 0, at)
	doc := NewDocument("QBR", d, nil, nil)
	f := openWorkbook(t, writeWorkbookBytes(t, doc))
	rows := rawRows(t, f, "Users")
	found := false
	for i, row := range rows {
		if row[0] != injection {
			continue
		}
		found = true
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if formula, _ := f.GetCellFormula("Users", ref); formula != "" {
			t.Errorf("%s holds formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType("Users", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s type %v, want inline string", ref, typ)
		}
		if row[3] != "+SUM(1,2)" {
			t.Errorf("department %q", row[3])
		}
	}
	if !found {
		t.Fatal("injected display name not in the Users sheet")
	}

	var users Table
	for _, tb := range doc.Tables() {
		if tb.Kind == types.PartUsers {
			users = tb
		}
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, users); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Error("CSV lacks the UTF-8 BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found = false
	for _, r := range recs {
		if strings.Contains(r[0], "HYPERLINK") {
			found = true
			if r[0] != "'"+injection || r[3] != "'+SUM(1,2)" {
				t.Errorf("CSV cells %q %q not neutralised", r[0], r[3])
			}
		}
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("CSV cell %q starts with a formula character", c)
			}
		}
	}
	if !found {
		t.Fatal("injected display name not in the CSV")
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+49 30": "'+49 30", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)", "\tcmd": "'\tcmd",
		"\rcmd": "'\rcmd", "Ada": "Ada", "": "", "a=b": "a=b",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSheetNamesAreValidAndUnique(t *testing.T) {
	n := sheetNamer{}
	got := []string{n.name("Users/Guests: [all]?", "x"), n.name("users/guests: [all]?", "x"), n.name("  ", "mfa"),
		n.name(strings.Repeat("L", 40), "x"), n.name(strings.Repeat("L", 40), "x")}
	want := []string{"Users-Guests- -all--", "users-guests- -all-- (2)", "mfa", strings.Repeat("L", 31), strings.Repeat("L", 27) + " (2)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sheet names\n got %q\nwant %q", got, want)
	}
}

func TestProgressReachesTotal(t *testing.T) {
	d := fixtureDataset(t, 5000, 0, at)
	var calls [][2]int
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, NewDocument("", d, nil, nil), func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 4 {
		t.Fatalf("only %d progress calls", len(calls))
	}
	last := calls[len(calls)-1]
	if last[0] != last[1] || last[1] < 2*len(d.Users) {
		t.Errorf("last progress %v, want done == total ≥ %d", last, 2*len(d.Users))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] {
			t.Fatalf("progress went backwards: %v", calls)
		}
	}
}

func TestSummaryDeltasAreSignedNumbers(t *testing.T) {
	d := fixtureDataset(t, 100, 1, at)
	prevDS := fixtureDataset(t, 100, 0, at.AddDate(0, -3, 0))
	d.Prev, d.PrevDate = &prevDS.KPI, &prevDS.DataDate
	f := openWorkbook(t, writeWorkbookBytes(t, NewDocument("QBR", d, nil, nil)))
	rows := rawRows(t, f, "Summary")
	checked := 0
	for i, row := range rows {
		want := map[string]string{"Users": "+#,##0;-#,##0;0", "MFA Coverage": "+0.0%;-0.0%;0.0%", "Monthly Spend": `+"€"#,##0.00;-"€"#,##0.00`}[row[0]]
		if want == "" {
			continue
		}
		checked++
		ref, _ := excelize.CoordinatesToCellName(4, i+1)
		if st := styleOf(t, f, "Summary", ref); st.CustomNumFmt == nil || *st.CustomNumFmt != want {
			t.Errorf("%s change format %v, want %q", row[0], st.CustomNumFmt, want)
		}
		if math.Abs(num(t, row[3])-(num(t, row[1])-num(t, row[2]))) > 1e-6 {
			t.Errorf("%s change %s ≠ %s − %s", row[0], row[3], row[1], row[2])
		}
	}
	if checked != 3 {
		t.Errorf("found %d of the 3 KPI rows", checked)
	}
	if r := rows[0]; !strings.HasPrefix(r[0], "QBR: Contoso Ltd") {
		t.Errorf("title %q", r)
	}
}
