package store

import (
	"context"
	"fmt"

	"tenantlens/backend/types"
)

// SecureScoreTrend returns a tenant's stored Secure Score days, oldest
// first, without their per-control scores (the Overview's and the client
// dashboard's trend; SecureScoreHistory has the controls).
func (s *Store) SecureScoreTrend(ctx context.Context, tenantID string) ([]types.SecureScoreDay, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT day, current_score, max_score, active_users, licensed_users
		FROM secure_score_days WHERE tenant_id = ? ORDER BY day`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("reading Secure Score of %s: %w", tenantID, err)
	}
	defer rows.Close()
	out := []types.SecureScoreDay{}
	for rows.Next() {
		var d types.SecureScoreDay
		if err := rows.Scan(&d.Day, &d.Current, &d.Max, &d.ActiveUsers, &d.LicensedUsers); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
