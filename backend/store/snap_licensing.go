package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"tenantlens/backend/types"
)

// Licensing rows of a snapshot (migration 0008): written in CommitSnapshot's
// transaction, read with the snapshot. A run without a snap_licensing row
// (older runs) reads back with Licensing nil.

var subscriptionCols = []string{"run_id", "sub_id", "commerce_id", "sku_id", "part_number", "status", "total_licenses",
	"is_trial", "created_at", "next_lifecycle_at"}

var licenseStateCols = []string{"run_id", "user_id", "seq", "sku_id", "group_id", "group_name", "disabled_plans", "state",
	"error", "last_updated"}

var userServiceCols = []string{"run_id", "user_id", "exchange_last", "onedrive_last", "sharepoint_last", "skype_last",
	"yammer_last", "teams_last", "onedrive_bytes", "onedrive_files", "onedrive_active_files", "teams_chat", "teams_private",
	"teams_calls", "teams_meetings"}

func int64Ptr(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

func nullInt64Ptr(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	i := v.Int64
	return &i
}

// writeLicensingRows stores the snapshot's licensing data.
func writeLicensingRows(ctx context.Context, t *sql.Tx, runID int64, snap *types.Snapshot) error {
	if l := snap.Licensing; l != nil {
		if _, err := t.ExecContext(ctx, `INSERT INTO snap_licensing(run_id, subs_available, subs_note, states_available,
				groups_note, onedrive_available, teams_available, services_note) VALUES (?,?,?,?,?,?,?,?)`,
			runID, l.SubscriptionsAvailable, l.SubscriptionsNote, l.StatesAvailable, l.GroupsNote, l.OneDriveAvailable,
			l.TeamsAvailable, l.ServicesNote); err != nil {
			return fmt.Errorf("writing licensing flags: %w", err)
		}
		subs := newBatchInsert(ctx, t, "snap_subscriptions", subscriptionCols, nil)
		for _, s := range l.Subscriptions {
			if err := subs.add(runID, s.ID, s.CommerceSubscriptionID, s.SkuID, s.SkuPartNumber, s.Status, s.TotalLicenses,
				s.IsTrial, stampPtr(s.CreatedAt), stampPtr(s.NextLifecycleAt)); err != nil {
				return err
			}
		}
		if err := subs.close(); err != nil {
			return err
		}
	}
	order := make([]int, len(snap.Users))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return snap.Users[order[a]].ID < snap.Users[order[b]].ID })
	states := newBatchInsert(ctx, t, "snap_license_states", licenseStateCols, nil)
	svcs := newBatchInsert(ctx, t, "snap_user_services", userServiceCols, nil)
	for _, i := range order {
		u := &snap.Users[i]
		for k, s := range u.LicenseStates {
			if err := states.add(runID, u.ID, k, s.SkuID, s.GroupID, s.GroupName, joinList(s.DisabledPlans, ";"), s.State,
				s.Error, stampPtr(s.LastUpdated)); err != nil {
				return err
			}
		}
		if s := u.Services; !s.Empty() {
			if err := svcs.add(runID, u.ID, stampPtr(s.ExchangeLast), stampPtr(s.OneDriveLast), stampPtr(s.SharePointLast),
				stampPtr(s.SkypeLast), stampPtr(s.YammerLast), stampPtr(s.TeamsLast), int64Ptr(s.OneDriveBytes),
				int64Ptr(s.OneDriveFiles), int64Ptr(s.OneDriveActiveFiles), int64Ptr(s.TeamsChatMessages),
				int64Ptr(s.TeamsPrivateMessages), int64Ptr(s.TeamsCalls), int64Ptr(s.TeamsMeetings)); err != nil {
				return err
			}
		}
	}
	if err := states.close(); err != nil {
		return err
	}
	return svcs.close()
}

