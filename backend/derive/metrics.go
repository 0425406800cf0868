package derive

import (
	"strings"
	"time"

	"tenantlens/backend/types"
)

// PriceFunc returns the monthly price of one licence of a SKU and its
// currency; ok is false when the SKU has no price.
type PriceFunc func(skuID, partNumber string) (monthlyUnit float64, currency string, ok bool)

// MixedCurrency is the currency of a total whose amounts are in several
// currencies (Metrics.Currency, review's totals): such a sum is never shown
// as money.
const MixedCurrency = "MIXED"

// CurrencyOf is the one currency rule: money is only added up within one
// currency. It returns "" when no amount is priced, the currency when every
// priced amount shares it, MixedCurrency otherwise. Empty entries (unpriced
// amounts) are ignored; a MixedCurrency entry makes the whole set mixed.
func CurrencyOf(currencies ...string) string {
	out := ""
	for _, c := range currencies {
		switch {
		case c == "":
		case out == "":
			out = c
		case out != c:
			return MixedCurrency
		}
	}
	return out
}

// ComputeMetrics derives a run's tenant figures from its snapshot:
//   - Users, Guests, Disabled, Resource, Licensed count non-deleted users;
//     members are Users − Guests; Deleted counts soft-deleted users.
//   - MFARegistered counts non-deleted users whose status is Enabled;
//     MFAEligible counts non-deleted users with a known status (Enabled or
//     Disabled); MFACoveragePct = registered / eligible × 100 (0 when none).
//   - Inactive applies IsInactive with DefaultInactiveDays; -1 when the
//     snapshot saw neither sign-in data nor readable usage reports.
//   - ConsumedBySKU / EnabledBySKU come from subscribedSkus; UnusedLicenses
//     sums max(enabled − consumed, 0) over paid SKUs (not IsFreeSKU); MonthlyCost sums enabled × monthly
//     price over priced SKUs (price may be nil).
func ComputeMetrics(snap *types.Snapshot, now time.Time, price PriceFunc) types.Metrics {
	m := types.Metrics{
		RunID:         snap.Run.ID,
		TenantID:      snap.TenantID,
		At:            now.UTC(),
		Contacts:      len(snap.Contacts),
		ConsumedBySKU: make(map[string]int, len(snap.SKUs)),
		EnabledBySKU:  make(map[string]int, len(snap.SKUs)),
	}
	sig := SignalsOf(snap.Flags)
	for i := range snap.Users {
		u := &snap.Users[i]
		if u.Deleted {
			m.Deleted++
			continue
		}
		m.Users++
		if strings.EqualFold(u.UserType, "Guest") {
			m.Guests++
		}
		if !u.AccountEnabled {
			m.Disabled++
		}
		if u.ResourceAccount {
			m.Resource++
		}
		if len(u.Licenses) > 0 {
			m.Licensed++
		}
		switch u.MFAStatus {
		case types.MFAEnabled:
			m.MFARegistered++
			m.MFAEligible++
		case types.MFADisabled:
			m.MFAEligible++
		}
		if inactive, _ := IsInactive(u, now, DefaultInactiveDays, sig); inactive {
			m.Inactive++
		}
	}
	if !sig.Known() {
		m.Inactive = -1
	}
	if m.MFAEligible > 0 {
		m.MFACoveragePct = float64(m.MFARegistered) * 100 / float64(m.MFAEligible)
	}
	for _, s := range snap.SKUs {
		m.ConsumedBySKU[s.SkuID] += s.Consumed
		m.EnabledBySKU[s.SkuID] += s.Enabled
		if s.Enabled > s.Consumed && !IsFreeSKU(s.PartNumber) {
			m.UnusedLicenses += s.Enabled - s.Consumed
		}
		if price == nil {
			continue
		}
		unit, cur, ok := price(s.SkuID, s.PartNumber)
		if !ok {
			continue
		}
		m.MonthlyCost += unit * float64(s.Enabled)
		m.Currency = CurrencyOf(m.Currency, cur)
	}
	return m
}

// Members is the number of non-deleted member (non-guest) users.
func Members(m types.Metrics) int { return m.Users - m.Guests }

// IsFreeSKU reports part numbers of free, viral or self-service SKUs whose
// huge "purchased" counts (often 10,000) are not bought licences. They never
// count as unused licences or as spend (the report treats a SKU priced at 0
// the same way).
func IsFreeSKU(partNumber string) bool {
	switch strings.ToUpper(strings.TrimSpace(partNumber)) {
	case "FLOW_FREE", "POWER_BI_STANDARD", "TEAMS_EXPLORATORY", "POWERAPPS_VIRAL", "POWERAPPS_DEV",
		"STREAM", "WINDOWS_STORE", "CCIBOTS_PRIVPREV_VIRAL", "MICROSOFT_BUSINESS_CENTER",
		"RIGHTSMANAGEMENT_ADHOC", "FORMS_PRO", "POWER_PAGES_VTRIAL_FOR_MAKERS",
		"DYN365_ENTERPRISE_SALES_VIRAL", "TEAMS_FREE":
		return true
	}
	return false
}
