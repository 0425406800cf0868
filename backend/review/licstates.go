package review

import (
	"context"
	"sort"
	"strings"

	"tenantlens/backend/types"
)

// Where each user's licences come from (licenseAssignmentStates, GRAPH-FACTS
// §17): directly or inherited from a group, and the assignment errors.

// Licence sources as the views show them.
const (
	SourceDirect = "Direct"
	SourceGroup  = "Group: " // + the group's name (or id when unknown)
)

// assignmentErrorText is what an assignment error means and what to do.
var assignmentErrorText = map[string]string{
	"CountViolation":                     "not enough licences: buy more seats or free some, then reprocess the user",
	"MutuallyExclusiveViolation":         "a service plan conflicts with one the user already has: remove one of the conflicting licences",
	"DependencyViolation":                "a service plan needs another plan the user does not have: assign the required licence first",
	"ProhibitedInUsageLocationViolation": "the service is not available in the user's usage location: change the usage location or the licence",
	"UniquenessViolation":                "a proxy address is already taken by another object: fix the duplicate address",
	"Other":                              "Microsoft reported another error: see the user's licences in the Microsoft 365 admin center",
}

// AssignmentErrorText explains an assignment error ("" for None).
func AssignmentErrorText(code string) string {
	if code == "" || code == "None" {
		return ""
	}
	if t, ok := assignmentErrorText[code]; ok {
		return t
	}
	return "Microsoft reported " + code + ": see the user's licences in the Microsoft 365 admin center"
}

// sourceLabel is "Direct" or "Group: <name>".
func sourceLabel(s types.LicenseState) string {
	if s.Direct() {
		return SourceDirect
	}
	return SourceGroup + orText(s.GroupName, s.GroupID)
}

// licenseSource says where the user's licence of a SKU comes from
// ("Direct", "Group: X", or both joined with " + "; "" when unknown).
func licenseSource(u *types.User, skuID string) string {
	var out []string
	for _, s := range u.LicenseStates {
		if strings.EqualFold(s.SkuID, skuID) {
			out = append(out, sourceLabel(s))
		}
	}
	return strings.Join(out, " + ")
}

// LicenseStateRow is one licence of a user with its source and state.
type LicenseStateRow struct {
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	UserID            string   `json:"userId"`
	UserPrincipalName string   `json:"userPrincipalName"`
	DisplayName       string   `json:"displayName"`
	SkuID             string   `json:"skuId"`
	Name              string   `json:"name"`
	PartNumber        string   `json:"partNumber"`
	Source            string   `json:"source"` // Direct | Group: <name>
	Direct            bool     `json:"direct"`
	GroupID           string   `json:"groupId"`
	GroupName         string   `json:"groupName"`
	DisabledPlans     []string `json:"disabledPlans"`
	State             string   `json:"state"` // Active | ActiveWithError | Disabled | Error
	Error             string   `json:"error"` // None | CountViolation | ...
	ErrorText         string   `json:"errorText"`
	LastUpdated       string   `json:"lastUpdated"`
}

// LicenseStatesView lists every licence assignment with its source, and
// the assignment errors.
type LicenseStatesView struct {
	Rows      []LicenseStateRow `json:"rows"`
	Errors    []LicenseStateRow `json:"errors"`
	Direct    int               `json:"direct"`
	Inherited int               `json:"inherited"`
	DataDate  string            `json:"dataDate"`
	Available bool              `json:"available"`
	Notes     []string          `json:"notes"`
}

// statesNote says why a tenant's licence sources are incomplete ("" none).
func statesNote(snap *types.Snapshot) string {
	l := snap.Licensing
	switch {
	case l == nil:
		return "Licence sources: this snapshot does not say where licences come from; sync the tenant again"
	case !l.StatesAvailable:
		return "Licence sources: some users' licence assignment states were not returned; sync the tenant again (a full read)"
	case l.GroupsNote != "":
		return "Licence sources: " + l.GroupsNote
	}
	return ""
}

