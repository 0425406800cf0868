package services

import (
	"context"

	"tenantlens/backend/catalog"
)

// ServicePlans gives a SKU's service plans from the licensing catalog (nil
// until it is available), so review's right-sizing can read them through
// Names (derive.PlanSource).
func (n *Names) ServicePlans(skuID string) []catalog.ServicePlan {
	cat, _, err := n.Load(context.Background())
	if err != nil || cat == nil {
		return nil
	}
	return cat.ServicePlans(skuID)
}
