// Package catalog turns Microsoft's "Product names and service plan
// identifiers for licensing" CSV into friendly licence names and service
// plans, keyed by skuId, with user overrides on top. Source downloads the
// CSV, caches it on disk and refreshes it monthly.
//
// The catalog holds no SQL: overrides are persisted by the store package
// and handed in with SetOverrides.
package catalog

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// ServicePlan is one service plan inside a product.
type ServicePlan struct {
	ID           string // Service_Plan_Id, lower-case GUID
	Name         string // Service_Plan_Name, e.g. EXCHANGE_S_STANDARD
	FriendlyName string // Service_Plans_Included_Friendly_Names as listed for this product
}

// Product is one licence SKU.
type Product struct {
	SkuID       string // GUID column (= subscribedSku.skuId), lower-case
	PartNumber  string // String_Id (= skuPartNumber), whitespace normalised
	DisplayName string // Product_Display_Name
	Plans       []ServicePlan
}

// Catalog is an immutable parsed licensing CSV plus a replaceable set of
// name overrides. All methods are safe for concurrent use and on a nil
// *Catalog (which knows no products).
type Catalog struct {
	products []Product         // file order
	bySku    map[string]int    // lower-case skuId → index in products
	byPN     map[string]int    // matchKey(part number) → first product with it
	plans    map[string]string // plan id → friendly name (first seen)
	planSet  map[string]map[string]bool
	skipped  int

	mu        sync.RWMutex
	overrides map[string]string // lower-case skuId → name
}

// Len returns the number of distinct SKUs.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.products)
}

// ServicePlanCount returns the number of distinct service plan IDs.
func (c *Catalog) ServicePlanCount() int {
	if c == nil {
		return 0
	}
	return len(c.plans)
}

// SkippedRows returns how many CSV rows were ignored because they had no
// usable GUID or String_Id.
func (c *Catalog) SkippedRows() int {
	if c == nil {
		return 0
	}
	return c.skipped
}

// Product returns the product with the given skuId (any case, surrounding
// whitespace ignored).
func (c *Catalog) Product(skuID string) (Product, bool) {
	if c == nil {
		return Product{}, false
	}
	i, ok := c.bySku[normID(skuID)]
	if !ok {
		return Product{}, false
	}
	return c.products[i].clone(), true
}

// ByPartNumber returns the product whose String_Id matches pn, ignoring case
// and whitespace differences (NBSP, tabs, trailing spaces). A few part
// numbers appear under more than one skuId; the first in file order wins, so
// prefer Product when the skuId is known.
func (c *Catalog) ByPartNumber(pn string) (Product, bool) {
	if c == nil {
		return Product{}, false
	}
	i, ok := c.byPN[matchKey(pn)]
	if !ok {
		return Product{}, false
	}
	return c.products[i].clone(), true
}

// Name returns the name to show for a licence: the user's override for the
// skuId, else the catalog's display name (looked up by skuId, then by part
// number), else the part number itself, else the skuId.
func (c *Catalog) Name(skuID, partNumber string) string {
	if c != nil {
		c.mu.RLock()
		o, ok := c.overrides[normID(skuID)]
		c.mu.RUnlock()
		if ok {
			return o
		}
		if p, ok := c.Product(skuID); ok && p.DisplayName != "" {
			return p.DisplayName
		}
		if p, ok := c.ByPartNumber(partNumber); ok && p.DisplayName != "" {
			return p.DisplayName
		}
	}
	if pn := normText(partNumber); pn != "" {
		return pn
	}
	return strings.TrimSpace(skuID)
}

// ServicePlans returns the service plans of the product with skuId, or nil.
func (c *Catalog) ServicePlans(skuID string) []ServicePlan {
	p, ok := c.Product(skuID)
	if !ok {
		return nil
	}
	return p.Plans
}

// HasPlan reports whether the product with skuId includes the service plan.
func (c *Catalog) HasPlan(skuID, planID string) bool {
	if c == nil {
		return false
	}
	return c.planSet[normID(skuID)][normID(planID)]
}

// PlanName returns a friendly name for a service plan ID from any product
// that lists it (the first in file order).
func (c *Catalog) PlanName(planID string) (string, bool) {
	if c == nil {
		return "", false
	}
	n, ok := c.plans[normID(planID)]
	return n, ok
}

// Products returns all products in file order.
func (c *Catalog) Products() []Product {
	if c == nil {
		return nil
	}
	out := make([]Product, len(c.products))
	for i, p := range c.products {
		out[i] = p.clone()
	}
	return out
}

// SetOverrides replaces the user's names for SKUs (skuId → name). Keys are
// matched case-insensitively; empty names are ignored. The map is copied.
func (c *Catalog) SetOverrides(overrides map[string]string) {
	if c == nil {
		return
	}
	m := make(map[string]string, len(overrides))
	for id, name := range overrides {
		if name = strings.TrimSpace(name); name != "" {
			m[normID(id)] = name
		}
	}
	c.mu.Lock()
	c.overrides = m
	c.mu.Unlock()
}

// Overrides returns a copy of the current overrides keyed by lower-case skuId.
func (c *Catalog) Overrides() map[string]string {
	if c == nil {
		return map[string]string{}
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := maps.Clone(c.overrides)
	if out == nil {
		out = map[string]string{}
	}
	return out
}

func (p Product) clone() Product {
	p.Plans = slices.Clone(p.Plans)
	return p
}
