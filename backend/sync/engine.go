// Package sync runs TenantLens' sync jobs: one per tenant, under the
// tenant's persisted lock with a heartbeat, bounded across tenants, with a
// manual-trigger cooldown, an automatic schedule, sync:progress and
// sync:finished events, a stored log per run and a classified error per
// tenant. A successful run commits one complete snapshot in one transaction;
// a failed or cancelled run leaves the previous snapshot current.
package sync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"strings"
	gosync "sync"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/derive"
	"tenantlens/backend/events"
	"tenantlens/backend/fault"
	"tenantlens/backend/graph"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// TokenSourceFunc returns a token source for a tenant (identity in the app,
// graphsim in tests).
type TokenSourceFunc func(tenantID string) (oauth2.TokenSource, error)

// Options configure an Engine. Zero values take the defaults noted.
type Options struct {
	Store     *store.Store
	Tokens    TokenSourceFunc
	GraphBase string         // config.Config.Graph; "" = Microsoft Graph
	Bus       events.Emitter // nil = events.Discard

	Concurrency    int           // tenants syncing at once (default 8)
	Interval       time.Duration // automatic sync period; 0 = never (the app passes 24 h)
	Cooldown       time.Duration // between manual syncs of a tenant (default 30 s)
	Heartbeat      time.Duration // lock heartbeat (default 15 s)
	LockStaleAfter time.Duration // a lock without heartbeat this long is taken over (default 2 min)
	Tick           time.Duration // how often the schedule looks for due tenants (default 1 min)

	Prices    derive.PriceFunc   // optional, for monthly cost in metrics
	Pacer     graph.PacerOptions // per-tenant pacing
	Transport http.RoundTripper  // optional base transport (tests)
	Now       func() time.Time   // default time.Now (cooldown and schedule)
}

// Errors a trigger can give.
var (
	ErrAlreadyRunning = errors.New("a sync is already running")
	ErrUnknownTenant  = errors.New("unknown tenant")
	ErrShuttingDown   = errors.New("TenantLens is closing: the sync was not started")
)

// CooldownError is a manual sync asked for too soon after the last one.
type CooldownError struct {
	Ago, Wait time.Duration
}

func (e *CooldownError) Error() string {
	return fmt.Sprintf("synced %d s ago — try again in %d s",
		int(e.Ago/time.Second), int(math.Ceil(e.Wait.Seconds())))
}

// Skipped is the Result status of a tenant that did not run (cooldown,
// already running).
const Skipped types.RunStatus = "skipped"

// Result is the outcome of one tenant's sync.
type Result struct {
	TenantID   string          `json:"tenantId"`
	RunID      int64           `json:"runId"`
	Status     types.RunStatus `json:"status"`
	ErrorClass string          `json:"errorClass"`
	Error      string          `json:"error"`
	Users      int             `json:"users"`
	Took       time.Duration   `json:"took"`
}

// Engine runs sync jobs. Create one per app (or CLI command).
type Engine struct {
	o     Options
	bus   events.Emitter
	limit *limiter
	owner string

	mu      gosync.Mutex
	running map[string]context.CancelFunc
	// tenants whose lock a job of this engine could not release
	orphaned map[string]bool
	seq      int
	wg       gosync.WaitGroup // background work: Trigger, the schedule
	active   gosync.WaitGroup // every claimed job
	closed   bool             // Shutdown was called: no new jobs
	stop     chan struct{}    // closed by Shutdown: the schedule ends
	// changed by Reconfigure while jobs run (under mu)
	interval  time.Duration
	graphBase string
}

// New checks the options and returns an engine.
func New(o Options) (*Engine, error) {
	if o.Store == nil || o.Tokens == nil {
		return nil, errors.New("sync: Store and Tokens are required")
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.Cooldown <= 0 {
		o.Cooldown = 30 * time.Second
	}
	if o.Heartbeat <= 0 {
		o.Heartbeat = 15 * time.Second
	}
	if o.LockStaleAfter <= 0 {
		o.LockStaleAfter = 2 * time.Minute
	}
	if o.Tick <= 0 {
		o.Tick = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	bus := o.Bus
	if bus == nil {
		bus = events.Discard{}
	}
	host, _ := os.Hostname()
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	return &Engine{
		o:         o,
		bus:       bus,
		limit:     newLimiter(o.Concurrency),
		owner:     fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(rnd[:])),
		running:   map[string]context.CancelFunc{},
		orphaned:  map[string]bool{},
		stop:      make(chan struct{}),
		interval:  o.Interval,
		graphBase: o.GraphBase,
	}, nil
}

// Running lists tenants with a job in this process.
func (e *Engine) Running() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.running))
	for id := range e.running {
		out = append(out, id)
	}
	return out
}

