package graph

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/directory"
	"github.com/microsoftgraph/msgraph-sdk-go/groups"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/reports"

	"tenantlens/backend/types"
)

// Licensing reads (GRAPH-FACTS §16, §17, §20): the commerce subscriptions
// behind the SKUs, users' licence assignment states (parsed here, selected
// with the users), licensing group names, and the OneDrive and Teams
// user-detail reports.

// Report names of the per-service reports.
const (
	ReportOneDriveAccounts = "getOneDriveUsageAccountDetail"
	ReportTeamsUsers       = "getTeamsUserActivityUserDetail"
)

// CompanySubscriptions lists the tenant's companySubscriptions (several per SKU).
func (c *Client) CompanySubscriptions(ctx context.Context) ([]types.Subscription, error) {
	b := directory.NewDirectoryRequestBuilderInternal(c.pathParams(), c.adapter).Subscriptions()
	var out []types.Subscription
	err := collect(ctx, "GET /directory/subscriptions",
		func(ctx context.Context) (models.CompanySubscriptionCollectionResponseable, error) {
			return b.Get(ctx, nil)
		},
		func(ctx context.Context, link string) (models.CompanySubscriptionCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(s models.CompanySubscriptionable) error {
			x := types.Subscription{
				ID: str(s.GetId()), CommerceSubscriptionID: str(s.GetCommerceSubscriptionId()),
				SkuID: strings.ToLower(str(s.GetSkuId())), SkuPartNumber: str(s.GetSkuPartNumber()),
				Status: str(s.GetStatus()), IsTrial: boolean(s.GetIsTrial()),
				CreatedAt: timePtr(s.GetCreatedDateTime()), NextLifecycleAt: timePtr(s.GetNextLifecycleDateTime()),
			}
			if n := s.GetTotalLicenses(); n != nil {
				x.TotalLicenses = int(*n)
			}
			out = append(out, x)
			return nil
		})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].SkuID != out[j].SkuID {
			return out[i].SkuID < out[j].SkuID
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// licenseStates parses user.licenseAssignmentStates (returned only when
// selected). An "error" of null or "None" both mean no error; the result is
// nil when Graph sent none.
func licenseStates(u models.Userable) []types.LicenseState {
	sts := u.GetLicenseAssignmentStates()
	if sts == nil {
		return nil
	}
	out := make([]types.LicenseState, 0, len(sts))
	for _, st := range sts {
		if st == nil || st.GetSkuId() == nil {
			continue
		}
		x := types.LicenseState{SkuID: st.GetSkuId().String(), GroupID: strings.ToLower(str(st.GetAssignedByGroup())),
			DisabledPlans: []string{}, State: str(st.GetState()), Error: str(st.GetError()),
			LastUpdated: timePtr(st.GetLastUpdatedDateTime())}
		if x.Error == "" {
			x.Error = "None"
		}
		for _, p := range st.GetDisabledPlans() {
			x.DisabledPlans = append(x.DisabledPlans, p.String())
		}
		out = append(out, x)
	}
	return out
}

// GroupNames reads the display names of licensing groups (GET
// /groups/{id}?$select=id,displayName), a few at a time. A group deleted
// meanwhile (404) is left out; any other failure (403: the token lacks
// GroupMember.Read.All / Group.Read.All / Directory.Read.All) is returned
// with the names read so far.
func (c *Client) GroupNames(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	b := groups.NewGroupsRequestBuilderInternal(c.pathParams(), c.adapter)
	for _, id := range ids {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			g, err := b.ByGroupId(id).Get(ctx, &groups.GroupItemRequestBuilderGetRequestConfiguration{
				QueryParameters: &groups.GroupItemRequestBuilderGetQueryParameters{Select: []string{"id", "displayName"}},
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				e := classify("GET /groups/{id}", 0, err)
				if e.Status == http.StatusNotFound {
					return
				}
				if first == nil {
					first = e
				}
				return
			}
			out[strings.ToLower(id)] = str(g.GetDisplayName())
		}()
	}
	wg.Wait()
	return out, first
}

// ServiceDetail is what the OneDrive account and Teams user reports say
// about one user (nil: the report had no such column or value).
type ServiceDetail struct {
	OneDriveBytes, OneDriveFiles, OneDriveActiveFiles *int64
	OneDriveLast                                      *time.Time
	TeamsChat, TeamsPrivate, TeamsCalls, TeamsMeets   *int64
	TeamsLast                                         *time.Time
	HasOneDrive, HasTeams                             bool
}

// ServiceReports is the merged OneDrive and Teams D30 reports. Err* is set
// when a report could not be read (the other may still be there).
type ServiceReports struct {
	Records     map[string]*ServiceDetail // lower-case UPN
	Concealed   bool
	OneDriveErr error
	TeamsErr    error
}

// Record finds a user's detail by UPN (case-insensitive).
func (r ServiceReports) Record(upn string) (*ServiceDetail, bool) {
	d, ok := r.Records[strings.ToLower(upn)]
	return d, ok
}

// ServiceReports downloads the OneDrive account detail and Teams user
// activity detail reports (D30) at once. Each failure is kept on its own
// report; only a cancellation is returned as the error.
func (c *Client) ServiceReports(ctx context.Context) (ServiceReports, error) {
	period := "D30"
	rb := reports.NewReportsRequestBuilderInternal(c.pathParams(), c.adapter)
	res := ServiceReports{Records: map[string]*ServiceDetail{}}
	var od, tm []byte
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		od, res.OneDriveErr = c.downloadReport(ctx, ReportOneDriveAccounts, func(ctx context.Context) ([]byte, error) {
			return rb.GetOneDriveUsageAccountDetailWithPeriod(&period).Get(ctx, nil)
		})
	}()
	go func() {
		defer wg.Done()
		tm, res.TeamsErr = c.downloadReport(ctx, ReportTeamsUsers, func(ctx context.Context) ([]byte, error) {
			return rb.GetTeamsUserActivityUserDetailWithPeriod(&period).Get(ctx, nil)
		})
	}()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, classify("GET /reports", 0, err)
	}
	rec := func(upn string) *ServiceDetail {
		k := strings.ToLower(upn)
		d := res.Records[k]
		if d == nil {
			d = &ServiceDetail{}
			res.Records[k] = d
		}
		return d
	}
	if res.OneDriveErr == nil {
		res.OneDriveErr = parseServiceReport(ReportOneDriveAccounts, od, "Owner Principal Name", &res.Concealed, func(t *csvTable, row []string, upn string) error {
			d := rec(upn)
			d.HasOneDrive = true
			var err error
			if d.OneDriveBytes, err = t.count64(row, "Storage Used (Byte)"); err != nil {
				return err
			}
			if d.OneDriveFiles, err = t.count64(row, "File Count"); err != nil {
				return err
			}
			if d.OneDriveActiveFiles, err = t.count64(row, "Active File Count"); err != nil {
				return err
			}
			d.OneDriveLast, err = t.date(row, "Last Activity Date")
			return err
		})
	}
	if res.TeamsErr == nil {
		res.TeamsErr = parseServiceReport(ReportTeamsUsers, tm, "User Principal Name", &res.Concealed, func(t *csvTable, row []string, upn string) error {
			d := rec(upn)
			d.HasTeams = true
			var err error
			if d.TeamsChat, err = t.count64(row, "Team Chat Message Count"); err != nil {
				return err
			}
			if d.TeamsPrivate, err = t.count64(row, "Private Chat Message Count"); err != nil {
				return err
			}
			if d.TeamsCalls, err = t.count64(row, "Call Count"); err != nil {
				return err
			}
			if d.TeamsMeets, err = t.count64(row, "Meeting Count"); err != nil {
				return err
			}
			d.TeamsLast, err = t.date(row, "Last Activity Date")
			return err
		})
	}
	if res.Concealed {
		res.Records = map[string]*ServiceDetail{}
	}
	return res, nil
}

