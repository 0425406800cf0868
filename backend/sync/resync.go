package sync

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/graph"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// Re-sync tuning; package variables so tests can change them.
var (
	// usageMaxAge: usage reports downloaded less than this ago are reused.
	usageMaxAge = 12 * time.Hour
	// methodsMaxAge: without P1, each user's authentication methods are
	// re-read for new and changed users only, and for everyone once the
	// last full read is this old (a user registering a method is not a
	// change the users delta reports).
	methodsMaxAge = 7 * 24 * time.Hour
	// signInLag: signInActivity can be hours stale (GRAPH-FACTS §1: ~6 h),
	// so sign-ins are asked for from this long before the last read.
	signInLag = 24 * time.Hour
)

// resyncBase is what a re-sync continues from: the stored delta state and
// the snapshot it belongs to, still the tenant's current one.
type resyncBase struct {
	state store.DeltaState
	snap  *types.Snapshot
	prev  map[string]types.User // the snapshot's non-deleted users by lower-case id
}

// resyncBase returns nil (and says why in the log) when the tenant must be
// read in full.
func (j *job) resyncBase(ctx context.Context) *resyncBase {
	st, ok, err := j.e.o.Store.DeltaState(ctx, j.tenantID)
	if err != nil {
		j.logf(types.LogWarn, "re-sync state not readable (%v): reading every user", err)
		return nil
	}
	if !ok || st.UsersDeltaLink == "" {
		j.logf(types.LogInfo, "no users delta link yet: reading every user")
		return nil
	}
	snap, err := j.e.o.Store.CurrentSnapshot(ctx, j.tenantID)
	if err != nil {
		j.logf(types.LogInfo, "the snapshot the delta link continues is not readable (%v): reading every user", err)
		return nil
	}
	if snap.Run.ID != st.BaseRunID {
		j.logf(types.LogInfo, "the delta link continues run %d but the current snapshot is run %d: reading every user", st.BaseRunID, snap.Run.ID)
		return nil
	}
	b := &resyncBase{state: st, snap: snap, prev: make(map[string]types.User, len(snap.Users))}
	for _, u := range snap.Users {
		if !u.Deleted {
			b.prev[strings.ToLower(u.ID)] = u
		}
	}
	return b
}

// directoryUser strips what build derives (usage, MFA, deletion) from a
// snapshot user, leaving what /users said.
func directoryUser(u types.User) graph.DirectoryUser {
	u.Deleted, u.DeletedAt = false, nil
	u.ResourceAccount, u.RecipientType = false, ""
	u.LastActivity, u.EmailsSent, u.EmailsRead, u.EmailsReceived = nil, nil, nil, nil
	u.MFAStatus, u.MFASource, u.MFAMethods, u.MFADefaultMethod, u.MFAReason, u.IsAdmin = "", "", nil, "", "", false
	return graph.DirectoryUser{User: u}
}