// readLicensingRows attaches the run's licensing data to a snapshot whose
// users are already read.
func readLicensingRows(ctx context.Context, q *sql.Tx, runID int64, snap *types.Snapshot) error {
	l := &types.Licensing{}
	err := q.QueryRowContext(ctx, `SELECT subs_available, subs_note, states_available, groups_note, onedrive_available,
			teams_available, services_note FROM snap_licensing WHERE run_id = ?`, runID).Scan(&l.SubscriptionsAvailable,
		&l.SubscriptionsNote, &l.StatesAvailable, &l.GroupsNote, &l.OneDriveAvailable, &l.TeamsAvailable, &l.ServicesNote)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		l = nil
	case err != nil:
		return fmt.Errorf("reading licensing flags: %w", err)
	}
	if l != nil {
		rows, err := q.QueryContext(ctx, `SELECT sub_id, commerce_id, sku_id, part_number, status, total_licenses, is_trial,
				created_at, next_lifecycle_at FROM snap_subscriptions WHERE run_id = ? ORDER BY sku_id, sub_id`, runID)
		if err != nil {
			return fmt.Errorf("reading subscriptions: %w", err)
		}
		l.Subscriptions = []types.Subscription{}
		for rows.Next() {
			var s types.Subscription
			var created, next sql.NullString
			if err := rows.Scan(&s.ID, &s.CommerceSubscriptionID, &s.SkuID, &s.SkuPartNumber, &s.Status, &s.TotalLicenses,
				&s.IsTrial, &created, &next); err != nil {
				rows.Close()
				return fmt.Errorf("reading subscriptions: %w", err)
			}
			s.CreatedAt, s.NextLifecycleAt = parseTimePtr(created), parseTimePtr(next)
			l.Subscriptions = append(l.Subscriptions, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reading subscriptions: %w", err)
		}
	}
	snap.Licensing = l

	byID := make(map[string]*types.User, len(snap.Users))
	for i := range snap.Users {
		byID[snap.Users[i].ID] = &snap.Users[i]
	}
	rows, err := q.QueryContext(ctx, `SELECT user_id, sku_id, group_id, group_name, disabled_plans, state, error, last_updated
		FROM snap_license_states WHERE run_id = ? ORDER BY user_id, seq`, runID)
	if err != nil {
		return fmt.Errorf("reading licence states: %w", err)
	}
	for rows.Next() {
		var uid, plans string
		var s types.LicenseState
		var updated sql.NullString
		if err := rows.Scan(&uid, &s.SkuID, &s.GroupID, &s.GroupName, &plans, &s.State, &s.Error, &updated); err != nil {
			rows.Close()
			return fmt.Errorf("reading licence states: %w", err)
		}
		s.DisabledPlans = splitList(plans, ";")
		if s.DisabledPlans == nil {
			s.DisabledPlans = []string{}
		}
		s.LastUpdated = parseTimePtr(updated)
		if u := byID[uid]; u != nil {
			u.LicenseStates = append(u.LicenseStates, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading licence states: %w", err)
	}

	rows, err = q.QueryContext(ctx, `SELECT `+joinList(userServiceCols[1:], ", ")+` FROM snap_user_services WHERE run_id = ?`, runID)
	if err != nil {
		return fmt.Errorf("reading service activity: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uid string
		var ex, od, sp, sk, ym, tm sql.NullString
		var odb, odf, oda, tc, tp, tca, tme sql.NullInt64
		if err := rows.Scan(&uid, &ex, &od, &sp, &sk, &ym, &tm, &odb, &odf, &oda, &tc, &tp, &tca, &tme); err != nil {
			return fmt.Errorf("reading service activity: %w", err)
		}
		u := byID[uid]
		if u == nil {
			continue
		}
		u.Services = &types.UserServices{
			ExchangeLast: parseTimePtr(ex), OneDriveLast: parseTimePtr(od), SharePointLast: parseTimePtr(sp),
			SkypeLast: parseTimePtr(sk), YammerLast: parseTimePtr(ym), TeamsLast: parseTimePtr(tm),
			OneDriveBytes: nullInt64Ptr(odb), OneDriveFiles: nullInt64Ptr(odf), OneDriveActiveFiles: nullInt64Ptr(oda),
			TeamsChatMessages: nullInt64Ptr(tc), TeamsPrivateMessages: nullInt64Ptr(tp), TeamsCalls: nullInt64Ptr(tca),
			TeamsMeetings: nullInt64Ptr(tme),
		}
	}
	return rows.Err()
}
