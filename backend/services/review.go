package services

import (
	"context"
	"time"

	"tenantlens/backend/review"
)

// Review is the read model over these services: the window's bound
// services and the command line build every figure through it, at the
// Settings inactivity threshold. cache may be nil.
func (s *Services) Review(cache *review.Cache) *review.Service {
	return &review.Service{Src: s.Store, Names: s.Names, InactiveDays: s.Config().InactiveDays,
		Demo: s.Config().Demo, Live: live{s}, Cache: cache, Clients: s.Store}
}

// live is the running state review shows on tenant rows.
type live struct{ s *Services }

func (l live) ConnectionKinds(ctx context.Context) (map[string]string, error) {
	conns, err := l.s.Store.Connections(ctx)
	if err != nil {
		return nil, err
	}
	kinds := make(map[string]string, len(conns))
	for _, c := range conns {
		kinds[c.ID] = string(c.Kind)
	}
	return kinds, nil
}

func (l live) Progress(tenantID string) (string, int, int, bool) {
	p, ok := l.s.Bus.Progress(tenantID)
	return p.Phase, p.Done, p.Total, ok
}

func (l live) Running() []string { return l.s.Sync.Running() }

func (l live) CooldownLeft(ctx context.Context, tenantID string) time.Duration {
	at, ok, err := l.s.Store.LastRunFinishedAt(ctx, tenantID)
	if err != nil || !ok {
		return 0
	}
	return l.s.Sync.Cooldown() - time.Since(at)
}

func (l live) CatalogUpdatedAt(ctx context.Context) string {
	_, info, err := l.s.Names.Load(ctx)
	if err != nil {
		return ""
	}
	return review.RFC(&info.FetchedAt)
}
