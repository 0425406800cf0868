package graphsim

import (
	"math/rand/v2"
	"sort"
	"time"
)

// genLicensing adds the licensing extension to a generated tenant: the
// subscriptions behind its SKUs (renewals spread over the next 30/90/365
// days, a trial, the suspended and warning SKUs' subscriptions), a
// licensing group with inherited licences and an assignment error or two,
// users who only use mail and users who use everything, and OneDrive/Teams
// detail. It draws from its own generator seeded by the tenant id, so the
// rest of the demo (users, SKUs, sign-ins) is exactly what it was before.
func genLicensing(t *Tenant, sp tenantSpec, ref time.Time) {
	r := rand.New(rand.NewPCG(hash64("lic|"+t.ID), hash64("lic#2|"+t.ID)))
	l := t.lic()
	l.States = map[string][]LicenseState{}
	l.Detail = map[string]*ServiceDetail{}
	l.Intent = map[string]RightSizeIntent{}
	var trial *SKU
	if !sp.partner && sp.company.Name == fixedCustomers[0].company.Name && !tenantHasSKU(t, SkuPowerBIPro) {
		// a Power BI Pro trial nobody uses yet, ending in 12 days
		trial = &SKU{SkuID: SkuPowerBIPro, SkuPartNumber: SkuPartNumber(SkuPowerBIPro),
			CapabilityStatus: CapabilityEnabled, Enabled: 25, AppliesTo: "User", SubscriptionIDs: []string{seededGUID(r)}}
		t.SKUs = append(t.SKUs, trial)
	}
	genSubscriptions(r, t, ref, trial)
	if !sp.partner && sp.size >= 20 {
		genLicensingGroup(r, t, ref)
	}
	genServiceIntents(r, t)
	genServiceDetail(r, t, ref)
}

func endOfDay(d time.Time) time.Time { return d.Add(day - time.Second) }

// genSubscriptions creates the companySubscriptions of every paid SKU.
func genSubscriptions(r *rand.Rand, t *Tenant, ref time.Time, trial *SKU) {
	l := t.lic()
	k := 0 // renewal schedule slot of the next enabled paid subscription
	nextRenewal := func() time.Time {
		var off int
		switch {
		case k == 0:
			off = 3 + r.IntN(25) // within 30 days
		case k == 1:
			off = 35 + r.IntN(50) // within 90 days
		default:
			off = 100 + r.IntN(250) // within a year
		}
		k++
		return endOfDay(ref.AddDate(0, 0, off))
	}
	for _, s := range t.SKUs {
		if len(s.SubscriptionIDs) == 0 {
			continue // free/viral SKUs have no companySubscription
		}
		mk := func(id, status string, total int, next time.Time) *Subscription {
			sub := &Subscription{ID: id, CommerceSubscriptionID: seededGUID(r), SkuID: s.SkuID, SkuPartNumber: s.SkuPartNumber,
				Status: status, TotalLicenses: total, NextLifecycleDateTime: next}
			sub.CreatedDateTime = next.Truncate(day).AddDate(-1-r.IntN(3), 0, 0)
			l.Subscriptions = append(l.Subscriptions, sub)
			return sub
		}
		switch {
		case s == trial:
			sub := mk(s.SubscriptionIDs[0], SubEnabled, s.Enabled, endOfDay(ref.AddDate(0, 0, 12)))
			sub.IsTrial = true
			sub.CreatedDateTime = ref.AddDate(0, 0, -18)
		case s.CapabilityStatus == CapabilitySuspended:
			mk(s.SubscriptionIDs[0], SubSuspended, s.Suspended, endOfDay(ref.AddDate(0, 0, 20+r.IntN(60))))
		case s.CapabilityStatus == CapabilityWarning:
			mk(s.SubscriptionIDs[0], SubWarning, s.Warning, endOfDay(ref.AddDate(0, 0, 5+r.IntN(20))))
		case s.CapabilityStatus == CapabilityLockedOut:
			mk(s.SubscriptionIDs[0], SubLockedOut, s.LockedOut, time.Time{})
		default:
			total := s.Enabled
			if total >= 8 && r.IntN(10) < 4 {
				// a later top-up purchase with its own term
				extra := 1 + r.IntN(total/3)
				mk(s.SubscriptionIDs[0], SubEnabled, total-extra, nextRenewal())
				id := seededGUID(r)
				s.SubscriptionIDs = append(s.SubscriptionIDs, id)
				mk(id, SubEnabled, extra, nextRenewal())
			} else {
				mk(s.SubscriptionIDs[0], SubEnabled, total, nextRenewal())
			}
		}
	}
}

func tenantHasSKU(t *Tenant, skuID string) bool {
	for _, s := range t.SKUs {
		if s.SkuID == skuID {
			return true
		}
	}
	return false
}

// mainSKU is the paid user SKU most users hold.
func mainSKU(t *Tenant) string {
	count := map[string]int{}
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		for _, al := range u.AssignedLicenses {
			count[al.SkuID]++
		}
	}
	best, n := "", 0
	for _, s := range t.SKUs {
		if len(s.SubscriptionIDs) > 0 && s.CapabilityStatus == CapabilityEnabled && count[s.SkuID] > n {
			best, n = s.SkuID, count[s.SkuID]
		}
	}
	return best
}