// Cancel stops a tenant's running job; false when none runs here.
func (e *Engine) Cancel(tenantID string) bool {
	e.mu.Lock()
	cancel, ok := e.running[tenantID]
	e.mu.Unlock()
	if ok {
		cancel()
	}
	return ok
}

// Listen cancels jobs on the UI's sync:cancel event ({tenantId} or a plain
// tenant id string).
func (e *Engine) Listen(l events.Listener) (off func()) {
	return l.On(events.SyncCancel, func(data ...any) {
		for _, d := range data {
			switch v := d.(type) {
			case string:
				e.Cancel(v)
			case map[string]any:
				if id, ok := v["tenantId"].(string); ok {
					e.Cancel(id)
				}
			}
		}
	})
}

// checkCooldown returns a *CooldownError when the tenant's last run
// finished less than Cooldown ago.
func (e *Engine) checkCooldown(ctx context.Context, tenantID string) error {
	at, ok, err := e.o.Store.LastRunFinishedAt(ctx, tenantID)
	if err != nil || !ok {
		return err
	}
	ago := e.o.Now().Sub(at)
	if ago < 0 {
		ago = 0
	}
	if ago < e.o.Cooldown {
		return &CooldownError{Ago: ago, Wait: e.o.Cooldown - ago}
	}
	return nil
}

// claim registers a job for the tenant in this process.
func (e *Engine) claim(ctx context.Context, tenantID string) (context.Context, func(), error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, busy := e.running[tenantID]; busy {
		return nil, nil, ErrAlreadyRunning
	}
	if e.closed {
		return nil, nil, ErrShuttingDown
	}
	jctx, cancel := context.WithCancel(ctx)
	e.running[tenantID] = cancel
	e.seq++
	e.active.Add(1)
	return jctx, func() {
		cancel()
		e.mu.Lock()
		delete(e.running, tenantID)
		e.mu.Unlock()
		e.active.Done()
	}, nil
}

// SyncTenant runs one tenant's sync and waits for it. A manual trigger
// honours the cooldown (*CooldownError). ErrAlreadyRunning when the tenant
// is syncing here or in another process. A failed sync is not an error of
// SyncTenant: it is in the Result (Status failed, ErrorClass, Error).
func (e *Engine) SyncTenant(ctx context.Context, tenantID string, trigger types.RunTrigger) (Result, error) {
	if _, err := e.o.Store.Tenant(ctx, tenantID); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return Result{TenantID: tenantID}, fmt.Errorf("%w: %s", ErrUnknownTenant, tenantID)
		}
		return Result{TenantID: tenantID}, err
	}
	if trigger == types.TriggerManual {
		if err := e.checkCooldown(ctx, tenantID); err != nil {
			return Result{TenantID: tenantID, Status: Skipped, Error: err.Error()}, err
		}
	}
	jctx, release, err := e.claim(ctx, tenantID)
	if err != nil {
		return Result{TenantID: tenantID, Status: Skipped, Error: err.Error()}, err
	}
	defer release()
	if err := e.limit.acquire(jctx); err != nil {
		return Result{TenantID: tenantID, Status: types.RunCancelled, ErrorClass: string(graph.ClassCancelled), Error: "cancelled before it started"}, nil
	}
	defer e.limit.release()
	return e.run(jctx, tenantID, trigger)
}

