package sync

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/graph"
	"tenantlens/backend/types"
)

// fetched is everything one run read from Graph, before it becomes a
// snapshot. Pure data: build turns it into a types.Snapshot.
type fetched struct {
	org      graph.Organization
	subs     graph.Subscriptions
	users    graph.UsersResult
	deleted  []graph.DirectoryUser
	contacts []types.Contact

	// MFA: exactly one of regDetails / methods is set when mfaErr is nil.
	regDetails []graph.RegistrationDetail
	methods    map[string]graph.UserMethods
	mfaErr     error // neither source could be read

	usage       *graph.Usage
	usageErr    error
	usageCached bool // usage reused from an earlier download

	lic licFetched // subscriptions, OneDrive/Teams reports, group names (fetch_licensing.go)

	security *types.Security // security posture (fetch_security.go); nil: not read

	// re-sync state
	deltaLink     string                // users delta link to keep for the next sync ("" none)
	signInReadAt  *time.Time            // when sign-in activity was read (nil: not read)
	methodsReadAt *time.Time            // when every user's methods were last read (nil: not read)
	base          *resyncBase           // set when users came from a delta re-sync
	changed       map[string]bool       // lower-case ids the delta reported added or changed
	keptMFA       map[string]types.User // methods source: verdicts kept from the base snapshot, by id
}

// build assembles the snapshot and its flags.
func build(tenantID string, f *fetched) *types.Snapshot {
	snap := &types.Snapshot{
		TenantID:      tenantID,
		TenantName:    f.org.DisplayName,
		DefaultDomain: f.org.DefaultDomain,
		SKUs:          f.subs.SKUs,
		Contacts:      f.contacts,
	}
	for _, d := range f.org.VerifiedDomains {
		snap.Domains = append(snap.Domains, d.Name)
	}
	fl := &snap.Flags
	fl.SignInAvailable = f.users.SignInAvailable
	fl.SignInNote = f.users.SignInNote

	// usage reports
	switch {
	case f.usageErr != nil:
		fl.UsageNote = usageProblem(f.usageErr)
	case f.usage != nil && f.usage.Concealed:
		fl.UsageAvailable, fl.UsageConcealed = true, true
		fl.UsageNote = graph.UsageConcealedNote
		fl.ReportRefreshDate = f.usage.RefreshDate
	case f.usage != nil:
		fl.UsageAvailable = true
		fl.ReportRefreshDate = f.usage.RefreshDate
	}

	// MFA verdicts
	var reg map[string]graph.RegistrationDetail
	var unavailable derive.MFA
	switch {
	case f.mfaErr != nil:
		unavailable = mfaUnavailable(f.mfaErr)
		fl.MFASource, fl.MFAAvailable, fl.MFANote = types.MFASourceNone, false, unavailable.Reason
	case f.regDetails != nil:
		fl.MFASource, fl.MFAAvailable = types.MFASourceRegistrationDetails, true
		reg = make(map[string]graph.RegistrationDetail, len(f.regDetails))
		for _, d := range f.regDetails {
			reg[strings.ToLower(d.UserID)] = d
		}
	default:
		fl.MFASource, fl.MFAAvailable = types.MFASourceAuthMethods, true
		fl.MFANote = "MFA read from each user's authentication methods (the tenant has no Entra ID P1 for registration details)"
	}

	snap.Users = make([]types.User, 0, len(f.users.Users)+len(f.deleted))
	for _, du := range f.users.Users {
		u := du.User
		if f.usage != nil && !f.usage.Concealed {
			if r, ok := f.usage.Record(u.UserPrincipalName); ok {
				u.LastActivity = r.LastActivity
				u.EmailsSent, u.EmailsRead, u.EmailsReceived = r.EmailsSent, r.EmailsRead, r.EmailsReceived
				u.RecipientType = r.RecipientType
				u.ResourceAccount = r.IsResource()
			}
		}
		switch {
		case f.mfaErr != nil:
			unavailable.Apply(&u)
		case reg != nil:
			if d, ok := reg[strings.ToLower(u.ID)]; ok {
				derive.MFAFromRegistrationDetails(d.IsMfaRegistered, d.MethodsRegistered, d.DefaultMethod, d.IsAdmin).Apply(&u)
			} else {
				// not in the registration report: nothing registered
				derive.MFAFromRegistrationDetails(false, nil, "", false).Apply(&u)
			}
		default:
			m, ok := f.methods[u.ID]
			k, kept := f.keptMFA[u.ID]
			switch {
			case !ok && kept:
				u.MFAStatus, u.MFASource, u.MFAMethods = k.MFAStatus, k.MFASource, k.MFAMethods
				u.MFADefaultMethod, u.MFAReason, u.IsAdmin = k.MFADefaultMethod, k.MFAReason, k.IsAdmin
			case !ok:
				derive.MFAUnavailable(derive.CauseRequestFailed, "the user's methods were not returned").Apply(&u)
			case m.Err != nil:
				derive.MFAUnavailable(derive.CauseRequestFailed, m.Err.Message).Apply(&u)
			default:
				derive.MFAFromMethods(m.Methods).Apply(&u)
			}
		}
		snap.Users = append(snap.Users, u)
	}
	for _, du := range f.deleted {
		u := du.User
		derive.MFAForDeletedUser().Apply(&u)
		snap.Users = append(snap.Users, u)
	}
	attachLicensing(snap, f)
	snap.Security = f.security
	return snap
}

// mfaUnavailable picks the reason and fix for a tenant whose MFA data could
// not be read by either source.
func mfaUnavailable(err error) derive.MFA {
	detail := err.Error()
	var ge *graph.Error
	if errors.As(err, &ge) {
		detail = ge.Message
		if ge.Code != "" {
			detail += " (" + ge.Code + ")"
		}
		switch {
		case ge.Class == graph.ClassConsent && ge.Code == graph.CodePermissionMissing:
			return derive.MFAUnavailable(derive.CauseNotConsented, detail)
		case ge.Class == graph.ClassConsent:
			return derive.MFAUnavailable(derive.CauseNoPermission, detail)
		}
	}
	return derive.MFAUnavailable(derive.CauseRequestFailed, detail)
}

// usageProblem explains why usage reports could not be read.
func usageProblem(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) && ge.Class == graph.ClassConsent {
		return fmt.Sprintf("usage reports could not be read: %s. Fix: give the signed-in account (or the GDAP relationship) "+
			"the Reports Reader or Global Reader role and consent to Reports.Read.All, then sync again", ge.Message)
	}
	return "usage reports could not be read: " + err.Error()
}
