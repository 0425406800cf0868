package review

import (
	"context"

	"tenantlens/backend/types"
)

// ScoreTrendSource is the store's Secure Score days without the controls
// (*store.Store); the tenant lines use it to stay cheap.
type ScoreTrendSource interface {
	SecureScoreTrend(ctx context.Context, tenantID string) ([]types.SecureScoreDay, error)
}

// SecureScoreOf is a tenant's Secure Score (newest day, change and trend)
// from the stored history, the same figures as its posture card. Not
// Available when nothing is stored or the history cannot be read.
func (s *Service) SecureScoreOf(ctx context.Context, tenantID string) SecureScoreView {
	var hist []types.SecureScoreDay
	var err error
	switch src := s.Src.(type) {
	case ScoreTrendSource:
		hist, err = src.SecureScoreTrend(ctx, tenantID)
	case ScoreSource:
		hist, err = src.SecureScoreHistory(ctx, tenantID)
	}
	if err != nil {
		hist = nil
	}
	return scoreView(hist)
}