// genLicensingGroup: "Licensing - <product>" assigns the main SKU; most of
// its holders inherit it, a few hold it directly too, and one or two
// members have an assignment error.
func genLicensingGroup(r *rand.Rand, t *Tenant, ref time.Time) {
	main := mainSKU(t)
	if main == "" {
		return
	}
	l := t.lic()
	g := &LicenseGroup{ID: seededGUID(r), DisplayName: "Licensing - " + ProductName(main), SkuIDs: []string{main}}
	l.Groups = append(l.Groups, g)
	groupSince := ref.AddDate(0, 0, -200-r.IntN(400)).Add(time.Duration(r.IntN(86400)) * time.Second)
	var errCands []*User
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		if len(u.AssignedLicenses) == 0 && !u.IsGuest() && u.RecipientType == RecipientUser {
			errCands = append(errCands, u)
		}
		if !u.HasSku(main) {
			continue
		}
		x := r.IntN(100)
		if x >= 60 {
			continue // direct only (default states)
		}
		var st []LicenseState
		for _, al := range u.AssignedLicenses {
			s := LicenseState{SkuID: al.SkuID, DisabledPlans: al.DisabledPlans, State: LicStateActive, Error: LicErrNone,
				LastUpdated: u.LicenseAssignedAt}
			if al.SkuID == main {
				if x < 55 {
					s.GroupID, s.LastUpdated = g.ID, maxTime(groupSince, u.LicenseAssignedAt)
				} else {
					// held directly and through the group
					st = append(st, s)
					s.GroupID, s.LastUpdated = g.ID, maxTime(groupSince, u.LicenseAssignedAt)
				}
			}
			st = append(st, s)
		}
		l.States[u.ID] = st
	}
	n := min(1+r.IntN(2), len(errCands))
	for i := 0; i < n; i++ {
		u := errCands[r.IntN(len(errCands))]
		if _, dup := l.States[u.ID]; dup {
			continue
		}
		kind := LicErrCountViolation
		if i > 0 {
			kind = [...]string{LicErrMutuallyExclusive, LicErrDependency}[r.IntN(2)]
		}
		l.States[u.ID] = []LicenseState{{SkuID: main, GroupID: g.ID, State: LicStateError, Error: kind,
			LastUpdated: ref.AddDate(0, 0, -1-r.IntN(10)).Add(time.Duration(r.IntN(86400)) * time.Second)}}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// genServiceIntents makes a few active users mail-only and a few use every
// service. Dates stay those the user already had (no new latest activity),
// so inactivity and the rest of the ground truth are unchanged.
func genServiceIntents(r *rand.Rand, t *Tenant) {
	var cands []*User
	for _, u := range t.Users {
		if u.Deleted || !u.AccountEnabled || u.RecipientType != RecipientUser || u.IsGuest() || u.Usage.ExchangeLast.IsZero() {
			continue
		}
		if _, ok := rightSizeCandidates[u.primarySKU()]; ok {
			cands = append(cands, u)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	l := t.lic()
	for i, u := range cands {
		if i >= 4 {
			break
		}
		us := &u.Usage
		if i%2 == 0 {
			us.OneDriveLast, us.SharePointLast, us.SkypeLast, us.YammerLast, us.TeamsLast = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
			l.Intent[u.ID] = IntentMailOnly
			continue
		}
		d := us.ExchangeLast
		for _, p := range []*time.Time{&us.OneDriveLast, &us.SharePointLast, &us.SkypeLast, &us.YammerLast, &us.TeamsLast} {
			if p.IsZero() || p.After(d) {
				*p = d
			}
		}
		l.Intent[u.ID] = IntentEverything
	}
}

// primarySKU is the user's first assigned SKU ("" when unlicensed).
func (u *User) primarySKU() string {
	if len(u.AssignedLicenses) == 0 {
		return ""
	}
	return u.AssignedLicenses[0].SkuID
}

// genServiceDetail fills OneDrive storage and Teams counts.
func genServiceDetail(r *rand.Rand, t *Tenant, ref time.Time) {
	l := t.lic()
	for _, u := range t.Users {
		us := u.Usage
		if us.OneDriveLast.IsZero() && us.TeamsLast.IsZero() {
			continue
		}
		d := &ServiceDetail{}
		if !us.OneDriveLast.IsZero() {
			d.OneDriveFiles = int64(20 + r.IntN(6000))
			d.OneDriveBytes = d.OneDriveFiles * int64(150_000+r.IntN(2_500_000))
			if ref.Sub(us.OneDriveLast) <= 30*day {
				d.OneDriveActiveFiles = int64(r.IntN(int(d.OneDriveFiles/4) + 1))
			}
		}
		if !us.TeamsLast.IsZero() && ref.Sub(us.TeamsLast) <= 30*day {
			d.TeamChat = int32(r.IntN(120))
			d.PrivateChat = int32(1 + r.IntN(400))
			d.Calls = int32(r.IntN(40))
			d.MeetingsOrganized = int32(r.IntN(15))
			d.MeetingsAttended = int32(d.MeetingsOrganized) + int32(r.IntN(30))
			d.Meetings = d.MeetingsAttended
			d.AudioSeconds = int64(d.Calls)*int64(60+r.IntN(900)) + int64(d.Meetings)*int64(300+r.IntN(2400))
			d.VideoSeconds = d.AudioSeconds / int64(2+r.IntN(4))
			d.ScreenShareSeconds = d.AudioSeconds / int64(5+r.IntN(10))
		}
		l.Detail[u.ID] = d
	}
}