// run holds the lock, begins the run, runs the job and finishes the run.
func (e *Engine) run(ctx context.Context, tenantID string, trigger types.RunTrigger) (Result, error) {
	st := e.o.Store
	bg := context.WithoutCancel(ctx)
	res := Result{TenantID: tenantID}
	start := time.Now()
	e.mu.Lock()
	owner := fmt.Sprintf("%s/%d", e.owner, e.seq)
	e.mu.Unlock()
	staleAfter := e.o.LockStaleAfter
	e.mu.Lock()
	if e.orphaned[tenantID] {
		// our own earlier job could not release it (e.g. a full disk): no
		// one else can hold it, take it over at once
		staleAfter = 0
	}
	e.mu.Unlock()
	grant, err := st.AcquireSyncLock(ctx, tenantID, owner, staleAfter)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			res.Status, res.Error = Skipped, ErrAlreadyRunning.Error()
			return res, ErrAlreadyRunning
		}
		return failedToStart(res, err), nil
	}
	e.mu.Lock()
	delete(e.orphaned, tenantID)
	e.mu.Unlock()
	defer func() {
		if err := st.ReleaseSyncLock(bg, tenantID, owner); err != nil {
			e.mu.Lock()
			e.orphaned[tenantID] = true
			e.mu.Unlock()
		}
	}()
	if res.RunID, err = st.BeginRun(ctx, tenantID, trigger); err != nil {
		return failedToStart(res, err), nil
	}
	j := &job{e: e, tenantID: tenantID, runID: res.RunID}
	j.logf(types.LogInfo, "sync started (%s)", trigger)
	if grant.TookOver {
		j.logf(types.LogWarn, "took over a stale sync lock from %s; interrupted runs: %v", grant.PreviousOwner, grant.InterruptedRunIDs)
	}

	// heartbeat: a lost lock (another process took it over) stops the job
	jctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		t := time.NewTicker(e.o.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-jctx.Done():
				return
			case <-t.C:
				if err := st.HeartbeatSyncLock(bg, tenantID, owner); errors.Is(err, store.ErrLocked) {
					cancel(errLockLost)
					return
				}
			}
		}
	}()

	snap, jobErr := j.runJob(jctx)
	cancel(nil)
	<-hbDone
	res.Took = time.Since(start)
	if jobErr == nil {
		res.Status, res.Users = types.RunSucceeded, len(snap.Users)
		j.logf(types.LogInfo, "sync succeeded in %s", res.Took.Round(time.Millisecond))
		e.bus.Emit(events.SyncFinished, events.SyncFinishedPayload{TenantID: tenantID, Status: string(res.Status)})
		return res, nil
	}
	class := graph.ClassOf(jobErr)
	status := types.RunFailed
	msg := jobErr.Error()
	switch {
	case errors.Is(context.Cause(jctx), errLockLost):
		status, msg = types.RunInterrupted, errLockLost.Error()
	case ctx.Err() != nil:
		status, class, msg = types.RunCancelled, graph.ClassCancelled, "cancelled"
	}
	if status == types.RunFailed {
		// every failure says what to do next: its own remedy, or its class's
		if adv := fault.Advice(jobErr, class); adv != "" && !strings.Contains(msg, adv) {
			msg += " — " + adv
		}
	}
	res.Status, res.ErrorClass, res.Error = status, string(class), msg
	j.logf(types.LogError, "sync %s (%s): %s", status, class, msg)
	if err := st.FailRun(bg, res.RunID, status, string(class), msg); err != nil && !errors.Is(err, store.ErrRunNotRunning) {
		return res, err
	}
	if status == types.RunFailed && class == graph.ClassReauth {
		// The grant is gone: the tenant shows "reconnect needed" (not only a
		// failed run) and the schedule leaves it alone until it is connected
		// again; its previous snapshot stays current.
		if err := st.SetTenantAccess(bg, tenantID, types.AccessReconnect, ReconnectMessage); err != nil {
			return res, err
		}
	}
	e.bus.Emit(events.SyncFinished, events.SyncFinishedPayload{TenantID: tenantID, Status: string(status), Error: msg})
	return res, nil
}

// failedToStart is the result of a sync the store could not even begin
// (a full disk, a read-only folder): failed, with what to do next.
func failedToStart(res Result, err error) Result {
	class := graph.ClassOf(err)
	msg := err.Error()
	if adv := fault.Advice(err, class); adv != "" && !strings.Contains(msg, adv) {
		msg += " — " + adv
	}
	res.Status, res.ErrorClass, res.Error = types.RunFailed, string(class), "the sync could not start: "+msg
	return res
}

// ReconnectMessage is the tenant's access detail after its sign-in was
// revoked or expired during a sync.
const ReconnectMessage = "Your Microsoft authorization has expired or been revoked. Reconnect the tenant."

var errLockLost = errors.New("another sync took over this tenant's lock; this run stopped")

