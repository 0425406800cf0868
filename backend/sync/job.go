package sync

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/derive"
	"tenantlens/backend/events"
	"tenantlens/backend/graph"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// Phases of a run, in order, as sync:progress reports them.
const (
	PhaseConnect  = "connect"
	PhaseLicenses = "licenses"
	PhaseUsers    = "users"
	PhaseMFA      = "mfa"
	PhaseUsage    = "usage"
	PhaseSave     = "save"
)

// job is one run of one tenant.
type job struct {
	e        *Engine
	tenantID string
	runID    int64
	client   *graph.Client
}

func (j *job) logf(level types.LogLevel, format string, a ...any) {
	// the run log must survive a cancelled run
	_ = j.e.o.Store.AppendRunLog(context.Background(), j.runID, level, fmt.Sprintf(format, a...))
}

func (j *job) progress(phase string, done, total int) {
	j.e.bus.Emit(events.SyncProgress, events.SyncProgressPayload{TenantID: j.tenantID, Phase: phase, Done: done, Total: total})
}

// fetchMFA reads userRegistrationDetails when the tenant has P1 and falls
// back to per-user methods through $batch when it has not (or Graph says so
// with a 403). When neither source can be read for lack of permission, MFA is
// Unavailable with a reason; other failures fail the run.
//
// On a re-sync without P1, methods are read only for users the delta
// reported (new or changed) and users whose methods could not be read last
// time; the others keep the base snapshot's verdict until the last full read
// is methodsMaxAge old.
func (j *job) fetchMFA(ctx context.Context, f *fetched, hasP1 bool, base *resyncBase) error {
	c := j.client
	ids := make([]string, 0, len(f.users.Users))
	for _, u := range f.users.Users {
		ids = append(ids, u.ID)
	}
	j.progress(PhaseMFA, 0, len(ids))
	var regErr error
	if hasP1 {
		d, err := c.RegistrationDetails(ctx)
		if err == nil {
			f.regDetails = d
			if f.regDetails == nil {
				f.regDetails = []graph.RegistrationDetail{}
			}
			j.logf(types.LogInfo, "MFA: userRegistrationDetails, %d rows", len(d))
			j.progress(PhaseMFA, len(ids), len(ids))
			return nil
		}
		switch graph.ClassOf(err) {
		case graph.ClassLicense, graph.ClassConsent:
			regErr = err
			j.logf(types.LogWarn, "MFA: userRegistrationDetails not readable (%v); reading each user's methods instead", err)
		default:
			return err
		}
	}
	now := j.e.o.Now()
	read := ids
	kept := 0
	if base != nil && f.base == base && regErr == nil && base.snap.Flags.MFASource == types.MFASourceAuthMethods &&
		base.state.MethodsReadAt != nil && now.Sub(*base.state.MethodsReadAt) < methodsMaxAge {
		read = nil
		f.keptMFA = map[string]types.User{}
		for _, id := range ids {
			p, had := base.prev[strings.ToLower(id)]
			if f.changed[strings.ToLower(id)] || !had || p.MFASource != types.MFASourceAuthMethods || p.MFAStatus == types.MFAUnavailable {
				read = append(read, id)
				continue
			}
			f.keptMFA[id] = p
		}
		kept = len(f.keptMFA)
		f.methodsReadAt = base.state.MethodsReadAt
	} else {
		f.methodsReadAt = &now
	}
	if skip := j.notOffered(ctx, config.CapAuthMethods); skip != nil { // cloud.go
		f.keptMFA, f.methodsReadAt, f.mfaErr = nil, nil, skip
		if regErr != nil {
			f.mfaErr = regErr // its fix (P1 or the role) is what the tenant can act on
		}
		return nil
	}
	m, err := c.AuthMethods(ctx, read, func(done, total int) { j.progress(PhaseMFA, done+kept, total+kept) })
	if err == nil {
		f.methods = m
		failed := 0
		for _, x := range m {
			if x.Err != nil {
				failed++
			}
		}
		if kept > 0 {
			j.logf(types.LogInfo, "MFA: authentication methods of %d new or changed users via $batch (%d not readable); %d users kept from run %d (every user's methods are read again once the last full read, %s, is %s old)",
				len(m), failed, kept, base.state.BaseRunID, f.methodsReadAt.UTC().Format(time.RFC3339), methodsMaxAge)
		} else {
			j.logf(types.LogInfo, "MFA: authentication methods of %d users via $batch (%d not readable)", len(m), failed)
		}
		j.progress(PhaseMFA, len(ids), len(ids))
		return nil
	}
	f.keptMFA, f.methodsReadAt = nil, nil
	if graph.ClassOf(err) != graph.ClassConsent {
		return err
	}
	if regErr != nil && graph.ClassOf(regErr) == graph.ClassConsent {
		err = regErr
	}
	f.mfaErr = err
	j.logf(types.LogWarn, "MFA unavailable: %v", err)
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// runJob is the body of one tenant's run once the lock is held and the run
// begun. It returns the outcome; the caller finishes the run.
func (j *job) runJob(ctx context.Context) (*types.Snapshot, error) {
	ts, err := j.e.o.Tokens(j.tenantID)
	if err != nil {
		return nil, &graph.Error{Class: graph.ClassReauth, Endpoint: "sign-in", Message: "no token for this tenant: " + err.Error(), Err: err}
	}
	j.client, err = graph.New(graph.Options{
		GraphBase:   j.e.currentGraphBase(),
		TokenSource: ts,
		TenantID:    j.tenantID,
		Pacer:       graph.NewPacer(j.e.o.Pacer),
		Transport:   j.e.o.Transport,
	})
	if err != nil {
		return nil, err
	}
	f, err := j.fetch(ctx)
	st := j.client.Pacer().Stats()
	j.logf(types.LogInfo, "graph: %d requests, %d throttled (429), %d unavailable (503/504), %d retries, held %.1f s",
		st.Requests, st.Throttled, st.ServerErrors, st.Retries, st.Waited.Seconds())
	if err != nil {
		return nil, err
	}
	snap := build(j.tenantID, f)
	total := len(snap.Users)
	j.progress(PhaseSave, 0, total)
	opts := []store.CommitOption{store.WithCommitProgress(func(done, total int) { j.progress(PhaseSave, done, total) })}
	// the run's figures are computed here (rules in derive); the store only
	// persists them with the snapshot
	withRun := *snap
	withRun.TenantID, withRun.Run.ID = j.tenantID, j.runID
	opts = append(opts, store.WithMetrics(derive.ComputeMetrics(&withRun, j.e.o.Now(), j.e.o.Prices)))
	start := time.Now()
	if err := j.e.o.Store.CommitSnapshot(ctx, j.runID, snap, opts...); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, fmt.Errorf("saving the snapshot: %w", err)
	}
	j.logf(types.LogInfo, "snapshot saved: %d users, %d contacts, %d SKUs in %s", len(snap.Users), len(snap.Contacts), len(snap.SKUs), time.Since(start).Round(time.Millisecond))
	j.saveResyncState(f)
	return snap, nil
}
