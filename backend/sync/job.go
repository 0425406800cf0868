package sync

import (
	"context"
	"errors"
	"fmt"
	"time"

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

// fetch reads everything from Graph. An error fails the tenant's run.
func (j *job) fetch(ctx context.Context) (*fetched, error) {
	c := j.client
	f := &fetched{}
	var err error

	j.progress(PhaseConnect, 0, 1)
	if f.org, err = c.Organization(ctx); err != nil {
		return nil, err
	}
	if f.org.ID != "" && f.org.ID != j.tenantID {
		return nil, &graph.Error{Class: graph.ClassConsent, Endpoint: "GET /organization",
			Message: fmt.Sprintf("the token is for tenant %s, not %s", f.org.ID, j.tenantID)}
	}
	j.logf(types.LogInfo, "organization: %s (%s), default domain %s", f.org.DisplayName, f.org.ID, f.org.DefaultDomain)
	j.progress(PhaseConnect, 1, 1)

	j.progress(PhaseLicenses, 0, 1)
	if f.subs, err = c.SubscribedSkus(ctx); err != nil {
		return nil, err
	}
	j.logf(types.LogInfo, "licences: %d SKUs; Entra ID P1 or P2: %s", len(f.subs.SKUs), yesNo(f.subs.HasP1))
	j.progress(PhaseLicenses, 1, 1)

	j.progress(PhaseUsers, 0, 3)
	if f.users, err = c.Users(ctx, f.subs.HasP1); err != nil {
		return nil, err
	}
	signIn := "yes"
	if !f.users.SignInAvailable {
		signIn = "no — " + f.users.SignInNote
	}
	j.logf(types.LogInfo, "users: %d in %d pages; sign-in activity: %s", len(f.users.Users), f.users.Pages, signIn)
	j.progress(PhaseUsers, 1, 3)
	if f.deleted, err = c.DeletedUsers(ctx); err != nil {
		return nil, err
	}
	j.progress(PhaseUsers, 2, 3)
	if f.contacts, err = c.Contacts(ctx); err != nil {
		return nil, err
	}
	j.logf(types.LogInfo, "deleted users: %d; contacts: %d", len(f.deleted), len(f.contacts))
	j.progress(PhaseUsers, 3, 3)

	if err := j.fetchMFA(ctx, f); err != nil {
		return nil, err
	}

	j.progress(PhaseUsage, 0, 1)
	u, err := c.Usage(ctx)
	switch {
	case err == nil:
		f.usage = &u
		if u.Concealed {
			j.logf(types.LogWarn, "usage (D30, refreshed %s): names are concealed, activity not imported — %s", u.RefreshDate, graph.UsageConcealedNote)
		} else {
			j.logf(types.LogInfo, "usage (D30, refreshed %s): %d users", u.RefreshDate, len(u.Records))
		}
	case graph.ClassOf(err) == graph.ClassCancelled:
		return nil, err
	default:
		f.usageErr = err
		j.logf(types.LogWarn, "%s", usageProblem(err))
	}
	j.progress(PhaseUsage, 1, 1)
	return f, nil
}

// fetchMFA reads userRegistrationDetails when the tenant has P1 and falls
// back to per-user methods through $batch when it has not (or Graph says so
// with a 403). When neither source can be read for lack of permission, MFA is
// Unavailable with a reason; other failures fail the run.
func (j *job) fetchMFA(ctx context.Context, f *fetched) error {
	c := j.client
	ids := make([]string, 0, len(f.users.Users))
	for _, u := range f.users.Users {
		ids = append(ids, u.ID)
	}
	j.progress(PhaseMFA, 0, len(ids))
	var regErr error
	if f.subs.HasP1 {
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
	m, err := c.AuthMethods(ctx, ids, func(done, total int) { j.progress(PhaseMFA, done, total) })
	if err == nil {
		f.methods = m
		failed := 0
		for _, x := range m {
			if x.Err != nil {
				failed++
			}
		}
		j.logf(types.LogInfo, "MFA: authentication methods of %d users via $batch (%d not readable)", len(m), failed)
		return nil
	}
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
		GraphBase:   j.e.o.GraphBase,
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
	if j.e.o.Prices != nil {
		opts = append(opts, store.WithPrices(j.e.o.Prices))
	}
	start := time.Now()
	if err := j.e.o.Store.CommitSnapshot(ctx, j.runID, snap, opts...); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, fmt.Errorf("saving the snapshot: %w", err)
	}
	j.logf(types.LogInfo, "snapshot saved: %d users, %d contacts, %d SKUs in %s", len(snap.Users), len(snap.Contacts), len(snap.SKUs), time.Since(start).Round(time.Millisecond))
	return snap, nil
}
