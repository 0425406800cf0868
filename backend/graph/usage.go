package graph

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/reports"
)

// UsageConcealedNote tells the admin how to un-conceal report names.
const UsageConcealedNote = "usage reports are anonymised: in the Microsoft 365 admin center open Settings → Org settings → Services → Reports, " +
	"clear \"Display concealed user, group, and site names in all reports\", then sync again"

// UsageRecord is what the D30 usage reports say about one user.
type UsageRecord struct {
	UserPrincipalName string               `json:"userPrincipalName"`
	LastActivity      *time.Time           `json:"lastActivity"` // latest per-service activity (active-user report)
	ServiceLast       map[string]time.Time `json:"serviceLast"`
	EmailsSent        *int                 `json:"emailsSent"`
	EmailsRead        *int                 `json:"emailsRead"`
	EmailsReceived    *int                 `json:"emailsReceived"`
	RecipientType     string               `json:"recipientType"` // mailbox report; "" when no mailbox row
}

// IsResource reports a shared, room or equipment mailbox.
func (r UsageRecord) IsResource() bool { return IsResourceRecipient(r.RecipientType) }

// IsResourceRecipient reports a shared, room or equipment recipient type.
func IsResourceRecipient(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "shared", "room", "equipment", "sharedmailbox", "roommailbox", "equipmentmailbox":
		return true
	}
	return false
}

// Usage is the merged D30 reports of one tenant.
type Usage struct {
	Period      string `json:"period"`
	RefreshDate string `json:"refreshDate"`
	// Concealed: the reports carry hashed identities; Records is then
	// empty because hashes cannot be joined to users (UsageConcealedNote).
	Concealed bool `json:"concealed"`
	// Records by lower-case UPN; deleted users' rows are left out.
	Records map[string]UsageRecord `json:"records"`
}

// Record finds a user's record by UPN (case-insensitive).
func (u Usage) Record(upn string) (UsageRecord, bool) {
	r, ok := u.Records[strings.ToLower(upn)]
	return r, ok
}

// Usage downloads the three D30 user-detail reports (each answers 302 to a
// pre-authenticated CSV that the SDK's redirect handler follows) and merges
// them by UPN.
func (c *Client) Usage(ctx context.Context) (Usage, error) {
	period := "D30"
	rb := reports.NewReportsRequestBuilderInternal(c.pathParams(), c.adapter)
	fetch := []struct {
		name string
		get  func(context.Context) ([]byte, error)
	}{
		{ReportActiveUsers, func(ctx context.Context) ([]byte, error) {
			return rb.GetOffice365ActiveUserDetailWithPeriod(&period).Get(ctx, nil)
		}},
		{ReportEmailActivity, func(ctx context.Context) ([]byte, error) {
			return rb.GetEmailActivityUserDetailWithPeriod(&period).Get(ctx, nil)
		}},
		{ReportMailboxUsage, func(ctx context.Context) ([]byte, error) {
			return rb.GetMailboxUsageDetailWithPeriod(&period).Get(ctx, nil)
		}},
	}
	res := Usage{Period: period, Records: map[string]UsageRecord{}}
	// The three reports are independent (and throttled per report API):
	// download them at once, merge in a fixed order.
	parsed := make([][]UsageRow, len(fetch))
	errs := make([]error, len(fetch))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, f := range fetch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ep := "GET /reports/" + f.name + "(period='D30')"
			rctx, last := withLastResponse(ctx)
			data, err := f.get(rctx)
			switch {
			case err != nil:
				e := classify(ep, 0, err)
				if status, path := last.get(); status >= 400 && e.Status == 0 {
					// the SDK could not read the error page: say what it was
					e.Status = status
					e.Class = classForStatus(status, "")
					e.Message = "the report download (" + path + ") answered HTTP " + http.StatusText(status) +
						" instead of the CSV; Microsoft may not have the report ready yet"
				}
				errs[i] = e
			case len(data) == 0:
				errs[i] = errorf(ClassMalformed, ep, "the report is empty (was the 302 to the download followed?)")
			default:
				parsed[i], errs[i] = ParseUsageReport(f.name, data)
			}
			if errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		// the first real failure, not a cancellation it caused
		if err != nil && ClassOf(err) != ClassCancelled {
			return Usage{}, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return Usage{}, err
		}
	}
	for i, f := range fetch {
		rows := parsed[i]
		for _, row := range rows {
			if IsConcealedName(row.UserPrincipalName) {
				res.Concealed = true
			}
			if row.RefreshDate != "" && row.RefreshDate > res.RefreshDate {
				res.RefreshDate = row.RefreshDate
			}
			if row.IsDeleted || row.UserPrincipalName == "" {
				continue
			}
			key := strings.ToLower(row.UserPrincipalName)
			rec := res.Records[key]
			rec.UserPrincipalName = row.UserPrincipalName
			switch f.name {
			case ReportActiveUsers:
				rec.LastActivity = row.LastActivity
				rec.ServiceLast = row.ServiceLast
			case ReportEmailActivity:
				rec.EmailsSent, rec.EmailsRead, rec.EmailsReceived = row.Sent, row.Read, row.Received
			case ReportMailboxUsage:
				rec.RecipientType = row.RecipientType
			}
			res.Records[key] = rec
		}
	}
	if res.Concealed {
		res.Records = map[string]UsageRecord{}
	}
	return res, nil
}
