package bridge

import (
	"context"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// review is the read model every figure of the bound services comes from
// (the CLI asks the same one), at the Settings threshold.
func (b base) review(svc *services.Services) *review.Service { return svc.Review(b.cache) }

// tenantsFor returns one tenant, or every tenant for "".
func tenantsFor(ctx context.Context, svc *services.Services, tenantID string) ([]types.Tenant, error) {
	if tenantID != "" {
		t, err := svc.Store.Tenant(ctx, tenantID)
		if err != nil {
			return nil, err
		}
		return []types.Tenant{t}, nil
	}
	return svc.Store.Tenants(ctx)
}

func rfc(t *time.Time) string { return review.RFC(t) }

func rfcv(t time.Time) string { return rfc(&t) }

func latest(a, b string) string {
	if a > b {
		return a
	}
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
