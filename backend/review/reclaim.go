package review

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// Reclaim reasons, in priority order: a user appears once, under the first
// reason that applies.
const (
	ReasonDisabled  = "Account disabled"
	ReasonInactive  = "Inactive"
	ReasonDuplicate = "Duplicate licenses"
)

// ReclaimRow is one licensed user whose licences could be taken back.
// MonthlyCost is what reclaiming saves: every licence for a disabled or
// inactive user, the redundant licences for a duplicate.
type ReclaimRow struct {
	User         *types.User
	Reason       string
	Detail       string
	Licenses     string   // "; "-joined names of the reclaimable licences
	SkuIDs       []string // the reclaimable licences' skuIds, in Licenses' order
	LastActive   *time.Time
	DaysInactive int // -1 when no signal was ever recorded
	MonthlyCost  float64
}

// overlap says: a user holding Covers does not need any of Covered. Partial
// rules are overlapping suites where neither contains the other (Business
// Premium and Office 365 E3 both bring the Office apps, Exchange and
// SharePoint); the cheaper of the two is flagged (when neither is priced,
// the Covered one). Part numbers are Microsoft's String_Id.
type overlap struct {
	Covers  string
	Covered []string
	Partial bool
}

// overlapTable is the documented duplicate-licence table. It is small on
// purpose: only combinations an MSP would call a mistake.
func overlapTable() []overlap {
	return []overlap{
		{Covers: "SPE_E5", Covered: []string{"SPE_E3", "ENTERPRISEPREMIUM", "ENTERPRISEPACK", "STANDARDPACK", "SPB",
			"O365_BUSINESS_PREMIUM", "O365_BUSINESS_ESSENTIALS", "O365_BUSINESS", "OFFICESUBSCRIPTION",
			"EXCHANGESTANDARD", "EXCHANGEENTERPRISE", "AAD_PREMIUM", "AAD_PREMIUM_P2", "EMS", "EMSPREMIUM",
			"POWER_BI_PRO", "MCOEV"}},
		{Covers: "ENTERPRISEPREMIUM", Covered: []string{"ENTERPRISEPACK", "STANDARDPACK", "O365_BUSINESS_PREMIUM",
			"O365_BUSINESS_ESSENTIALS", "O365_BUSINESS", "OFFICESUBSCRIPTION", "EXCHANGESTANDARD",
			"EXCHANGEENTERPRISE", "POWER_BI_PRO", "MCOEV"}},
		{Covers: "SPE_E3", Covered: []string{"ENTERPRISEPACK", "STANDARDPACK", "O365_BUSINESS_PREMIUM",
			"O365_BUSINESS_ESSENTIALS", "O365_BUSINESS", "OFFICESUBSCRIPTION", "EXCHANGESTANDARD",
			"EXCHANGEENTERPRISE", "AAD_PREMIUM", "EMS"}},
		{Covers: "SPE_E3", Covered: []string{"SPB"}, Partial: true},
		{Covers: "SPB", Covered: []string{"ENTERPRISEPACK"}, Partial: true},
		{Covers: "SPB", Covered: []string{"O365_BUSINESS_PREMIUM", "O365_BUSINESS_ESSENTIALS", "O365_BUSINESS",
			"EXCHANGESTANDARD", "AAD_PREMIUM"}},
		{Covers: "ENTERPRISEPACK", Covered: []string{"STANDARDPACK", "O365_BUSINESS_PREMIUM", "O365_BUSINESS_ESSENTIALS",
			"O365_BUSINESS", "OFFICESUBSCRIPTION", "EXCHANGESTANDARD", "EXCHANGEENTERPRISE"}},
		{Covers: "O365_BUSINESS_PREMIUM", Covered: []string{"O365_BUSINESS_ESSENTIALS", "O365_BUSINESS", "EXCHANGESTANDARD"}},
		{Covers: "O365_BUSINESS_ESSENTIALS", Covered: []string{"EXCHANGESTANDARD"}},
	}
}

func daysBetween(from, to time.Time) int { return int(to.Sub(from).Hours() / 24) }

