package graphsim

import "time"

// GroundTruth is what a correct sync of a tenant must find.
type GroundTruth struct {
	TenantID, DisplayName                                          string
	Users                                                          int // non-deleted user objects (members + guests + resource accounts)
	Members, Guests, Disabled, Deleted, Contacts, ResourceAccounts int
	LicensedUsers                                                  int            // non-deleted users with >=1 assigned licence
	ConsumedBySKU                                                  map[string]int // skuId -> consumedUnits as /subscribedSkus reports it
	MFARegistered                                                  int            // non-deleted users having >=1 MFA-capable method
	// Inactive: non-deleted, enabled, non-resource users whose latest visible
	// signal is older than 90 days before Now (or who have none); -1 when the
	// tenant has neither P1 sign-in data nor readable (unconcealed) reports.
	// Resource accounts are known only from the mailbox usage report's
	// Recipient Type, so they are excluded only when reports are unconcealed;
	// with concealed reports they count like any other enabled user.
	Inactive         int
	HasP1, Concealed bool
}

// InactiveAfter is the inactivity threshold.
const InactiveAfter = 90 * 24 * time.Hour

// computeStaticTruth counts everything that does not depend on knobs or Now.
func computeStaticTruth(t *Tenant) GroundTruth {
	g := GroundTruth{TenantID: t.ID, DisplayName: t.DisplayName, Contacts: len(t.Contacts), ConsumedBySKU: map[string]int{}}
	for _, k := range t.SKUs {
		g.ConsumedBySKU[k.SkuID] = 0
	}
	for _, u := range t.Users {
		if u.Deleted {
			g.Deleted++
			continue
		}
		g.Users++
		switch {
		case u.IsResource():
			g.ResourceAccounts++
		case u.IsGuest():
			g.Guests++
		default:
			g.Members++
		}
		if !u.AccountEnabled {
			g.Disabled++
		}
		if len(u.AssignedLicenses) > 0 {
			g.LicensedUsers++
		}
		for _, al := range u.AssignedLicenses {
			g.ConsumedBySKU[al.SkuID]++
		}
		if u.MFARegistered() {
			g.MFARegistered++
		}
	}
	return g
}

// GroundTruth returns the expected numbers for a tenant, honouring the
// NoP1/Concealed knobs, report settings changed over PATCH, and Now.
func (s *Sim) GroundTruth(tenantID string) GroundTruth {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return GroundTruth{TenantID: tenantID, Inactive: -1}
	}
	g := s.baseTruth[t.ID]
	cons := make(map[string]int, len(g.ConsumedBySKU))
	for k, v := range g.ConsumedBySKU {
		cons[k] = v
	}
	g.ConsumedBySKU = cons
	g.HasP1 = s.hasP1(t)
	g.Concealed = s.isConcealed(t)
	g.Inactive = InactiveCount(t, g.HasP1, !g.Concealed, s.now())
	return g
}

// InactiveCount applies the inactivity rule with the visible signals:
// signIns = P1 sign-in activity readable, reports = usage reports readable
// (not concealed), which is also what identifies resource accounts.
func InactiveCount(t *Tenant, signIns, reports bool, now time.Time) int {
	if !signIns && !reports {
		return -1
	}
	cut := now.Add(-InactiveAfter)
	n := 0
	for _, u := range t.Users {
		if u.Deleted || !u.AccountEnabled || (reports && u.IsResource()) {
			continue
		}
		var last time.Time
		if signIns {
			last = u.SignIn.latest()
		}
		if reports {
			if a := u.Usage.LatestActivity(); a.After(last) {
				last = a
			}
		}
		if last.IsZero() || last.Before(cut) {
			n++
		}
	}
	return n
}
