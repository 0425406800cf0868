package report

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func sorted(v []string) []string {
	out := append([]string{}, v...)
	sort.Strings(out)
	return out
}

// Issue 15 acceptance 5: a version's Security part, read back with
// excelize, equals the database — review's posture and per-user rows over
// the stored snapshot — and graphsim's ground truth; LibreOffice converts
// the workbook and reads the same Security lines.
func TestSecurityPartEqualsDatabase(t *testing.T) {
	e := newSimEnv(t)
	id := e.ids[0]
	truth := e.sim.SecurityTruth(id)
	if truth == nil || truth.Scenario != "caAllUsers" {
		t.Fatalf("first demo customer is not the all-users CA scenario: %+v", truth)
	}
	rep, err := e.svc.CreateReport(e.ctx, id, "Security review", 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows := e.export(t, ExportRequest{VersionID: v.ID}, "security.xlsx")
	rv := e.review(v.InactiveDays)
	p, err := rv.Posture(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Available || len(p.Findings) == 0 {
		t.Fatalf("posture not read: %+v", p)
	}

	sheet := rows["Security"]
	h := header(t, sheet, "Section", "Item", "Value", "Detail")
	get := func(r []string, l string) string { return cellAt(r, h[l]) }
	lines := sheet[1:]
	if len(lines) == 0 || get(lines[0], "Section") != SecFindings || get(lines[0], "Value") != p.Findings[0] {
		t.Fatalf("first Security line %q, want the first finding %q", lines[0], p.Findings[0])
	}
	if len(truth.PrivilegedWithoutMFA) == 0 || !strings.Contains(p.Findings[0], "without registered MFA") {
		t.Fatalf("the demo tenant should have privileged holders without MFA first: truth %v, finding %q", truth.PrivilegedWithoutMFA, p.Findings[0])
	}
	by := map[string][][]string{}
	for _, r := range lines {
		by[get(r, "Section")] = append(by[get(r, "Section")], r)
	}
	col := func(sec, l string) []string {
		var out []string
		for _, r := range by[sec] {
			out = append(out, get(r, l))
		}
		return out
	}
	if got := col(SecFindings, "Value"); !reflect.DeepEqual(got, p.Findings) {
		t.Errorf("findings %q, want %q", got, p.Findings)
	}
	var privIDs, privNames []string
	for _, u := range p.PrivilegedWithoutMFA {
		privIDs, privNames = append(privIDs, u.ID), append(privNames, u.DisplayName)
	}
	if !reflect.DeepEqual(sorted(privIDs), sorted(truth.PrivilegedWithoutMFA)) {
		t.Errorf("privileged without MFA %v, ground truth %v", privIDs, truth.PrivilegedWithoutMFA)
	}
	if got := col(SecPrivileged, "Item"); !reflect.DeepEqual(got, privNames) {
		t.Errorf("privileged lines %q, want %q", got, privNames)
	}
	posture := map[string]string{}
	for _, r := range by[SecPosture] {
		posture[get(r, "Item")] = get(r, "Value")
	}
	wantLegacy := map[bool]string{true: "Blocked", false: "Not blocked"}[truth.LegacyAuthBlocked]
	if posture[PostureDefaults] != map[bool]string{true: "On", false: "Off"}[truth.SecurityDefaults] ||
		posture[PostureLegacy] != wantLegacy || posture[PostureCA] != "Read" || fnum(t, posture[PosturePriv]) != float64(p.Privileged) {
		t.Errorf("posture lines %v; truth defaults %v legacy %v, privileged %d", posture, truth.SecurityDefaults, truth.LegacyAuthBlocked, p.Privileged)
	}
	if got := col(SecMFAPolicies, "Item"); !reflect.DeepEqual(sorted(got), sorted(truth.MFAPolicies)) {
		t.Errorf("MFA policies %q, ground truth %q", got, truth.MFAPolicies)
	}
	for i, pol := range p.MFAPolicies {
		for _, u := range pol.ExcludedUsers {
			if d := get(by[SecMFAPolicies][i], "Detail"); !strings.Contains(d, u) {
				t.Errorf("policy %s detail %q does not name excluded %q", pol.Name, d, u)
			}
		}
	}
	if got := col(SecReportOnly, "Item"); !reflect.DeepEqual(sorted(got), sorted(truth.ReportOnlyPolicies)) {
		t.Errorf("report-only policies %q, ground truth %q", got, truth.ReportOnlyPolicies)
	}
	if got := col(SecBreakGlass, "Item"); len(got) == 0 || !reflect.DeepEqual(sorted(got), sorted(truth.BreakGlass)) {
		t.Errorf("break-glass %q, ground truth %q", got, truth.BreakGlass)
	}
	score := map[string]string{}
	for _, r := range by[SecScore] {
		score[get(r, "Item")] = get(r, "Value")
	}
	sc := p.SecureScore
	if !sc.Available || !near(fnum(t, score[ScoreCurrent]), sc.Current) || !near(fnum(t, score[ScoreMax]), sc.Max) ||
		!near(fnum(t, score[ScorePercent])*100, sc.Percent) || !near(fnum(t, score[ScoreChange]), sc.Change) || score[ScoreDay] != sc.Day {
		t.Errorf("Secure Score lines %v, posture %+v", score, sc)
	}
	if len(by[SecScoreTrend]) != len(sc.Trend) || len(sc.Trend) < 2 {
		t.Errorf("trend lines %d, stored days %d", len(by[SecScoreTrend]), len(sc.Trend))
	}
	if len(by[SecActions]) != len(p.TopActions) || len(p.TopActions) == 0 {
		t.Fatalf("top actions %d lines, posture %d", len(by[SecActions]), len(p.TopActions))
	}
	for i, a := range p.TopActions {
		if r := by[SecActions][i]; get(r, "Item") != a.Title || !near(fnum(t, get(r, "Value")), a.Points) {
			t.Errorf("action %d %q, want %s %.2f", i, r, a.Title, a.Points)
		}
	}
	for i, c := range p.Enforcement {
		if r := by[SecEnforcement][i]; get(r, "Item") != EnforcementLabel(c.Label) || fnum(t, get(r, "Value")) != float64(c.Value) {
			t.Errorf("enforcement count %q, want %+v", r, c)
		}
	}

	// Per user: the MFA part's enforcement columns equal review's rows and
	// graphsim's ground truth; MFA Status keeps its meaning.
	users, err := rv.Users(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	mfa := rows["MFA"]
	hm := header(t, mfa, "User Principal Name", "MFA Status", "MFA Required By", "MFA Enforcement Detail", "MFA State")
	byUPN := map[string]int{}
	for i, u := range users.Rows {
		byUPN[u.UserPrincipalName] = i
	}
	if len(mfa)-1 != len(users.Rows) {
		t.Fatalf("MFA sheet %d rows, database %d users", len(mfa)-1, len(users.Rows))
	}
	kinds := map[string]bool{}
	for _, r := range mfa[1:] {
		i, ok := byUPN[cellAt(r, hm["User Principal Name"])]
		if !ok {
			t.Fatalf("MFA row %q is no stored user", r)
		}
		u := users.Rows[i]
		if cellAt(r, hm["MFA Status"]) != u.MFAStatus || cellAt(r, hm["MFA Required By"]) != EnforcementLabel(u.MFAEnforcement) ||
			cellAt(r, hm["MFA Enforcement Detail"]) != u.MFAEnforcementDetail || cellAt(r, hm["MFA State"]) != CombinedLabel(u.MFACombined) {
			t.Errorf("MFA row %q, database %s %s %q %s", r, u.MFAStatus, u.MFAEnforcement, u.MFAEnforcementDetail, u.MFACombined)
		}
		if ut, ok := truth.Users[u.ID]; ok && (ut.Enforcement != u.MFAEnforcement || ut.Combined != u.MFACombined) {
			t.Errorf("%s: enforcement %s/%s, ground truth %s/%s", u.UserPrincipalName, u.MFAEnforcement, u.MFACombined, ut.Enforcement, ut.Combined)
		}
		kinds[u.MFACombined] = true
	}
	if len(kinds) < 2 {
		t.Errorf("the demo tenant should show several combined states, got %v", kinds)
	}

	// LibreOffice converts the workbook; its Security sheet has the same
	// lines (text columns compared: numbers are formatted there).
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "security.xlsx")
	b, err := os.ReadFile(filepath.Join(e.dir, "security.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(xlsx, b, 0o600); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", dir, xlsx)
	lo := readCSVFile(t, filepath.Join(dir, "security-Security.csv"))
	if len(lo) != len(sheet) || !reflect.DeepEqual(lo[0], sheet[0]) {
		t.Fatalf("Security via LibreOffice: %d rows (header %q), excelize %d", len(lo), lo[0], len(sheet))
	}
	for i := range sheet {
		for _, l := range []string{"Section", "Item", "Detail"} {
			if cellAt(lo[i], h[l]) != get(sheet[i], l) {
				t.Errorf("Security row %d %s via LibreOffice %q, excelize %q", i+1, l, cellAt(lo[i], h[l]), get(sheet[i], l))
			}
		}
	}
	for _, s := range []string{"Renewals", "Right-size", "Assignment Errors"} {
		if recs := readCSVFile(t, filepath.Join(dir, "security-"+s+".csv")); len(recs) != len(rows[s]) || !reflect.DeepEqual(recs[0], rows[s][0]) {
			t.Errorf("%s via LibreOffice: %d rows, excelize %d", s, len(recs), len(rows[s]))
		}
	}
}