// findReclaim applies the rules to the dataset's listed users:
//  1. licensed and disabled (blocked sign-in) → every licence;
//  2. inactive by IsInactive with the dataset's threshold → every licence;
//  3. holding SKUs the overlap table calls redundant → those SKUs.
func findReclaim(d *Dataset) []ReclaimRow {
	var out []ReclaimRow
	for i := range d.Users {
		r := &d.Users[i]
		u := r.U
		if !r.Licensed {
			continue
		}
		last := derive.LastSeen(u)
		row := ReclaimRow{User: u, LastActive: last, DaysInactive: -1}
		if last != nil {
			row.DaysInactive = max(0, daysBetween(*last, d.DataDate))
		}
		switch {
		case !u.AccountEnabled:
			row.Reason, row.Detail = ReasonDisabled, "Sign-in is blocked but licenses are still assigned"
		case d.Inactive[i] && reclaimable(u, d.DataDate, d.InactiveDays):
			row.Reason = ReasonInactive
			if last == nil {
				row.Detail = "No sign-in or activity recorded"
			} else {
				row.Detail = "No sign-in or activity for " + strconv.Itoa(row.DaysInactive) + " days"
			}
		}
		if row.Reason != "" {
			row.Licenses, row.MonthlyCost = r.LicenseNames, r.MonthlyCost
			for _, l := range u.Licenses {
				row.SkuIDs = append(row.SkuIDs, l.SkuID)
			}
			out = append(out, row)
			continue
		}
		if ids, why := duplicates(d, u); len(ids) > 0 {
			names := make([]string, len(ids))
			cost := 0.0
			for j, id := range ids {
				k, _ := d.sku(id)
				names[j] = k.Name
				cost += d.monthly(id)
			}
			row.Reason, row.Detail = ReasonDuplicate, strings.Join(why, "; ")
			row.Licenses, row.MonthlyCost = strings.Join(names, "; "), roundCents(cost)
			row.SkuIDs = ids
			out = append(out, row)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].MonthlyCost != out[j].MonthlyCost {
			return out[i].MonthlyCost > out[j].MonthlyCost
		}
		return out[i].User.UserPrincipalName < out[j].User.UserPrincipalName
	})
	return out
}

// IsInactive is the one inactivity rule (the inactive accounts figure):
// derive.IsInactive — enabled, not a resource account, no visible sign-in
// or activity for more than days before at (or none at all); false when
// neither sign-in nor usage data was visible.
func IsInactive(u *types.User, at time.Time, days int, sig derive.Signals) bool {
	inactive, known := derive.IsInactive(u, at, days, sig)
	return inactive && known
}

// reclaimable narrows an inactive account for the reclaim list: one that
// never signed in is listed only once it is older than the threshold (new
// hires are not waste).
func reclaimable(u *types.User, at time.Time, days int) bool {
	if derive.LastSeen(u) == nil && u.CreatedAt != nil {
		return u.CreatedAt.Before(at.AddDate(0, 0, -days))
	}
	return true
}

// duplicates returns the skuIds of u's licences the overlap table calls
// redundant, and why.
func duplicates(d *Dataset, u *types.User) ([]string, []string) {
	if len(u.Licenses) < 2 {
		return nil, nil
	}
	byPN := map[string]string{} // part number → skuId
	for _, l := range u.Licenses {
		k, _ := d.sku(l.SkuID)
		if pn := strings.ToUpper(k.PartNumber); pn != "" {
			byPN[pn] = l.SkuID
		}
	}
	redundant := map[string]bool{}
	var ids, why []string
	flag := func(pn, because string) {
		if !redundant[pn] {
			redundant[pn] = true
			ids = append(ids, byPN[pn])
			why = append(why, because)
		}
	}
	name := func(pn string) string { k, _ := d.sku(byPN[pn]); return k.Name }
	for _, o := range overlapTable() {
		if _, ok := byPN[o.Covers]; !ok || redundant[o.Covers] {
			continue
		}
		for _, c := range o.Covered {
			if _, ok := byPN[c]; !ok || redundant[c] {
				continue
			}
			if !o.Partial {
				flag(c, name(o.Covers)+" includes "+name(c))
				continue
			}
			drop, keep := c, o.Covers
			if pa, pc := d.monthly(byPN[o.Covers]), d.monthly(byPN[c]); pa > 0 && pc > 0 && pa < pc {
				drop, keep = o.Covers, c
			}
			flag(drop, name(drop)+" overlaps "+name(keep)+" (Office apps, Exchange, SharePoint)")
		}
	}
	return ids, why
}

// ReclaimTotal is the reclaim list summed per reason.
type ReclaimTotal struct {
	Reason      string
	Users       int
	MonthlyCost float64
}

// ReclaimTotals sums the reclaim list per reason (in priority order) and
// overall (Reason "Total").
func (d *Dataset) ReclaimTotals() []ReclaimTotal {
	out := []ReclaimTotal{{Reason: ReasonDisabled}, {Reason: ReasonInactive}, {Reason: ReasonDuplicate}, {Reason: "Total"}}
	for _, r := range d.Reclaim {
		for i := range out[:3] {
			if out[i].Reason == r.Reason {
				out[i].Users++
				out[i].MonthlyCost += r.MonthlyCost
			}
		}
		out[3].Users++
		out[3].MonthlyCost += r.MonthlyCost
	}
	for i := range out {
		out[i].MonthlyCost = roundCents(out[i].MonthlyCost)
	}
	return out
}
