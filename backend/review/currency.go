package review

import (
	"sort"
	"strings"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// Mixed is the currency of a total whose amounts are in several
// currencies; the rule itself is derive.CurrencyOf (the stored run metrics
// follow it too). A Mixed total is not computed (0, never shown as a
// figure) and each tenant's own figures carry their currency.
const Mixed = derive.MixedCurrency

// NoPrices is the currency of figures built without any price ("").
const NoPrices = ""

// CurrencyOf applies the one currency rule (derive.CurrencyOf).
func CurrencyOf(currencies ...string) string { return derive.CurrencyOf(currencies...) }

// HasMoney reports whether figures in this currency may be shown as money.
func HasMoney(currency string) bool { return currency != NoPrices && currency != Mixed }

// skuCurrency is the currency of a tenant's frozen prices.
func skuCurrency(skus []types.VersionSKU) string {
	cs := make([]string, 0, len(skus))
	for _, k := range skus {
		if k.Priced {
			cs = append(cs, k.Currency)
		}
	}
	return CurrencyOf(cs...)
}

// currencyNote explains costs that are not shown because the tenant's
// prices use several currencies.
func (d *Dataset) currencyNote() string {
	if d.Currency != Mixed {
		return ""
	}
	seen := map[string]bool{}
	for _, k := range d.skus {
		if k.Priced && k.Currency != "" {
			seen[k.Currency] = true
		}
	}
	cs := make([]string, 0, len(seen))
	for c := range seen {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return "Costs: this tenant's prices are in " + strings.Join(cs, ", ") +
		"; costs are added up only within one currency: set every price of the tenant in one currency to see them"
}

// Money is an amount in one currency (per-currency totals of a Mixed total).
type Money struct {
	Currency string  `json:"currency"`
	Amount   float64 `json:"amount"`
}

// moneyTotals adds amounts per currency; Total is the rule's total.
type moneyTotals map[string]float64

func (m moneyTotals) add(currency string, v float64) {
	if HasMoney(currency) {
		m[currency] += v
	}
}

// total is the sum and its currency under the rule (0 when Mixed).
func (m moneyTotals) total() (float64, string) {
	cs := make([]string, 0, len(m))
	for c := range m {
		cs = append(cs, c)
	}
	cur := CurrencyOf(cs...)
	if !HasMoney(cur) {
		return 0, cur
	}
	return roundCents(m[cur]), cur
}

// list is the per-currency totals, by currency code.
func (m moneyTotals) list() []Money {
	out := make([]Money, 0, len(m))
	for c, v := range m {
		out = append(out, Money{Currency: c, Amount: roundCents(v)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}
