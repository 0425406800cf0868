package graphsim

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"tenantlens/backend/catalog"
	"tenantlens/backend/derive"
)

func loadLicensingCSV(t *testing.T) *catalog.Catalog {
	t.Helper()
	f, err := os.Open("../../../shared/data/licensing.csv")
	if err != nil {
		t.Skipf("licensing CSV not available: %v", err)
	}
	defer f.Close()
	cat, err := catalog.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// csvByHeader parses a report CSV (BOM, CRLF) into rows keyed by column name.
func csvByHeader(t *testing.T, body []byte) []map[string]string {
	t.Helper()
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
	recs, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The renewal calendar, assignment errors and right-sizing that derive
// computes from what graphsim serves (through msgraph-sdk-go) equal the
// generator's ground truth, for every demo customer.
func TestLicensingTruthEqualsDeriveFromServedData(t *testing.T) {
	s := startSim(t, Options{})
	cat := loadLicensingCSV(t)
	ctx := context.Background()
	var cands []derive.RightSizeCandidate
	for id := range rightSizeCandidates {
		cands = append(cands, derive.RightSizeCandidate{SkuID: id, MonthlyPrice: DemoPrices[id], MaxSeats: derive.MaxSeatsFor(SkuPartNumber(id))})
	}
	var suggestions, mailOnly, errorsSeen, trials, attention, toCapped int
	buckets := map[int]bool{}
	for _, ten := range s.MSP().Customers {
		c := newSDK(t, s, s.IssueToken(ten.ID))
		// renewals
		subsResp, err := c.directory().Subscriptions().Get(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		var subs []derive.Subscription
		for _, x := range subsResp.GetValue() {
			subs = append(subs, derive.Subscription{ID: *x.GetId(), SkuID: *x.GetSkuId(), SkuPartNumber: *x.GetSkuPartNumber(),
				Status: *x.GetStatus(), TotalLicenses: int(*x.GetTotalLicenses()), IsTrial: *x.GetIsTrial(), NextLifecycle: x.GetNextLifecycleDateTime()})
		}
		skus, err := c.skus().Get(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		consumed := map[string]int{}
		for _, k := range skus.GetValue() {
			consumed[k.GetSkuId().String()] = int(*k.GetConsumedUnits())
		}
		cal := derive.BuildRenewalCalendar(subs, consumed, DemoPrices, fixedNow)
		truth := s.RenewalCalendar(ten.ID)
		if len(cal.Events) != len(truth.Events) || len(cal.Unused) != len(truth.Unused) || len(cal.Trials) != len(truth.Trials) ||
			len(cal.Attention) != len(truth.Attention) {
			t.Fatalf("%s: calendar sizes %d/%d/%d/%d, truth %d/%d/%d/%d", ten.DisplayName, len(cal.Events), len(cal.Unused), len(cal.Trials),
				len(cal.Attention), len(truth.Events), len(truth.Unused), len(truth.Trials), len(truth.Attention))
		}
		for i, e := range cal.Events {
			w := truth.Events[i]
			if e.SubscriptionID != w.SubscriptionID || !e.Date.Equal(w.Date) || e.Bucket != w.Bucket || e.DaysLeft != w.DaysLeft || e.Status != w.Status {
				t.Errorf("%s event %d: %+v, truth %+v", ten.DisplayName, i, e, w)
			}
			buckets[e.Bucket] = true
		}
		for i, u := range cal.Unused {
			w := truth.Unused[i]
			if !strings.EqualFold(u.SkuID, w.SkuID) || u.Unused != w.Unused || u.Purchased != w.Purchased || u.DaysLeft != w.DaysLeft ||
				u.CostUntilRenewal != w.CostUntilRenewal {
				t.Errorf("%s unused %s: %+v, truth %+v", ten.DisplayName, u.SkuID, u, w)
			}
		}
		trials += len(cal.Trials)
		attention += len(cal.Attention)

		// assignment errors and licences
		all, err := allUsers(t, c, &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
			Select: []string{"id", "userPrincipalName", "assignedLicenses", "licenseAssignmentStates"}, Top: ptr32(999)}})
		if err != nil {
			t.Fatal(err)
		}
		var gotErrs []string
		assigned := map[string][]derive.AssignedSKU{}
		upnToID := map[string]string{}
		for _, u := range all {
			upnToID[strings.ToLower(*u.GetUserPrincipalName())] = *u.GetId()
			for _, al := range u.GetAssignedLicenses() {
				a := derive.AssignedSKU{SkuID: al.GetSkuId().String()}
				for _, d := range al.GetDisabledPlans() {
					a.DisabledPlans = append(a.DisabledPlans, d.String())
				}
				assigned[*u.GetId()] = append(assigned[*u.GetId()], a)
			}
			for _, st := range u.GetLicenseAssignmentStates() {
				if e := st.GetError(); e != nil && *e != "None" {
					g := ""
					if st.GetAssignedByGroup() != nil {
						g = *st.GetAssignedByGroup()
					}
					gotErrs = append(gotErrs, *u.GetId()+"|"+st.GetSkuId().String()+"|"+g+"|"+*st.GetState()+"|"+*e)
				}
			}
		}
		var wantErrs []string
		for _, e := range s.AssignmentErrors(ten.ID) {
			wantErrs = append(wantErrs, e.UserID+"|"+e.SkuID+"|"+e.GroupID+"|"+e.State+"|"+e.Error)
		}
		if len(gotErrs) != len(wantErrs) || (len(gotErrs) > 0 && !sameSet(gotErrs, wantErrs)) {
			t.Errorf("%s: assignment errors %v, truth %v", ten.DisplayName, gotErrs, wantErrs)
		}
		errorsSeen += len(gotErrs)

		// right-sizing from the Office 365 active user report
		if s.isConcealed(ten) {
			continue // names concealed: the report cannot be joined to users
		}
		period := "D90"
		body, err := c.reports().GetOffice365ActiveUserDetailWithPeriod(&period).Get(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		cols := map[derive.Service]string{derive.ServiceExchange: "Exchange Last Activity Date", derive.ServiceOneDrive: "OneDrive Last Activity Date",
			derive.ServiceSharePoint: "SharePoint Last Activity Date", derive.ServiceTeams: "Teams Last Activity Date",
			derive.ServiceYammer: "Yammer Last Activity Date", derive.ServiceSkype: "Skype For Business Last Activity Date"}
		var in []derive.RightSizeUser
		for _, row := range csvByHeader(t, body) {
			if row["Is Deleted"] == "True" {
				continue
			}
			id := upnToID[strings.ToLower(row["User Principal Name"])]
			last := map[derive.Service]time.Time{}
			for svc, col := range cols {
				if v := row[col]; v != "" {
					d, err := time.Parse("2006-01-02", v)
					if err != nil {
						t.Fatal(err)
					}
					last[svc] = d
				}
			}
			in = append(in, derive.RightSizeUser{UserID: id, UserPrincipalName: row["User Principal Name"], Assigned: assigned[id], LastActivity: last})
		}
		got := derive.RightSize(cat, cands, in, derive.RightSizeOptions{WindowDays: 90, AsOf: fixedNow, Seats: consumed})
		want := s.RightSizing(ten.ID, 90)
		var g, w []string
		for _, x := range got {
			kept := make([]string, len(x.Kept))
			for i, k := range x.Kept {
				kept[i] = string(k)
			}
			g = append(g, x.UserID+"|"+strings.ToLower(x.CurrentSkuID)+"->"+strings.ToLower(x.SuggestedSkuID)+"|"+ftoa(x.MonthlySaving)+"|"+strings.Join(kept, ","))
		}
		for _, x := range want {
			w = append(w, x.UserID+"|"+x.CurrentSkuID+"->"+x.SuggestedSkuID+"|"+ftoa(x.MonthlySaving)+"|"+strings.Join(x.KeptServices, ","))
			if x.Intent == IntentMailOnly {
				mailOnly++
			}
		}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: right-sizing\n got  %v\n want %v", ten.DisplayName, g, w)
		}
		// Business plans: seats now plus suggested stay within 300 per tenant
		to := map[string]int{}
		for _, x := range got {
			to[strings.ToLower(x.SuggestedSkuID)]++
		}
		for id, n := range to {
			if derive.MaxSeatsFor(SkuPartNumber(id)) == 300 {
				toCapped += n
				if consumed[id]+n > 300 && n > 0 {
					t.Errorf("%s: %d suggestions to %s with %d seats assigned exceed 300", ten.DisplayName, n, SkuPartNumber(id), consumed[id])
				}
			}
		}
		t.Logf("%s (%d users): %d right-size suggestions, %v", ten.DisplayName, len(all), len(got), to)
		suggestions += len(got)
	}
	if suggestions == 0 || toCapped == 0 || mailOnly == 0 || errorsSeen < 2 || trials == 0 || attention < 2 || !buckets[30] || !buckets[90] || !buckets[365] {
		t.Errorf("demo coverage: suggestions %d (%d to Business plans) mail-only %d errors %d trials %d attention %d buckets %v",
			suggestions, toCapped, mailOnly, errorsSeen, trials, attention, buckets)
	}
}

func ptr32(n int32) *int32 { return &n }

func ftoa(f float64) string { return strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".") }

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

var _ = models.CreateUserFromDiscriminatorValue

func strconvF(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