// downloadReport fetches one report CSV (302 → pre-authenticated download).
func (c *Client) downloadReport(ctx context.Context, name string, get func(context.Context) ([]byte, error)) ([]byte, error) {
	ep := "GET /reports/" + name + "(period='D30')"
	rctx, last := withLastResponse(ctx)
	data, err := get(rctx)
	switch {
	case err != nil:
		e := classify(ep, 0, err)
		if status, path := last.get(); status >= 400 && e.Status == 0 {
			e.Status = status
			e.Class = classForStatus(status, "")
			e.Message = "the report download (" + path + ") answered HTTP " + http.StatusText(status) +
				" instead of the CSV; Microsoft may not have the report ready yet"
		}
		return nil, e
	case len(data) == 0:
		return nil, errorf(ClassMalformed, ep, "the report is empty (was the 302 to the download followed?)")
	}
	return data, nil
}

// parseServiceReport reads a report whose user column is keyCol and calls
// each for every row of a live user; deleted users' rows are skipped, and
// rows with concealed names set *concealed and are skipped.
func parseServiceReport(report string, data []byte, keyCol string, concealed *bool, each func(*csvTable, []string, string) error) error {
	t, err := parseCSVAnyKey(report, data)
	if err != nil {
		return err
	}
	if _, ok := t.cols[strings.ToLower(keyCol)]; !ok {
		return &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + report, Message: "the CSV has no \"" + keyCol + "\" column"}
	}
	for _, row := range t.rows {
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		upn := t.get(row, keyCol)
		if upn == "" || strings.EqualFold(t.get(row, "Is Deleted"), "true") {
			continue
		}
		if IsConcealedName(upn) { // names hidden by the tenant's report setting
			*concealed = true
			continue
		}
		if err := each(t, row, upn); err != nil {
			return err
		}
	}
	return nil
}

// parseCSVAnyKey is parseCSV without its "User Principal Name" check (the
// OneDrive report's user column is "Owner Principal Name").
func parseCSVAnyKey(report string, data []byte) (*csvTable, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + report, Message: "the CSV cannot be read: " + err.Error(), Err: err}
	}
	if len(recs) == 0 {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + report, Message: "the CSV is empty (no header row)"}
	}
	t := &csvTable{report: report, cols: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		t.cols[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	return t, nil
}

// count64 reads an integer column (nil when the column or value is absent).
func (t *csvTable) count64(row []string, col string) (*int64, error) {
	if _, ok := t.cols[strings.ToLower(col)]; !ok {
		return nil, nil
	}
	v := t.get(row, col)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + t.report,
			Message: fmt.Sprintf("column %q: %q is not a number", col, v)}
	}
	return &n, nil
}
