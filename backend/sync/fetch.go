package sync

import (
	"context"
	"fmt"
	gosync "sync"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/graph"
	"tenantlens/backend/types"
)

// fetch reads everything from Graph. An error fails the tenant's run.
//
// Independent requests run at once under the tenant's pacer (which bounds
// what is in flight): organization, subscribed SKUs, deleted users,
// contacts, the three usage reports, and the users delta link (or delta
// round). Only real dependencies wait:
//
//	SKUs (P1?) ─┬─ users (signInActivity only with P1) ─ methods via $batch (no P1)
//	            └─ registration details (P1)
//	delta link ─── users (the link is taken before the full read)
//
// so a full sync's chain is SKUs → users pages → registration details
// pages or methods batches, and a re-sync's is SKUs → sign-ins since → a
// few methods batches.
func (j *job) fetch(ctx context.Context) (*fetched, error) {
	c := j.client
	f := &fetched{}
	base := j.resyncBase(ctx)
	g := newGroup(ctx)

	skus := newFuture[graph.Subscriptions]()
	var delta *future[graph.DeltaResult]
	var latest *future[string]
	if base != nil {
		delta = newFuture[graph.DeltaResult]()
		g.Go(func(ctx context.Context) error {
			delta.set(c.UsersDelta(ctx, base.state.UsersDeltaLink))
			return nil // the users step decides what a failure means
		})
	} else {
		latest = newFuture[string]()
		g.Go(func(ctx context.Context) error {
			latest.set(c.UsersDeltaLatest(ctx))
			return nil
		})
	}

	j.progress(PhaseConnect, 0, 1)
	g.Go(func(ctx context.Context) error {
		org, err := c.Organization(ctx)
		if err != nil {
			return err
		}
		if org.ID != "" && org.ID != j.tenantID {
			return &graph.Error{Class: graph.ClassConsent, Endpoint: "GET /organization",
				Message: fmt.Sprintf("the token is for tenant %s, not %s", org.ID, j.tenantID)}
		}
		f.org = org
		j.logf(types.LogInfo, "organization: %s (%s), default domain %s", org.DisplayName, org.ID, org.DefaultDomain)
		j.progress(PhaseConnect, 1, 1)
		return nil
	})

	j.progress(PhaseLicenses, 0, 1)
	g.Go(func(ctx context.Context) error {
		s, err := c.SubscribedSkus(ctx)
		skus.set(s, err)
		if err != nil {
			return err
		}
		f.subs = s
		j.logf(types.LogInfo, "licences: %d SKUs; Entra ID P1 or P2: %s", len(s.SKUs), yesNo(s.HasP1))
		j.progress(PhaseLicenses, 1, 1)
		return nil
	})

	users := &counter{j: j, phase: PhaseUsers, total: 3}
	users.start()
	g.Go(func(ctx context.Context) error {
		d, err := c.DeletedUsers(ctx)
		if err != nil {
			return err
		}
		f.deleted = d
		users.add()
		return nil
	})
	g.Go(func(ctx context.Context) error {
		ct, err := c.Contacts(ctx)
		if err != nil {
			return err
		}
		f.contacts = ct
		users.add()
		return nil
	})
	g.Go(func(ctx context.Context) error { return j.fetchUsage(ctx, f) })
	g.Go(func(ctx context.Context) error { return j.fetchLicensing(ctx, f) })
	g.Go(func(ctx context.Context) error { return j.fetchSecurity(ctx, f, skus) }) // fetch_security.go
	g.Go(func(ctx context.Context) error {
		s, err := skus.get(ctx)
		if err != nil {
			return err
		}
		if err := j.fetchUsers(ctx, f, s, base, delta, latest); err != nil {
			return err
		}
		users.add()
		g.Go(func(ctx context.Context) error { return j.fetchLicenseGroups(ctx, f) })
		return j.fetchMFA(ctx, f, s.HasP1, base)
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := j.fetchSecurityUsers(ctx, f); err != nil { // per-user MFA states, once users are known
		return nil, err
	}
	j.logf(types.LogInfo, "deleted users: %d; contacts: %d", len(f.deleted), len(f.contacts))
	return f, nil
}

// counter reports progress of a phase whose parts finish in any order.
type counter struct {
	j     *job
	phase string
	total int
	mu    gosync.Mutex
	done  int
}

func (c *counter) start() { c.j.progress(c.phase, 0, c.total) }

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	c.j.progress(c.phase, c.done, c.total)
}

// fetchUsers fills f.users: by applying the users delta to the base
// snapshot when that is possible and consistent, else by a full read.
func (j *job) fetchUsers(ctx context.Context, f *fetched, subs graph.Subscriptions, base *resyncBase,
	delta *future[graph.DeltaResult], latest *future[string]) error {
	if base != nil {
		ok, err := j.resyncUsers(ctx, f, subs, base, delta)
		if err != nil || ok {
			return err
		}
	}
	return j.fullUsers(ctx, f, subs, latest)
}

// fullUsers reads every user. The delta link is taken first, so every
// change made during the read is replayed by the next re-sync.
func (j *job) fullUsers(ctx context.Context, f *fetched, subs graph.Subscriptions, latest *future[string]) error {
	c := j.client
	var link string
	var err error
	if latest != nil {
		link, err = latest.get(ctx)
	} else {
		link, err = c.UsersDeltaLatest(ctx)
	}
	switch {
	case err == nil:
		f.deltaLink = link
	case graph.ClassOf(err) == graph.ClassCancelled:
		return err
	default:
		j.logf(types.LogWarn, "users delta link not available (%v): the next sync reads every user again", err)
	}
	readAt := j.e.o.Now()
	if f.users, err = c.Users(ctx, subs.HasP1); err != nil {
		return err
	}
	if f.users.SignInAvailable {
		f.signInReadAt = &readAt
	}
	signIn := "yes"
	if !f.users.SignInAvailable {
		signIn = "no — " + f.users.SignInNote
	}
	j.logf(types.LogInfo, "users: %d in %d pages (full read); sign-in activity: %s", len(f.users.Users), f.users.Pages, signIn)
	return nil
}

// fetchUsage reuses usage reports downloaded less than usageMaxAge ago
// (they refresh once a day and are throttled to 14 requests per 10
// minutes); otherwise it downloads them. A failure is a note on the
// snapshot, not a failed run.
func (j *job) fetchUsage(ctx context.Context, f *fetched) error {
	j.progress(PhaseUsage, 0, 1)
	defer j.progress(PhaseUsage, 1, 1)
	if err := j.notOffered(ctx, config.CapUsageReports); err != nil { // cloud.go
		f.usageErr = err
		return nil
	}
	if u, at, ok := j.cachedUsage(ctx); ok {
		f.usage, f.usageCached = &u, true
		j.logf(types.LogInfo, "usage (D30, refreshed %s): reused the reports downloaded %s ago instead of downloading them again "+
			"(they refresh once a day; downloaded again once %s old)", u.RefreshDate, j.e.o.Now().Sub(at).Round(time.Second), usageMaxAge)
		return nil
	}
	u, err := j.client.Usage(ctx)
	switch {
	case err == nil:
		f.usage = &u
		if u.Concealed {
			j.logf(types.LogWarn, "usage (D30, refreshed %s): names are concealed, activity not imported — %s", u.RefreshDate, graph.UsageConcealedNote)
		} else {
			j.logf(types.LogInfo, "usage (D30, refreshed %s): %d users", u.RefreshDate, len(u.Records))
		}
		j.saveUsage(ctx, u)
	case graph.ClassOf(err) == graph.ClassCancelled:
		return err
	default:
		f.usageErr = err
		j.logf(types.LogWarn, "%s", usageProblem(err))
	}
	return nil
}
