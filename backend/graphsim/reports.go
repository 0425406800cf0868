package graphsim

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// download is a pre-authenticated report download.
type download struct {
	TenantID  string
	Report    string
	Days      int
	Concealed bool
	Expires   time.Time
}

var usageReports = map[string]bool{
	"getOffice365ActiveUserDetail": true, "getEmailActivityUserDetail": true, "getMailboxUsageDetail": true,
}

// parseReportCall parses getX(period='D30') / microsoft.graph.getX(period=%27D30%27) / getX(date=2026-05-31).
func parseReportCall(seg string) (name string, days int, ok bool, msg string) {
	seg = strings.TrimPrefix(seg, "microsoft.graph.")
	open := strings.IndexByte(seg, '(')
	if open < 0 || !strings.HasSuffix(seg, ")") {
		return seg, 0, false, ""
	}
	name = seg[:open]
	arg := seg[open+1 : len(seg)-1]
	k, v, _ := strings.Cut(arg, "=")
	v = strings.Trim(strings.ReplaceAll(v, "%27", "'"), "'")
	switch k {
	case "period":
		switch v {
		case "D7", "D30", "D90", "D180":
			n, _ := strconv.Atoi(v[1:])
			return name, n, true, ""
		}
		return name, 0, false, "Invalid period: '" + v + "'. Supported values are D7, D30, D90, D180."
	case "date":
		if name == "getMailboxUsageDetail" {
			return name, 0, false, "The parameter 'date' is not supported for this report."
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return name, 0, false, "Invalid date: '" + v + "'."
		}
		return name, 1, true, ""
	}
	return name, 0, false, ""
}

// usageReport answers GET /reports/getX(...) with 302 to a download URL.
func (s *Sim) usageReport(c *gctx, seg string) {
	name, days, ok, msg := parseReportCall(strings.ReplaceAll(seg, "%27", "'"))
	if !usageReports[name] {
		c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+seg+"'.")
		return
	}
	if !ok {
		if msg == "" {
			msg = "Invalid request."
		}
		c.fail(http.StatusBadRequest, "BadRequest", msg)
		return
	}
	if !c.needScope("Reports.Read.All") {
		return
	}
	if !c.hasRole(rolesReports...) {
		c.fail(http.StatusForbidden, "UnknownError", `{"error":{"code":"S2SUnauthorized","message":"Invalid permission."}}`)
		return
	}
	d := download{TenantID: c.t.ID, Report: name, Days: days, Concealed: s.isConcealed(c.t), Expires: s.now().Add(5 * time.Minute)}
	if c.version == "beta" && strings.Contains(strings.ToLower(c.q.Get("$format")), "json") {
		s.reportJSON(c, d)
		return
	}
	id := randomToken(24)
	s.mu.Lock()
	s.downloads[id] = d
	s.mu.Unlock()
	h := c.w.Header()
	h.Set("Location", s.baseFor(c.r)+"/reports-download/data/download/"+id)
	h.Set("Content-Type", "text/plain")
	h.Set("Cache-Control", "private")
	h.Set("request-id", c.reqID)
	h.Set("client-request-id", c.clientReqID())
	c.w.WriteHeader(http.StatusFound)
}

