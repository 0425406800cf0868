package graphsim

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// OneDrive account detail and Teams user activity detail reports
// (GRAPH-FACTS §4, §20; headers as in examples/report_*_D30.csv). Served
// through the same 302 + pre-authenticated CSV download as reports.go.

func init() {
	usageReports["getOneDriveUsageAccountDetail"] = true
	usageReports["getTeamsUserActivityUserDetail"] = true
}

const oneDriveHeader = "Report Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period\r\n"

const teamsHeader = "Report Refresh Date,Tenant Display Name,Shared Channel Tenant Display Names,User Id,User Principal Name,Last Activity Date,Is Deleted,Deleted Date,Assigned Products,Team Chat Message Count,Private Chat Message Count,Call Count,Meeting Count,Post Messages,Reply Messages,Urgent Messages,Meetings Organized Count,Meetings Attended Count,Ad Hoc Meetings Organized Count,Ad Hoc Meetings Attended Count,Scheduled One-time Meetings Organized Count,Scheduled One-time Meetings Attended Count,Scheduled Recurring Meetings Organized Count,Scheduled Recurring Meetings Attended Count,Audio Duration,Video Duration,Screen Share Duration,Audio Duration In Seconds,Video Duration In Seconds,Screen Share Duration In Seconds,Has Other Action,Is Licensed,Report Period\r\n"

// OneDriveStorageAllocated is every demo OneDrive's quota (1 TB).
const OneDriveStorageAllocated = 1099511627776

// personalSiteURL is the user's OneDrive URL.
func personalSiteURL(t *Tenant, upn string) string {
	host := strings.TrimSuffix(t.InitialDomain, ".onmicrosoft.com")
	return "https://" + host + "-my.sharepoint.com/personal/" + strings.NewReplacer(".", "_", "@", "_").Replace(strings.ToLower(upn))
}

// isoDuration formats seconds as Graph's ISO-8601 durations (PT6H12M5S, PT0S).
func isoDuration(sec int64) string {
	if sec <= 0 {
		return "PT0S"
	}
	d := time.Duration(sec) * time.Second
	h, m, s := int64(d.Hours()), int64(d.Minutes())%60, sec%60
	out := "PT"
	if h > 0 {
		out += strconv.FormatInt(h, 10) + "H"
	}
	if m > 0 {
		out += strconv.FormatInt(m, 10) + "M"
	}
	if s > 0 {
		out += strconv.FormatInt(s, 10) + "S"
	}
	return out
}

// serviceDetail returns the user's OneDrive/Teams detail (zero when none).
func (t *Tenant) serviceDetail(u *User) ServiceDetail {
	l := t.lic()
	l.mu.Lock()
	defer l.mu.Unlock()
	if d := l.Detail[u.ID]; d != nil {
		return *d
	}
	return ServiceDetail{}
}

// serviceReportCSV writes the OneDrive or Teams report body after the BOM.
func (s *Sim) serviceReportCSV(b *bytes.Buffer, t *Tenant, d download, rd, period string, names func(*User) (string, string)) {
	i64 := func(n int64) string { return strconv.FormatInt(n, 10) }
	switch d.Report {
	case "getOneDriveUsageAccountDetail":
		b.WriteString(oneDriveHeader)
		for _, u := range t.Users {
			if u.Deleted || u.IsGuest() || !(licenceHas(u, "SHAREPOINT", "ONEDRIVE") || !u.Usage.OneDriveLast.IsZero()) {
				continue
			}
			upn, dn := names(u)
			site := personalSiteURL(t, u.UserPrincipalName)
			if d.Concealed {
				site = concealedID(t.ID, "site|"+u.UserPrincipalName)
			}
			x := t.serviceDetail(u)
			writeCSVRow(b, rd, site, dn, "False", dateOrEmpty(u.Usage.OneDriveLast), i64(x.OneDriveFiles), i64(x.OneDriveActiveFiles),
				i64(x.OneDriveBytes), i64(OneDriveStorageAllocated), upn, period)
		}
	case "getTeamsUserActivityUserDetail":
		b.WriteString(teamsHeader)
		for _, u := range t.Users {
			lic := !u.Deleted && licenceHas(u, "TEAMS")
			if !lic && u.Usage.TeamsLast.IsZero() {
				continue
			}
			upn, _ := names(u)
			x := t.serviceDetail(u)
			n32 := func(v int32) string { return strconv.Itoa(int(v)) }
			deleted := ""
			if u.Deleted {
				deleted = dateOrEmpty(u.DeletedDateTime)
			}
			prods := ""
			if !u.Deleted {
				prods = strings.Join(assignedProducts(u), "+")
			}
			other := "No"
			if x.TeamChat+x.PrivateChat+x.Calls+x.Meetings > 0 {
				other = "Yes"
			}
			yn := "No"
			if lic {
				yn = "Yes"
			}
			writeCSVRow(b, rd, t.DisplayName, "", u.ID, upn, dateOrEmpty(u.Usage.TeamsLast), boolTF(u.Deleted), deleted, prods,
				n32(x.TeamChat), n32(x.PrivateChat), n32(x.Calls), n32(x.Meetings), "0", "0", "0",
				n32(x.MeetingsOrganized), n32(x.MeetingsAttended), "0", "0", n32(x.MeetingsOrganized), n32(x.MeetingsAttended), "0", "0",
				isoDuration(x.AudioSeconds), isoDuration(x.VideoSeconds), isoDuration(x.ScreenShareSeconds),
				i64(x.AudioSeconds), i64(x.VideoSeconds), i64(x.ScreenShareSeconds), other, yn, period)
		}
	}
}