// resyncUsers applies the users delta to the base snapshot. ok is false
// when a full read is needed instead (expired link, sign-ins never read,
// licence counts that do not add up).
func (j *job) resyncUsers(ctx context.Context, f *fetched, subs graph.Subscriptions, base *resyncBase,
	delta *future[graph.DeltaResult]) (ok bool, err error) {
	c := j.client
	dr, err := delta.get(ctx)
	switch {
	case graph.IsDeltaExpired(err):
		j.logf(types.LogInfo, "users delta: %v — reading every user", err)
		return false, nil
	case err != nil:
		return false, err
	}
	if subs.HasP1 && base.state.SignInReadAt == nil {
		j.logf(types.LogInfo, "the tenant has Entra ID P1 now but sign-in activity was not read last time: reading every user")
		return false, nil
	}
	merged := make(map[string]graph.DirectoryUser, len(base.prev)+len(dr.Items))
	for id, u := range base.prev {
		merged[id] = directoryUser(u)
	}
	changed := map[string]bool{}
	removed := 0
	for _, it := range dr.Items {
		if it.Removed {
			delete(merged, it.ID)
			removed++
			continue
		}
		u := it.User
		if p, had := base.prev[it.ID]; had { // delta carries no signInActivity
			u.LastSignIn, u.LastNonInteractiveSignIn = p.LastSignIn, p.LastNonInteractiveSignIn
		}
		merged[it.ID] = u
		changed[it.ID] = true
	}

	res := graph.UsersResult{Pages: dr.Pages}
	if !subs.HasP1 {
		res.SignInNote = graph.SignInNeedsP1
		for id, u := range merged {
			u.LastSignIn, u.LastNonInteractiveSignIn = nil, nil
			merged[id] = u
		}
	} else {
		readAt := j.e.o.Now()
		since := base.state.SignInReadAt.Add(-signInLag)
		si, pages, err := c.SignInsSince(ctx, since)
		res.Pages += pages
		if note, denied := signInDenied(err); denied {
			res.SignInNote = note
			for id, u := range merged {
				u.LastSignIn, u.LastNonInteractiveSignIn = nil, nil
				merged[id] = u
			}
		} else if err != nil {
			return false, err
		} else {
			// users new to the snapshot that may have signed in before
			// `since` (restored, or created just before): ask for theirs
			var ask []string
			for id := range changed {
				_, had := base.prev[id]
				_, got := si[id]
				if u := merged[id]; !had && !got && (u.CreatedAt == nil || u.CreatedAt.Before(since)) {
					ask = append(ask, id)
				}
			}
			if len(ask) > 0 {
				sort.Strings(ask)
				more, err := c.SignInsOf(ctx, ask)
				if err != nil {
					return false, err
				}
				for id, s := range more {
					si[id] = s
				}
			}
			for id, s := range si {
				id = strings.ToLower(id)
				if u, ok := merged[id]; ok {
					u.LastSignIn, u.LastNonInteractiveSignIn = s.LastSignIn, s.LastNonInteractiveSignIn
					merged[id] = u
				}
			}
			res.SignInAvailable = true
			f.signInReadAt = &readAt
			j.logf(types.LogInfo, "sign-in activity: %d users signed in since %s (%d asked one by one)", len(si), since.UTC().Format(time.RFC3339), len(ask))
		}
	}

	// Graph does not say whether delta reports licence changes: check the
	// merged assignments against each SKU's consumed units.
	perSKU := map[string]int{}
	for _, u := range merged {
		for _, l := range u.Licenses {
			perSKU[strings.ToLower(l.SkuID)]++
		}
	}
	for _, s := range subs.SKUs {
		if n := perSKU[strings.ToLower(s.SkuID)]; n != s.Consumed {
			j.logf(types.LogInfo, "users delta: %d users hold %s but Graph counts %d consumed: reading every user", n, s.PartNumber, s.Consumed)
			return false, nil
		}
	}

	ids := make([]string, 0, len(merged))
	for id := range merged {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	res.Users = make([]graph.DirectoryUser, 0, len(ids))
	for _, id := range ids {
		res.Users = append(res.Users, merged[id])
	}
	f.users = res
	f.deltaLink = dr.DeltaLink
	f.changed = changed
	f.base = base
	j.logf(types.LogInfo, "users: %d (users delta since run %d: %d added or changed, %d removed, %d pages)",
		len(res.Users), base.state.BaseRunID, len(changed), removed, dr.Pages)
	return true, nil
}

// signInDenied maps a 403 on signInActivity to the snapshot's note, like
// graph.Client.Users does.
func signInDenied(err error) (string, bool) {
	var ge *graph.Error
	if err == nil || !errors.As(err, &ge) || ge.Status != 403 {
		return "", false
	}
	switch ge.Code {
	case graph.CodeNoPremium:
		return graph.SignInNeedsP1, true
	case graph.CodePermissionMissing:
		return graph.SignInNeedsAuditLog, true
	case graph.CodeRequestDenied:
		return graph.SignInNeedsRole, true
	}
	return "", false
}

// saveResyncState records, after the snapshot was committed, what the next
// sync continues from.
func (j *job) saveResyncState(f *fetched) {
	ctx := context.Background() // a committed snapshot's state must be kept
	st := j.e.o.Store
	if f.deltaLink == "" {
		if err := st.ClearDeltaState(ctx, j.tenantID); err != nil {
			j.logf(types.LogWarn, "%v", err)
		}
		return
	}
	err := st.SetDeltaState(ctx, store.DeltaState{TenantID: j.tenantID, UsersDeltaLink: f.deltaLink, BaseRunID: j.runID,
		SignInReadAt: f.signInReadAt, MethodsReadAt: f.methodsReadAt, UpdatedAt: j.e.o.Now()})
	if err != nil {
		j.logf(types.LogWarn, "%v — the next sync reads every user", err)
	}
}

// cachedUsage returns the tenant's stored usage data while it is fresh.
func (j *job) cachedUsage(ctx context.Context) (graph.Usage, time.Time, bool) {
	c, ok, err := j.e.o.Store.UsageCache(ctx, j.tenantID)
	if err != nil || !ok {
		return graph.Usage{}, time.Time{}, false
	}
	if age := j.e.o.Now().Sub(c.FetchedAt); age < 0 || age >= usageMaxAge {
		return graph.Usage{}, time.Time{}, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(c.Data))
	if err != nil {
		return graph.Usage{}, time.Time{}, false
	}
	var u graph.Usage
	if err := json.NewDecoder(io.LimitReader(zr, 256<<20)).Decode(&u); err != nil || u.Records == nil {
		return graph.Usage{}, time.Time{}, false
	}
	return u, c.FetchedAt, true
}

// saveUsage stores freshly downloaded usage data for the next syncs.
func (j *job) saveUsage(ctx context.Context, u graph.Usage) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(u); err != nil || zw.Close() != nil {
		return
	}
	err := j.e.o.Store.SetUsageCache(context.WithoutCancel(ctx), j.tenantID,
		store.UsageCache{FetchedAt: j.e.o.Now(), RefreshDate: u.RefreshDate, Data: buf.Bytes()})
	if err != nil {
		j.logf(types.LogWarn, "usage reports not kept for the next sync: %v", err)
	}
}

// ForceFullSync makes the tenant's next sync read everything again: every
// user (no delta), every user's methods, and fresh usage reports.
func (e *Engine) ForceFullSync(ctx context.Context, tenantID string) error {
	if err := e.o.Store.ClearDeltaState(ctx, tenantID); err != nil {
		return err
	}
	return e.o.Store.ClearUsageCache(ctx, tenantID)
}