// SyncAll syncs the tenants (all stored tenants when ids is empty), at most
// Concurrency at once, and returns their results in order. One tenant's
// failure does not affect the others.
func (e *Engine) SyncAll(ctx context.Context, ids []string, trigger types.RunTrigger) ([]Result, error) {
	if len(ids) == 0 {
		ts, err := e.o.Store.Tenants(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			ids = append(ids, t.ID)
		}
	}
	out := make([]Result, len(ids))
	var wg gosync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := e.SyncTenant(ctx, id, trigger)
			if err != nil && r.Error == "" {
				r.Status, r.Error = types.RunFailed, err.Error()
			}
			out[i] = r
		}()
	}
	wg.Wait()
	return out, nil
}

// Trigger starts a manual sync of a tenant in the background. It returns at
// once: *CooldownError or ErrAlreadyRunning when the sync cannot start now;
// the outcome arrives as sync:finished.
func (e *Engine) Trigger(ctx context.Context, tenantID string) error {
	if _, err := e.o.Store.Tenant(ctx, tenantID); err != nil {
		return err
	}
	if err := e.checkCooldown(ctx, tenantID); err != nil {
		return err
	}
	e.mu.Lock()
	_, busy := e.running[tenantID]
	closed := e.closed
	if !busy && !closed {
		e.wg.Add(1) // under mu, so never after Shutdown's Wait began
	}
	e.mu.Unlock()
	if closed {
		return ErrShuttingDown
	}
	if busy {
		return ErrAlreadyRunning
	}
	go func() {
		defer e.wg.Done()
		_, _ = e.SyncTenant(context.WithoutCancel(ctx), tenantID, types.TriggerManual)
	}()
	return nil
}

// Wait blocks until background jobs (Trigger, schedule) have finished.
func (e *Engine) Wait() { e.wg.Wait() }

// Reconfigure applies changed settings at once: the concurrency to the next
// tenant that starts, the interval to the next tick of the schedule, the
// Graph address to the next sync that starts (running syncs finish with the
// address they started with).
func (e *Engine) Reconfigure(concurrency int, interval time.Duration, graphBase string) {
	e.mu.Lock()
	e.interval, e.graphBase = interval, graphBase
	e.mu.Unlock()
	if concurrency > 0 {
		e.limit.setLimit(concurrency)
	}
}

// Interval is the automatic sync period in force (0: off).
func (e *Engine) Interval() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.interval
}

func (e *Engine) currentGraphBase() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.graphBase
}

// Shutdown refuses new jobs, cancels the running ones and waits — until ctx
// ends — for each to record its outcome (a cancelled run, its previous
// snapshot current), so the store can be closed under nobody.
func (e *Engine) Shutdown(ctx context.Context) {
	e.mu.Lock()
	if !e.closed {
		close(e.stop)
	}
	e.closed = true
	for _, cancel := range e.running {
		cancel()
	}
	e.mu.Unlock()
	done := make(chan struct{})
	go func() {
		e.active.Wait()
		e.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// Due lists tenants whose last sync is older than Interval (or never ran).
func (e *Engine) Due(ctx context.Context) ([]string, error) {
	interval := e.Interval()
	if interval <= 0 {
		return nil, nil
	}
	ts, err := e.o.Store.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	now := e.o.Now()
	var due []string
	for _, t := range ts {
		if t.Access != "" && t.Access != types.AccessReady {
			continue
		}
		if t.LastSyncStatus == string(types.RunRunning) {
			continue
		}
		if t.LastSyncAt == nil || now.Sub(*t.LastSyncAt) >= interval {
			due = append(due, t.ID)
		}
	}
	return due, nil
}

// Start runs the automatic schedule until ctx ends: at start and every Tick
// it syncs the tenants that are due. While Interval is 0 nothing is due;
// Reconfigure can turn it on or off without a restart.
func (e *Engine) Start(ctx context.Context) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.wg.Add(1)
	e.mu.Unlock()
	go func() {
		defer e.wg.Done()
		t := time.NewTicker(e.o.Tick)
		defer t.Stop()
		for {
			if due, err := e.Due(ctx); err == nil && len(due) > 0 {
				_, _ = e.SyncAll(ctx, due, types.TriggerSchedule)
			}
			select {
			case <-ctx.Done():
				return
			case <-e.stop:
				return
			case <-t.C:
			}
		}
	}()
}
