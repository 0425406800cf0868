package graph

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Report names as the endpoints call them.
const (
	ReportActiveUsers   = "getOffice365ActiveUserDetail"
	ReportEmailActivity = "getEmailActivityUserDetail"
	ReportMailboxUsage  = "getMailboxUsageDetail"
)

// Services whose "<Service> Last Activity Date" column the active-user
// report carries.
var activityServices = []string{"Exchange", "OneDrive", "SharePoint", "Skype For Business", "Yammer", "Teams"}

// UsageRow is one user row of one usage report; fields a report does not
// have stay zero/nil.
type UsageRow struct {
	UserPrincipalName string
	DisplayName       string
	IsDeleted         bool
	RefreshDate       string
	// LastActivity per service (active-user report) or for the mailbox
	// (email and mailbox reports); only dates that are present.
	ServiceLast  map[string]time.Time
	LastActivity *time.Time
	Sent         *int
	Received     *int
	Read         *int
	// RecipientType (mailbox report): User, Shared, Room, Equipment...
	RecipientType string
}

// csvTable is a parsed report addressed by header name.
type csvTable struct {
	report string
	cols   map[string]int
	rows   [][]string
}

// parseCSV reads a report: UTF-8 with or without BOM, CRLF or LF, quoted
// fields. Columns are found by name because Microsoft adds and reorders them.
func parseCSV(report string, data []byte) (*csvTable, error) {
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
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		t.cols[strings.ToLower(h)] = i
	}
	if _, ok := t.cols["user principal name"]; !ok {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + report, Message: `the CSV has no "User Principal Name" column`}
	}
	return t, nil
}

func (t *csvTable) get(row []string, col string) string {
	i, ok := t.cols[strings.ToLower(col)]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func (t *csvTable) date(row []string, col string) (*time.Time, error) {
	v := t.get(row, col)
	if v == "" {
		return nil, nil
	}
	d, err := time.Parse("2006-01-02", v)
	if err != nil {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + t.report,
			Message: fmt.Sprintf("column %q: %q is not a date", col, v)}
	}
	if d.Year() < 1970 {
		// "0001-01-01" and the like are placeholders, not activity
		return nil, nil
	}
	return &d, nil
}

func (t *csvTable) count(row []string, col string) (*int, error) {
	if _, ok := t.cols[strings.ToLower(col)]; !ok {
		return nil, nil
	}
	v := t.get(row, col)
	if v == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, &Error{Class: ClassMalformed, Endpoint: "GET /reports/" + t.report,
			Message: fmt.Sprintf("column %q: %q is not a number", col, v)}
	}
	return &n, nil
}

// ParseUsageReport parses one of the three D30 user-detail reports.
func ParseUsageReport(report string, data []byte) ([]UsageRow, error) {
	t, err := parseCSV(report, data)
	if err != nil {
		return nil, err
	}
	out := make([]UsageRow, 0, len(t.rows))
	for _, row := range t.rows {
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		u := UsageRow{
			UserPrincipalName: t.get(row, "User Principal Name"),
			DisplayName:       t.get(row, "Display Name"),
			IsDeleted:         strings.EqualFold(t.get(row, "Is Deleted"), "true"),
			RefreshDate:       t.get(row, "Report Refresh Date"),
			RecipientType:     t.get(row, "Recipient Type"),
		}
		switch report {
		case ReportActiveUsers:
			u.ServiceLast = map[string]time.Time{}
			for _, s := range activityServices {
				d, err := t.date(row, s+" Last Activity Date")
				if err != nil {
					return nil, err
				}
				if d != nil {
					u.ServiceLast[s] = *d
					if u.LastActivity == nil || d.After(*u.LastActivity) {
						u.LastActivity = d
					}
				}
			}
		default:
			if u.LastActivity, err = t.date(row, "Last Activity Date"); err != nil {
				return nil, err
			}
		}
		if report == ReportEmailActivity {
			if u.Sent, err = t.count(row, "Send Count"); err != nil {
				return nil, err
			}
			if u.Received, err = t.count(row, "Receive Count"); err != nil {
				return nil, err
			}
			if u.Read, err = t.count(row, "Read Count"); err != nil {
				return nil, err
			}
		}
		out = append(out, u)
	}
	return out, nil
}

// IsConcealedName reports a concealed report identity: a 32-character hex
// hash (or the older "<PII:...>" form) instead of a UPN.
func IsConcealedName(v string) bool {
	if strings.HasPrefix(v, "<PII:") {
		return true
	}
	if len(v) != 32 {
		return false
	}
	for _, c := range v {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