// serveDownload serves the pre-authenticated CSV (no Authorization needed).
func (s *Sim) serveDownload(w *statusWriter, r *http.Request) {
	id := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	s.mu.Lock()
	d, ok := s.downloads[id]
	s.mu.Unlock()
	if !ok || s.now().After(d.Expires) {
		http.Error(w, "The report download link is invalid or has expired.", http.StatusNotFound)
		return
	}
	t := s.tenants[d.TenantID]
	w.tenant = t.ID
	body := s.reportCSV(t, d)
	sum := md5.Sum(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// concealedID is the stable 32-hex hash that replaces names.
func concealedID(tenantID, v string) string {
	sum := md5.Sum([]byte(tenantID + "|" + strings.ToLower(v)))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// reportRows lists the users a usage report shows: every non-deleted user
// with a licence or a mailbox, plus soft-deleted ones (Is Deleted True).
func reportUsers(t *Tenant, mailboxOnly bool) []*User {
	var out []*User
	for _, u := range t.Users {
		if mailboxOnly {
			if u.RecipientType != recipientNone && !u.Deleted {
				out = append(out, u)
			}
			continue
		}
		if u.Deleted || len(u.AssignedLicenses) > 0 || u.RecipientType != recipientNone || !u.Usage.LatestActivity().IsZero() {
			out = append(out, u)
		}
	}
	return out
}

func (s *Sim) refreshDate() time.Time { return s.refDay.Add(-24 * time.Hour) }

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func boolTF(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// assignedProducts joins product names upper-case with '+'.
func assignedProducts(u *User) []string {
	var out []string
	for _, al := range u.AssignedLicenses {
		if n := ProductName(al.SkuID); n != "" {
			out = append(out, strings.ToUpper(n))
		}
	}
	return out
}

// licenceHas reports whether the user's licences include a plan name prefix.
func licenceHas(u *User, prefixes ...string) bool {
	for _, al := range u.AssignedLicenses {
		p, ok := productBySkuID(al.SkuID)
		if !ok {
			continue
		}
		for _, pi := range p.Plans {
			n := catalogPlanTable[pi].Name
			for _, pre := range prefixes {
				if strings.HasPrefix(n, pre) {
					return true
				}
			}
		}
	}
	return false
}

// activityIn keeps a date when it falls inside the report period (the
// "Last Activity Date" columns always show the latest date, period or not,
// like the real reports do for the active-user detail).
func (s *Sim) reportCSV(t *Tenant, d download) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	rd := dateOrEmpty(s.refreshDate())
	period := strconv.Itoa(d.Days)
	names := func(u *User) (string, string) {
		upn := u.UserPrincipalName
		if d.Concealed {
			return concealedID(t.ID, upn), concealedID(t.ID, "dn|"+upn)
		}
		return upn, u.DisplayName
	}
	deletedDate := func(u *User) string {
		if u.Deleted {
			return dateOrEmpty(u.DeletedDateTime)
		}
		return ""
	}
	switch d.Report {
	case "getOffice365ActiveUserDetail":
		b.WriteString("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products\r\n")
		for _, u := range reportUsers(t, false) {
			upn, dn := names(u)
			lic := !u.Deleted
			has := [6]bool{
				lic && licenceHas(u, "EXCHANGE_S_"), lic && licenceHas(u, "SHAREPOINT", "ONEDRIVE"), lic && licenceHas(u, "SHAREPOINT"),
				lic && licenceHas(u, "MCOSTANDARD", "MCOEV"), lic && licenceHas(u, "YAMMER"), lic && licenceHas(u, "TEAMS"),
			}
			us := u.Usage
			fields := []string{rd, upn, dn, boolTF(u.Deleted), deletedDate(u)}
			for _, h := range has {
				fields = append(fields, boolTF(h))
			}
			fields = append(fields, dateOrEmpty(us.ExchangeLast), dateOrEmpty(us.OneDriveLast), dateOrEmpty(us.SharePointLast),
				dateOrEmpty(us.SkypeLast), dateOrEmpty(us.YammerLast), dateOrEmpty(us.TeamsLast))
			for _, h := range has {
				if h {
					fields = append(fields, dateOrEmpty(u.LicenseAssignedAt))
				} else {
					fields = append(fields, "")
				}
			}
			prods := ""
			if !u.Deleted {
				prods = strings.Join(assignedProducts(u), "+")
			}
			fields = append(fields, prods)
			writeCSVRow(&b, fields...)
		}
	case "getEmailActivityUserDetail":
		b.WriteString("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period\r\n")
		scale := func(n int32) string { return strconv.Itoa(int(int64(n) * int64(d.Days) / 30)) }
		for _, u := range reportUsers(t, false) {
			if u.RecipientType == recipientNone && !u.Deleted {
				continue
			}
			upn, dn := names(u)
			us := u.Usage
			prods := ""
			if !u.Deleted {
				prods = strings.Join(assignedProducts(u), "+")
			}
			writeCSVRow(&b, rd, upn, dn, boolTF(u.Deleted), deletedDate(u), dateOrEmpty(us.ExchangeLast),
				scale(us.EmailSend), scale(us.EmailReceive), scale(us.EmailRead), scale(us.MeetingCreated),
				scale(us.MeetingInteracted), prods, period)
		}
	case "getMailboxUsageDetail":
		b.WriteString("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Created Date,Last Activity Date,Item Count,Storage Used (Byte),Issue Warning Quota (Byte),Prohibit Send Quota (Byte),Prohibit Send/Receive Quota (Byte),Deleted Item Count,Deleted Item Size (Byte),Deleted Item Quota (Byte),Has Archive,Recipient Type,Report Period\r\n")
		for _, u := range reportUsers(t, true) {
			upn, dn := names(u)
			us := u.Usage
			delCount := int64(us.MailboxItems) / 14
			writeCSVRow(&b, rd, upn, dn, "False", "", dateOrEmpty(u.CreatedDateTime), dateOrEmpty(us.ExchangeLast),
				strconv.Itoa(int(us.MailboxItems)), strconv.FormatInt(us.MailboxBytes, 10), "52613349376", "53687091200",
				"53687091200", strconv.FormatInt(delCount, 10), strconv.FormatInt(us.MailboxBytes/20, 10), "32212254720",
				boolTF(us.HasArchive), u.RecipientType, period)
		}
	default: // OneDrive and Teams (reports_services.go)
		s.serviceReportCSV(&b, t, d, rd, period, names)
	}
	return b.Bytes()
}

// reportJSON answers the beta JSON form of getOffice365ActiveUserDetail.
func (s *Sim) reportJSON(c *gctx, d download) {
	if d.Report != "getOffice365ActiveUserDetail" {
		c.fail(http.StatusBadRequest, "BadRequest", "JSON format is not supported for this report in the emulator.")
		return
	}
	top, offset, ok := c.pageParams(200, 200, false)
	if !ok {
		return
	}
	t := c.t
	users := reportUsers(t, false)
	start := min(offset, len(users))
	end := min(start+top, len(users))
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#Collection(microsoft.graph.office365ActiveUserDetail)")
	if end < len(users) {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	rd := dateOrEmpty(s.refreshDate())
	dateOrNull := func(k string, v time.Time) {
		if v.IsZero() {
			j.knull(k)
		} else {
			j.kstr(k, dateOrEmpty(v))
		}
	}
	for _, u := range users[start:end] {
		upn, dn := u.UserPrincipalName, u.DisplayName
		if d.Concealed {
			upn, dn = concealedID(t.ID, upn), concealedID(t.ID, "dn|"+upn)
		}
		us := u.Usage
		lic := !u.Deleted
		j.obj()
		j.kstr("reportRefreshDate", rd)
		j.kstr("userPrincipalName", upn)
		j.kstr("displayName", dn)
		j.kbool("isDeleted", u.Deleted)
		if u.Deleted {
			dateOrNull("deletedDate", u.DeletedDateTime)
		} else {
			j.knull("deletedDate")
		}
		hasEx, hasOD, hasSP := lic && licenceHas(u, "EXCHANGE_S_"), lic && licenceHas(u, "SHAREPOINT", "ONEDRIVE"), lic && licenceHas(u, "SHAREPOINT")
		hasSk, hasYa, hasTe := lic && licenceHas(u, "MCOSTANDARD", "MCOEV"), lic && licenceHas(u, "YAMMER"), lic && licenceHas(u, "TEAMS")
		j.kbool("hasExchangeLicense", hasEx)
		j.kbool("hasOneDriveLicense", hasOD)
		j.kbool("hasSharePointLicense", hasSP)
		j.kbool("hasSkypeForBusinessLicense", hasSk)
		j.kbool("hasYammerLicense", hasYa)
		j.kbool("hasTeamsLicense", hasTe)
		dateOrNull("exchangeLastActivityDate", us.ExchangeLast)
		dateOrNull("oneDriveLastActivityDate", us.OneDriveLast)
		dateOrNull("sharePointLastActivityDate", us.SharePointLast)
		dateOrNull("skypeForBusinessLastActivityDate", us.SkypeLast)
		dateOrNull("yammerLastActivityDate", us.YammerLast)
		dateOrNull("teamsLastActivityDate", us.TeamsLast)
		assign := func(k string, has bool) {
			if has {
				dateOrNull(k, u.LicenseAssignedAt)
			} else {
				j.knull(k)
			}
		}
		assign("exchangeLicenseAssignDate", hasEx)
		assign("oneDriveLicenseAssignDate", hasOD)
		assign("sharePointLicenseAssignDate", hasSP)
		assign("skypeForBusinessLicenseAssignDate", hasSk)
		assign("yammerLicenseAssignDate", hasYa)
		assign("teamsLicenseAssignDate", hasTe)
		prods := []string{}
		if lic {
			prods = assignedProducts(u)
		}
		j.kstrs("assignedProducts", prods)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	c.writeJSON(http.StatusOK, j.b)
}
