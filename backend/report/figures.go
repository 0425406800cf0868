package report

import (
	"context"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// The figures a report shows are review's: the writers only lay them out.
type (
	Dataset    = review.Dataset
	KPIs       = review.KPIs
	LicenseRow = review.License
	ReclaimRow = review.ReclaimRow
	Namer      = review.Namer
	userRow    = review.UserFacts
)

// Reclaim reasons (review's).
const (
	ReasonDisabled  = review.ReasonDisabled
	ReasonInactive  = review.ReasonInactive
	ReasonDuplicate = review.ReasonDuplicate
)

// Build is review.Build (the only builder of a tenant's figures).
func Build(snap *types.Snapshot, skus []types.VersionSKU, inactiveDays int) *Dataset {
	return review.Build(snap, skus, inactiveDays)
}

// FreezeSKUs is review.FreezeSKUs.
func FreezeSKUs(snap *types.Snapshot, prices map[string]types.Price, names Namer) []types.VersionSKU {
	return review.FreezeSKUs(snap, prices, names)
}

// SnapshotDate is review.SnapshotDate.
func SnapshotDate(s *types.Snapshot) time.Time { return review.SnapshotDate(s) }

func roundCents(v float64) float64 { return review.RoundCents(v) }

// reviewSource is the store as review reads it.
type reviewSource struct {
	Source
	repo Repo
}

func (r reviewSource) EffectivePrices(ctx context.Context, tenantID string) (map[string]types.Price, error) {
	return r.repo.EffectivePrices(ctx, tenantID)
}

// review is the read model over this service's store, at the Settings
// threshold days (<= 0: the default).
func (s *Service) review(days int) *review.Service {
	return &review.Service{Src: reviewSource{s.src, s.repo}, Names: s.names, InactiveDays: days, Clients: s.repo}
}
