package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"tenantlens/backend/types"
)

// Security posture rows (migration 0010): snap_security and
// snap_security_users per run, secure_score_days per tenant and day. The
// store persists what the sync read; review builds the figures.

var securityUserCols = []string{"run_id", "user_id", "groups", "roles", "per_user_mfa"}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

// writeSecurity stores a run's security rows and upserts the Secure Score
// days it read (inside CommitSnapshot's transaction). nil writes nothing.
func writeSecurity(ctx context.Context, t *sql.Tx, runID int64, tenantID string, sec *types.Security, now string) error {
	if sec == nil {
		return nil
	}
	pols, err := jsonText(sec.Policies)
	if err != nil {
		return err
	}
	profiles, err := jsonText(sec.ControlProfiles)
	if err != nil {
		return err
	}
	notes, err := jsonText(sec.Notes)
	if err != nil {
		return err
	}
	var sd any
	if sec.SecurityDefaults != nil {
		sd = *sec.SecurityDefaults
	}
	ca := sec.CA
	if ca == "" {
		ca = types.CAUnknown
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO snap_security (run_id, security_defaults, ca, membership_read, roles_read,
			per_user_read, score_read, score_partial, policies, control_profiles, notes) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		runID, sd, ca, sec.MembershipRead, sec.RolesRead, sec.PerUserRead, sec.ScoreRead, sec.ScorePartial,
		pols, profiles, notes); err != nil {
		return fmt.Errorf("writing security of run %d: %w", runID, err)
	}
	users := append([]types.UserSecurity(nil), sec.Users...)
	sort.Slice(users, func(a, b int) bool { return users[a].UserID < users[b].UserID })
	ins := newBatchInsert(ctx, t, "snap_security_users", securityUserCols, func(int) {})
	for _, u := range users {
		if err := ins.add(runID, u.UserID, joinList(u.Groups, ";"), joinList(u.Roles, ";"), u.PerUserMFA); err != nil {
			return err
		}
	}
	if err := ins.close(); err != nil {
		return err
	}
	for _, d := range sec.ScoreDays {
		controls, err := jsonText(d.Controls)
		if err != nil {
			return err
		}
		if _, err := t.ExecContext(ctx, `INSERT INTO secure_score_days (tenant_id, day, current_score, max_score,
				active_users, licensed_users, controls, updated_at) VALUES (?,?,?,?,?,?,?,?)
			ON CONFLICT (tenant_id, day) DO UPDATE SET current_score = excluded.current_score,
				max_score = excluded.max_score, active_users = excluded.active_users,
				licensed_users = excluded.licensed_users, controls = excluded.controls, updated_at = excluded.updated_at`,
			tenantID, d.Day, d.Current, d.Max, d.ActiveUsers, d.LicensedUsers, controls, now); err != nil {
			return fmt.Errorf("writing Secure Score of %s for %s: %w", d.Day, tenantID, err)
		}
	}
	return nil
}

// readSecurity reads a run's security rows (nil when the run read none).
// ScoreDays stay empty: Secure Score is history per tenant
// (SecureScoreHistory).
func readSecurity(ctx context.Context, q *sql.Tx, runID int64) (*types.Security, error) {
	sec := &types.Security{}
	var sd sql.NullBool
	var pols, profiles, notes string
	err := q.QueryRowContext(ctx, `SELECT security_defaults, ca, membership_read, roles_read, per_user_read, score_read,
			score_partial, policies, control_profiles, notes FROM snap_security WHERE run_id = ?`, runID).Scan(
		&sd, &sec.CA, &sec.MembershipRead, &sec.RolesRead, &sec.PerUserRead, &sec.ScoreRead, &sec.ScorePartial,
		&pols, &profiles, &notes)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading security of run %d: %w", runID, err)
	}
	if sd.Valid {
		v := sd.Bool
		sec.SecurityDefaults = &v
	}
	for _, x := range []struct {
		s string
		v any
	}{{pols, &sec.Policies}, {profiles, &sec.ControlProfiles}, {notes, &sec.Notes}} {
		if err := json.Unmarshal([]byte(x.s), x.v); err != nil {
			return nil, fmt.Errorf("reading security of run %d: %w", runID, err)
		}
	}
	rows, err := q.QueryContext(ctx, `SELECT user_id, groups, roles, per_user_mfa FROM snap_security_users
		WHERE run_id = ? ORDER BY user_id`, runID)
	if err != nil {
		return nil, fmt.Errorf("reading security users of run %d: %w", runID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var u types.UserSecurity
		var groups, roles string
		if err := rows.Scan(&u.UserID, &groups, &roles, &u.PerUserMFA); err != nil {
			return nil, err
		}
		u.Groups, u.Roles = splitList(groups, ";"), splitList(roles, ";")
		sec.Users = append(sec.Users, u)
	}
	return sec, rows.Err()
}

// SecureScoreLatestDay is the newest stored Secure Score day of a tenant
// ("" none): the high-water mark the next sync reads from.
func (s *Store) SecureScoreLatestDay(ctx context.Context, tenantID string) (string, error) {
	var day sql.NullString
	if err := s.rdb.QueryRowContext(ctx, `SELECT max(day) FROM secure_score_days WHERE tenant_id = ?`, tenantID).Scan(&day); err != nil {
		return "", fmt.Errorf("reading Secure Score of %s: %w", tenantID, err)
	}
	return day.String, nil
}

// SecureScoreHistory returns a tenant's stored Secure Score days, oldest
// first.
func (s *Store) SecureScoreHistory(ctx context.Context, tenantID string) ([]types.SecureScoreDay, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT day, current_score, max_score, active_users, licensed_users, controls
		FROM secure_score_days WHERE tenant_id = ? ORDER BY day`, tenantID)
	if err != nil {
		return nil, fmt.Errorf("reading Secure Score of %s: %w", tenantID, err)
	}
	defer rows.Close()
	out := []types.SecureScoreDay{}
	for rows.Next() {
		var d types.SecureScoreDay
		var controls string
		if err := rows.Scan(&d.Day, &d.Current, &d.Max, &d.ActiveUsers, &d.LicensedUsers, &controls); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(controls), &d.Controls); err != nil {
			return nil, fmt.Errorf("reading Secure Score of %s on %s: %w", tenantID, d.Day, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
