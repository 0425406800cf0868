package report

import (
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// byTenant splits a client sheet's rows by its Tenant column.
func byTenant(t *testing.T, rows [][]string) map[string][][]string {
	t.Helper()
	h := header(t, rows, TenantColumn)
	out := map[string][][]string{}
	for _, r := range rows[1:] {
		out[cellAt(r, h[TenantColumn])] = append(out[cellAt(r, h[TenantColumn])], r)
	}
	return out
}

// A client version's Renewals, Right-size, Assignment Errors and Security
// parts span the client's tenants with a Tenant column, and each tenant's
// rows, read back with excelize, equal review's builders over the stored
// snapshots (and graphsim's right-sizing ground truth); the Users part's
// licence-source and per-service columns equal review's user rows.
func TestLicensingPartsEqualReview(t *testing.T) {
	e := newSimEnv(t)
	e.showColumns(t, types.PartUsers, "licenseSources", "exchangeLast", "teamsLast", "oneDriveGB", "teamsChats")
	e.showColumns(t, PartRightSize, "kept")
	c, err := e.st.CreateClient(e.ctx, types.Client{Name: "Demo Group"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range e.ids {
		if err := e.st.MapTenant(e.ctx, types.TenantMapping{TenantID: id, ClientID: c.ID}); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := e.svc.CreateClientReport(e.ctx, c.ID, "Demo Q4", 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows := e.export(t, ExportRequest{VersionID: v.ID}, "client.xlsx")
	rv := e.review(v.InactiveDays)
	ren, rs, ae, sec, us := byTenant(t, rows["Renewals"]), byTenant(t, rows["Right-size"]), byTenant(t, rows["Assignment Errors"]),
		byTenant(t, rows["Security"]), byTenant(t, rows["Users"])
	hr := header(t, rows["Renewals"], "Section", "License Name", "Status", "Trial", "Licenses", "Renews / Expires", "Days Left", "Unused Seats",
		"Unit Price", "Unused Cost Until Renewal")
	hs := header(t, rows["Right-size"], "User Principal Name", "Current License", "Suggested License", "Services Used", "Monthly Saving", "Reason",
		"Kept (use not measured)")
	ha := header(t, rows["Assignment Errors"], "User Principal Name", "License", "License Source", "Error", "What To Do")
	hu := header(t, rows["Users"], "User Principal Name", "License Source", "Exchange Last Activity", "Teams Last Activity",
		"OneDrive Storage (GB)", "Teams Chat Messages")
	var events, unusedCost, suggestions, errs, grouped int
	for _, id := range e.ids {
		ten, err := e.st.Tenant(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		name := ten.DisplayName

		// Renewals: attention, trials, what renews within 365 days, then
		// per SKU the unused seats and their cost until renewal.
		cal, err := rv.Renewals(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		type want struct {
			sec  string
			ev   *review.RenewalRow
			un   *review.UnusedSeatsRow
			note string
		}
		var ws []want
		for _, s := range []struct {
			n string
			r []review.RenewalRow
		}{{SectionAttention, cal.Attention}, {SectionTrial, cal.Trials}, {SectionRenewal, cal.Events}} {
			for i := range s.r {
				ws = append(ws, want{sec: s.n, ev: &s.r[i]})
			}
		}
		for i := range cal.Unused {
			ws = append(ws, want{sec: SectionUnused, un: &cal.Unused[i]})
		}
		for _, n := range cal.Notes {
			ws = append(ws, want{sec: SectionNote, note: n})
		}
		got := ren[name]
		if len(got) != len(ws) || len(ws) == 0 {
			t.Fatalf("%s: %d Renewals rows, review %d", name, len(got), len(ws))
		}
		for i, w := range ws {
			r := got[i]
			cell := func(l string) string { return cellAt(r, hr[l]) }
			ok := cell("Section") == w.sec
			switch {
			case w.note != "":
				ok = ok && cell("License Name") == w.note
			case w.ev != nil:
				events++
				ok = ok && cell("License Name") == w.ev.Name && cell("Status") == w.ev.Status && cell("Trial") == yesNo(w.ev.IsTrial) &&
					fnum(t, cell("Licenses")) == float64(w.ev.TotalLicenses) && day(t, cell("Renews / Expires")) == rfcDay(w.ev.Date)
				if w.ev.Date != "" {
					ok = ok && fnum(t, cell("Days Left")) == float64(w.ev.DaysLeft)
				}
			default:
				ok = ok && cell("License Name") == w.un.Name && fnum(t, cell("Unused Seats")) == float64(w.un.Unused) &&
					fnum(t, cell("Licenses")) == float64(w.un.Purchased) && day(t, cell("Renews / Expires")) == rfcDay(w.un.RenewsAt)
				if w.un.Priced && w.un.RenewsAt != "" {
					ok = ok && near(fnum(t, cell("Unit Price")), review.RoundCents(w.un.UnitPrice)) &&
						near(fnum(t, cell("Unused Cost Until Renewal")), w.un.CostUntilRenewal)
					if w.un.CostUntilRenewal > 0 {
						unusedCost++
					}
				}
			}
			if !ok {
				t.Errorf("%s Renewals row %d %q, review %s %+v %+v", name, i, r, w.sec, w.ev, w.un)
			}
		}

		// Right-size: review's suggestions at the version's threshold,
		// as many as graphsim's ground truth.
		sv, err := rv.RightSize(e.ctx, id, v.InactiveDays)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(e.sim.RightSizing(id, v.InactiveDays)); n != len(sv.Rows) {
			t.Errorf("%s: review suggests %d right-sizes, ground truth %d", name, len(sv.Rows), n)
		}
		if len(rs[name]) != len(sv.Rows) {
			t.Fatalf("%s: %d Right-size rows, review %d", name, len(rs[name]), len(sv.Rows))
		}
		for i, x := range sv.Rows {
			r := rs[name][i]
			if cellAt(r, hs["User Principal Name"]) != x.UserPrincipalName || cellAt(r, hs["Current License"]) != x.CurrentName ||
				cellAt(r, hs["Suggested License"]) != x.SuggestedName || cellAt(r, hs["Services Used"]) != strings.Join(x.Used, ", ") ||
				!near(fnum(t, cellAt(r, hs["Monthly Saving"])), x.MonthlySaving) || cellAt(r, hs["Reason"]) != x.Reason ||
				cellAt(r, hs["Kept (use not measured)"]) != strings.Join(x.Kept, ", ") {
				t.Errorf("%s Right-size row %q, review %+v", name, r, x)
			}
			suggestions++
		}

		// Assignment errors.
		st, err := rv.LicenseStates(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(ae[name]) != len(st.Errors) {
			t.Fatalf("%s: %d Assignment Errors rows, review %d", name, len(ae[name]), len(st.Errors))
		}
		for i, x := range st.Errors {
			r := ae[name][i]
			if cellAt(r, ha["User Principal Name"]) != x.UserPrincipalName || cellAt(r, ha["License"]) != x.Name ||
				cellAt(r, ha["License Source"]) != x.Source || cellAt(r, ha["Error"]) != x.Error || cellAt(r, ha["What To Do"]) != x.ErrorText {
				t.Errorf("%s assignment error row %q, review %+v", name, r, x)
			}
			errs++
		}

		// Security spans the tenants too: each tenant's lines start with
		// its first finding.
		p, err := rv.Posture(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(sec[name]) != len(securityLines(&p)) || cellAt(sec[name][0], 3) != p.Findings[0] {
			t.Errorf("%s: %d Security lines (first %q), posture %d lines, first finding %q", name, len(sec[name]), sec[name][0], len(securityLines(&p)), p.Findings[0])
		}

		// Users: licence sources and per-service activity.
		uv, err := rv.Users(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		byUPN := map[string]review.UserRow{}
		for _, u := range uv.Rows {
			byUPN[u.UserPrincipalName] = u
		}
		if len(us[name]) != len(uv.Rows) {
			t.Fatalf("%s: %d Users rows, review %d", name, len(us[name]), len(uv.Rows))
		}
		for _, r := range us[name] {
			u, ok := byUPN[cellAt(r, hu["User Principal Name"])]
			gb := -1.0
			if u.OneDriveBytes >= 0 {
				gb = float64(u.OneDriveBytes) / BytesPerGB
			}
			chats := float64(u.TeamsChatMessages)
			if !ok || cellAt(r, hu["License Source"]) != strings.Join(u.LicenseSources, "; ") ||
				day(t, cellAt(r, hu["Exchange Last Activity"])) != rfcDay(u.ExchangeLast) ||
				day(t, cellAt(r, hu["Teams Last Activity"])) != rfcDay(u.TeamsLast) ||
				(gb >= 0 && !near(fnum(t, cellAt(r, hu["OneDrive Storage (GB)"])), gb)) || (gb < 0 && cellAt(r, hu["OneDrive Storage (GB)"]) != "") ||
				(chats >= 0 && fnum(t, cellAt(r, hu["Teams Chat Messages"])) != chats) {
				t.Errorf("%s Users row %q, review %+v", name, r, u.UserLicensing)
			}
			if strings.Contains(cellAt(r, hu["License Source"]), review.SourceGroup) {
				grouped++
			}
		}
	}
	if events == 0 || unusedCost == 0 || suggestions == 0 || errs == 0 || grouped == 0 {
		t.Errorf("the demo should exercise every part: %d renewal events, %d SKUs with unused cost, %d suggestions, %d assignment errors, %d group-licensed users",
			events, unusedCost, suggestions, errs, grouped)
	}
}

// A final version's new parts are frozen: after prices change and the
// tenant is re-synced with a changed directory, reopening the final shows
// the same Renewals, Right-size, Assignment Errors, Security, MFA and
// Users sheets, while a live export shows the change.
func TestFinalVersionNewPartsFrozen(t *testing.T) {
	e := newSimEnv(t)
	id := e.ids[0]
	for _, x := range e.ids { // a tenant with right-size suggestions (an all-Business Premium one has none)
		if len(e.sim.RightSizing(x, 90)) > 0 {
			id = x
			break
		}
	}
	e.showColumns(t, types.PartUsers, "licenseSources", "mfaEnforcement", "mfaCombined")
	rep, err := e.svc.CreateReport(e.ctx, id, "Frozen", 0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.svc.NewVersion(e.ctx, rep.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Finalize(e.ctx, v.ID); err != nil {
		t.Fatal(err)
	}
	before := e.export(t, ExportRequest{VersionID: v.ID}, "before.xlsx")

	// Prices double; a privileged holder without MFA is disabled; re-sync.
	for sku, p := range graphsim.DemoPrices {
		if err := e.st.SetPrice(e.ctx, types.Price{SkuID: sku, PartNumber: graphsim.SkuPartNumber(sku), UnitPrice: 2 * p, Currency: "USD",
			Billing: types.BillingMonthly}); err != nil {
			t.Fatal(err)
		}
	}
	truth := e.sim.SecurityTruth(id)
	if len(truth.PrivilegedWithoutMFA) == 0 {
		t.Fatal("no privileged holder without MFA to change")
	}
	if err := e.sim.UpdateUser(id, truth.PrivilegedWithoutMFA[0], func(u *graphsim.User) { u.AccountEnabled = false }); err != nil {
		t.Fatal(err)
	}
	if err := e.eng.ForceFullSync(e.ctx, id); err != nil {
		t.Fatal(err)
	}
	if res, err := e.eng.SyncTenant(e.ctx, id, types.TriggerManual); err != nil || res.Status != types.RunSucceeded {
		t.Fatalf("re-sync: %+v %v", res, err)
	}

	after := e.export(t, ExportRequest{VersionID: v.ID}, "after.xlsx")
	live := e.export(t, ExportRequest{TenantID: id}, "live.xlsx")
	for _, s := range []string{"Renewals", "Right-size", "Assignment Errors", "Security", "MFA", "Users"} {
		if len(before[s]) < 2 {
			t.Errorf("%s sheet of the final is empty", s)
		}
		if !reflect.DeepEqual(before[s], after[s]) {
			t.Errorf("%s sheet of the final changed after the re-sync", s)
		}
	}
	// The live export sees the new prices and the disabled account (so the
	// comparison above could fail).
	for _, s := range []string{"Renewals", "Security"} {
		if reflect.DeepEqual(before[s], live[s]) {
			t.Errorf("%s sheet of a live export did not change after the re-sync and the new prices", s)
		}
	}
}

// The Right-size part shows why: Reason is visible by default, the
// services kept because their use is not measured are a hidden column.
func TestRightSizeReasonColumns(t *testing.T) {
	p, ok := NewRegistry().Part(PartRightSize)
	if !ok {
		t.Fatal("no Right-size part")
	}
	hidden := map[string]bool{}
	labels := map[string]string{}
	for _, c := range p.Columns() {
		hidden[c.Key], labels[c.Key] = c.Hidden, c.Label
	}
	if l, ok := labels["reason"]; !ok || l != "Reason" || hidden["reason"] {
		t.Errorf("reason column %q, hidden %v", l, hidden["reason"])
	}
	if l, ok := labels["kept"]; !ok || l != "Kept (use not measured)" || !hidden["kept"] {
		t.Errorf("kept column %q, hidden %v", l, hidden["kept"])
	}
}