// LicenseStates returns licence assignments with their source and errors
// ("" = every synced tenant), users by display name.
func (s *Service) LicenseStates(ctx context.Context, tenantID string) (LicenseStatesView, error) {
	v := LicenseStatesView{Rows: []LicenseStateRow{}, Errors: []LicenseStateRow{}, Notes: []string{}}
	err := s.each(ctx, tenantID, func(c *Current) {
		v.DataDate = latest(v.DataDate, rfcv(c.Data.DataDate))
		if n := statesNote(c.Snap); n != "" {
			v.Notes = append(v.Notes, prefixed(tenantID, c, []string{n})...)
		}
		if c.Snap.Licensing != nil {
			v.Available = true
		}
		for _, f := range c.Data.Users {
			u := f.U
			for _, st := range u.LicenseStates {
				k, _ := c.Data.sku(st.SkuID)
				r := LicenseStateRow{TenantID: c.Tenant.ID, TenantName: c.Tenant.DisplayName, UserID: u.ID,
					UserPrincipalName: u.UserPrincipalName, DisplayName: u.DisplayName, SkuID: strings.ToLower(st.SkuID),
					Name: orText(k.Name, st.SkuID), PartNumber: k.PartNumber, Source: sourceLabel(st), Direct: st.Direct(),
					GroupID: st.GroupID, GroupName: st.GroupName, DisabledPlans: nonNil(st.DisabledPlans), State: st.State,
					Error: orText(st.Error, "None"), ErrorText: AssignmentErrorText(st.Error), LastUpdated: RFC(st.LastUpdated)}
				if r.Direct {
					v.Direct++
				} else {
					v.Inherited++
				}
				v.Rows = append(v.Rows, r)
				if st.HasError() {
					v.Errors = append(v.Errors, r)
				}
			}
		}
	})
	sort.SliceStable(v.Errors, func(i, j int) bool {
		if v.Errors[i].TenantName != v.Errors[j].TenantName {
			return v.Errors[i].TenantName < v.Errors[j].TenantName
		}
		return strings.ToLower(v.Errors[i].DisplayName) < strings.ToLower(v.Errors[j].DisplayName)
	})
	return v, err
}

// UserLicensing are the Users grid's licensing columns.
type UserLicensing struct {
	// LicenseSources is aligned with LicenseNames: "Direct", "Group: X",
	// both joined with " + ", or "" when unknown.
	LicenseSources []string `json:"licenseSources"`
	// AssignmentErrors: "<licence>: <error> — <what to do>".
	AssignmentErrors []string `json:"assignmentErrors"`
	// Last activity per service (RFC 3339, "" none) from the Office 365
	// active-user report.
	ExchangeLast   string `json:"exchangeLast"`
	OneDriveLast   string `json:"oneDriveLast"`
	SharePointLast string `json:"sharePointLast"`
	TeamsLast      string `json:"teamsLast"`
	YammerLast     string `json:"yammerLast"`
	SkypeLast      string `json:"skypeLast"`
	// OneDrive storage and Teams 30-day counts; -1 unknown.
	OneDriveBytes        int64 `json:"oneDriveBytes"`
	OneDriveFiles        int64 `json:"oneDriveFiles"`
	TeamsChatMessages    int64 `json:"teamsChatMessages"`
	TeamsPrivateMessages int64 `json:"teamsPrivateMessages"`
	TeamsCalls           int64 `json:"teamsCalls"`
	TeamsMeetings        int64 `json:"teamsMeetings"`
}

func int64Or(p *int64) int64 {
	if p == nil {
		return -1
	}
	return *p
}

// userLicensing fills a user's licensing columns; names are the user's
// licence names in u.Licenses order.
func userLicensing(u *types.User, names []string) UserLicensing {
	r := UserLicensing{LicenseSources: make([]string, 0, len(u.Licenses)), AssignmentErrors: []string{},
		OneDriveBytes: -1, OneDriveFiles: -1, TeamsChatMessages: -1, TeamsPrivateMessages: -1, TeamsCalls: -1, TeamsMeetings: -1}
	for _, l := range u.Licenses {
		r.LicenseSources = append(r.LicenseSources, licenseSource(u, l.SkuID))
	}
	for _, st := range u.LicenseStates {
		if !st.HasError() {
			continue
		}
		name := st.SkuID
		for i, l := range u.Licenses {
			if strings.EqualFold(l.SkuID, st.SkuID) && i < len(names) {
				name = names[i]
			}
		}
		r.AssignmentErrors = append(r.AssignmentErrors, name+" ("+sourceLabel(st)+"): "+st.Error+" — "+AssignmentErrorText(st.Error))
	}
	if s := u.Services; s != nil {
		r.ExchangeLast, r.OneDriveLast, r.SharePointLast = RFC(s.ExchangeLast), RFC(s.OneDriveLast), RFC(s.SharePointLast)
		r.TeamsLast, r.YammerLast, r.SkypeLast = RFC(s.TeamsLast), RFC(s.YammerLast), RFC(s.SkypeLast)
		r.OneDriveBytes, r.OneDriveFiles = int64Or(s.OneDriveBytes), int64Or(s.OneDriveFiles)
		r.TeamsChatMessages, r.TeamsPrivateMessages = int64Or(s.TeamsChatMessages), int64Or(s.TeamsPrivateMessages)
		r.TeamsCalls, r.TeamsMeetings = int64Or(s.TeamsCalls), int64Or(s.TeamsMeetings)
	}
	return r
}
