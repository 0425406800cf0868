package services

import (
	"context"
	"crypto/rand"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	gosync "sync"

	"tenantlens/backend/fault"
	"tenantlens/backend/graph"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/sync"
	"tenantlens/backend/types"
)

// ReclaimProgress is one step of an apply (or undo): the entry just
// finished and the counts so far.
type ReclaimProgress struct {
	TenantID string           `json:"tenantId"`
	Done     int              `json:"done"` // entries finished (any result)
	Total    int              `json:"total"`
	Entry    store.AuditEntry `json:"entry"`
}

// ReclaimResult is what an apply (or undo) did.
type ReclaimResult struct {
	Batch         string             `json:"batch"`
	TenantID      string             `json:"tenantId"`
	Entries       []store.AuditEntry `json:"entries"`
	Removed       int                `json:"removed"` // entries done
	Failed        int                `json:"failed"`
	NotDone       int                `json:"notDone"`
	MonthlySaving float64            `json:"monthlySaving"` // of the entries done
	AnnualSaving  float64            `json:"annualSaving"`
	Plan          ReclaimPlan        `json:"plan"`
	Resync        string             `json:"resync"` // the re-sync's status ("" when none ran)
	ResyncError   string             `json:"resyncError"`
}

// OK reports whether every entry was done.
func (r ReclaimResult) OK() bool { return r.Failed == 0 && r.NotDone == 0 }

// reclaimLocks: one apply, undo or reconcile per tenant at a time.
var reclaimLocks gosync.Map // "<services ptr>/<tenant>" -> *gosync.Mutex

func (s *Services) reclaimLock(tenantID string) *gosync.Mutex {
	m, _ := reclaimLocks.LoadOrStore(fmt.Sprintf("%p/%s", s, strings.ToLower(tenantID)), &gosync.Mutex{})
	return m.(*gosync.Mutex)
}

func newBatchID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ReclaimApply performs a dry run's removable rows after the same checks:
// licence changes allowed and consented (else ErrLicenceChangesOff,
// nothing sent) and confirm equal to the tenant's name. Each (user, SKU) is
// its own call and its own audit row, queued first, marked pending right
// before its call and finished after it; calls go one at a time through the
// tenant's pacer. The tenant is re-synced when anything changed. A failed
// row is in the result, not an error.
func (s *Services) ReclaimApply(ctx context.Context, req ReclaimRequest, confirm string, progress func(ReclaimProgress)) (ReclaimResult, error) {
	rc, err := s.reclaimContext(ctx, req.TenantID, req.InactiveDays)
	if err != nil {
		return ReclaimResult{}, err
	}
	if !rc.lc.Consented() {
		return ReclaimResult{}, ErrLicenceChangesOff
	}
	if strings.TrimSpace(confirm) != strings.TrimSpace(rc.tenant.DisplayName) {
		return ReclaimResult{}, ErrConfirmMismatch{Want: rc.tenant.DisplayName}
	}
	lock := s.reclaimLock(rc.tenant.ID)
	if !lock.TryLock() {
		return ReclaimResult{}, errors.New("a licence change for this tenant is already running: wait for it to finish")
	}
	defer lock.Unlock()
	pacer := graph.NewPacer(graph.PacerOptions{})
	if err := s.reconcile(ctx, rc, pacer); err != nil {
		return ReclaimResult{}, err
	}
	plan, err := s.plan(ctx, rc, req, pacer)
	if err != nil {
		return ReclaimResult{}, err
	}
	res := ReclaimResult{TenantID: rc.tenant.ID, Plan: plan, Batch: newBatchID(), Entries: []store.AuditEntry{}}
	if !plan.CanApply {
		if plan.Blocker == MsgEnableLicenceChanges {
			return res, ErrLicenceChangesOff
		}
		return res, errors.New(plan.Blocker + ": " + plan.Remedy)
	}
	wc, err := s.writeClient(rc, pacer)
	if err != nil {
		return res, err
	}
	var queue []store.AuditEntry
	for _, it := range plan.Items {
		if !it.Removable {
			continue
		}
		queue = append(queue, store.AuditEntry{Batch: res.Batch, TenantID: rc.tenant.ID, TenantName: rc.tenant.DisplayName,
			Actor: rc.actor(), UserID: it.UserID, UserPrincipal: it.UserPrincipalName, SkuID: it.SkuID, SkuName: it.SkuName,
			Action: store.AuditRemove, MonthlySaving: it.MonthlySaving, Currency: plan.Currency})
	}
	if err := s.runAudited(ctx, rc, wc, queue, &res, progress); err != nil {
		return res, err
	}
	s.resyncAfter(ctx, rc.tenant.ID, &res)
	return res, nil
}

// runAudited queues the entries, then sends them one by one.
func (s *Services) runAudited(ctx context.Context, rc *reclaimContext, wc *graph.Client, queue []store.AuditEntry, res *ReclaimResult, progress func(ReclaimProgress)) error {
	// the audit log outlives a cancelled context: its writes use their own
	wctx := context.WithoutCancel(ctx)
	entries, err := s.Store.QueueAudit(wctx, queue)
	if err != nil {
		return err
	}
	stop := "" // set when the rest must not be sent
	for i := range entries {
		e := &entries[i]
		switch {
		case stop != "":
			s.finish(wctx, e, store.AuditNotDone, "", "not sent: "+stop, "Fix the cause above and apply again.")
		case ctx.Err() != nil:
			s.finish(wctx, e, store.AuditNotDone, string(graph.ClassCancelled), "not sent: cancelled", "Apply again when you are ready; rows already done are not sent twice.")
		default:
			if err := s.Store.MarkAuditSent(wctx, e.ID); err != nil {
				return err
			}
			e.Result = store.AuditPending
			var add, remove []string
			if e.Action == store.AuditAdd {
				add = []string{e.SkuID}
			} else {
				remove = []string{e.SkuID}
			}
			cerr := wc.AssignLicense(ctx, e.UserID, add, remove)
			if cerr == nil {
				s.finish(wctx, e, store.AuditDone, "", "", "")
				break
			}
			reason, remedy := graph.ReasonOf(cerr), fault.Advice(cerr, graph.ClassOf(cerr))
			var ae *graph.AssignError
			if errors.As(cerr, &ae) && ae.Remedy != "" {
				remedy = ae.Remedy
			}
			if errors.Is(cerr, context.Canceled) {
				// the call may have reached Graph: the next apply or
				// `tenantlens audit` reconciles the pending row
				return nil
			}
			s.finish(wctx, e, store.AuditFailed, string(reason), cerr.Error(), remedy)
			if reason == graph.AssignPermission || graph.ClassOf(cerr) == graph.ClassReauth {
				stop = cerr.Error()
			}
		}
		if progress != nil {
			progress(ReclaimProgress{TenantID: rc.tenant.ID, Done: i + 1, Total: len(entries), Entry: *e})
		}
	}
	res.Entries = entries
	for _, e := range entries {
		switch e.Result {
		case store.AuditDone:
			res.Removed++
			res.MonthlySaving += e.MonthlySaving
		case store.AuditFailed:
			res.Failed++
		default:
			res.NotDone++
		}
	}
	res.MonthlySaving = review.RoundCents(res.MonthlySaving)
	res.AnnualSaving = review.RoundCents(12 * res.MonthlySaving)
	return nil
}

func (s *Services) finish(ctx context.Context, e *store.AuditEntry, result, reason, errText, remedy string) {
	if err := s.Store.FinishAudit(ctx, e.ID, result, reason, errText, remedy); err != nil {
		// left pending: the next reconcile settles it against Graph
		return
	}
	e.Result, e.Reason, e.Error, e.Remedy = result, reason, errText, remedy
}

// resyncAfter re-syncs the tenant when something changed (the CLI trigger:
// no cooldown).
func (s *Services) resyncAfter(ctx context.Context, tenantID string, res *ReclaimResult) {
	changed := false
	for _, e := range res.Entries {
		changed = changed || e.Result == store.AuditDone
	}
	if !changed || s.Sync == nil {
		return
	}
	r, err := s.Sync.SyncTenant(ctx, tenantID, types.TriggerCLI)
	res.Resync = string(r.Status)
	switch {
	case err != nil:
		res.ResyncError = err.Error()
	case r.Error != "":
		res.ResyncError = r.Error
	}
	if errors.Is(err, sync.ErrAlreadyRunning) {
		res.ResyncError = "a sync of this tenant is already running; it will show the change"
	}
}

// ReclaimUndo re-adds the SKU an audit entry removed, while a seat is free.
func (s *Services) ReclaimUndo(ctx context.Context, auditID int64) (ReclaimResult, error) {
	e, err := s.Store.AuditEntryByID(ctx, auditID)
	if err != nil {
		return ReclaimResult{}, err
	}
	switch {
	case e.Action != store.AuditRemove || e.Result != store.AuditDone:
		return ReclaimResult{}, fmt.Errorf("only a licence removal that was done can be undone (entry %d is %s %s)", e.ID, e.Action, e.Result)
	case e.UndoneBy != 0:
		return ReclaimResult{}, fmt.Errorf("entry %d was already undone (entry %d)", e.ID, e.UndoneBy)
	}
	rc, err := s.reclaimContext(ctx, e.TenantID, -1)
	if err != nil {
		return ReclaimResult{}, err
	}
	if !rc.lc.Consented() {
		return ReclaimResult{}, ErrLicenceChangesOff
	}
	lock := s.reclaimLock(rc.tenant.ID)
	if !lock.TryLock() {
		return ReclaimResult{}, errors.New("a licence change for this tenant is already running: wait for it to finish")
	}
	defer lock.Unlock()
	pacer := graph.NewPacer(graph.PacerOptions{})
	rd, err := s.readClient(rc.tenant.ID, pacer)
	if err != nil {
		return ReclaimResult{}, err
	}
	subs, err := rd.SubscribedSkus(ctx)
	if err != nil {
		return ReclaimResult{}, err
	}
	free := -1
	for _, k := range subs.SKUs {
		if strings.EqualFold(k.SkuID, e.SkuID) {
			free = k.Enabled + k.Warning - k.Consumed
		}
	}
	if free <= 0 {
		return ReclaimResult{}, fmt.Errorf("no free seat of %s is left to re-add: %s", e.SkuName, graph.RemedyNoSeats)
	}
	wc, err := s.writeClient(rc, pacer)
	if err != nil {
		return ReclaimResult{}, err
	}
	res := ReclaimResult{TenantID: rc.tenant.ID, Batch: newBatchID(), Entries: []store.AuditEntry{}}
	q := []store.AuditEntry{{Batch: res.Batch, TenantID: rc.tenant.ID, TenantName: rc.tenant.DisplayName, Actor: rc.actor(),
		UserID: e.UserID, UserPrincipal: e.UserPrincipal, SkuID: e.SkuID, SkuName: e.SkuName, Action: store.AuditAdd,
		MonthlySaving: -e.MonthlySaving, Currency: e.Currency, UndoOf: e.ID}}
	if err := s.runAudited(ctx, rc, wc, q, &res, nil); err != nil {
		return res, err
	}
	s.resyncAfter(ctx, rc.tenant.ID, &res)
	return res, nil
}

// ReconcileAudit settles a tenant's audit rows an interrupted apply left
// open: queued rows were never sent (not done); a pending row is done or
// not done as Graph's licence assignment states say now.
func (s *Services) ReconcileAudit(ctx context.Context, tenantID string) (int, error) {
	rc, err := s.reclaimContext(ctx, tenantID, -1)
	if err != nil {
		return 0, err
	}
	lock := s.reclaimLock(rc.tenant.ID)
	if !lock.TryLock() {
		return 0, nil // an apply is running: its rows are not open
	}
	defer lock.Unlock()
	open, err := s.Store.AuditLog(ctx, store.AuditFilter{TenantID: tenantID, Open: true})
	if err != nil || len(open) == 0 {
		return 0, err
	}
	return len(open), s.reconcile(ctx, rc, graph.NewPacer(graph.PacerOptions{}))
}

func (s *Services) reconcile(ctx context.Context, rc *reclaimContext, p *graph.Pacer) error {
	open, err := s.Store.AuditLog(ctx, store.AuditFilter{TenantID: rc.tenant.ID, Open: true})
	if err != nil || len(open) == 0 {
		return err
	}
	var rd *graph.Client
	for i := range open {
		e := &open[i]
		if e.Result == store.AuditQueued {
			s.finish(ctx, e, store.AuditNotDone, "", "interrupted before it was sent", "Apply again to remove it.")
			continue
		}
		if rd == nil {
			if rd, err = s.readClient(rc.tenant.ID, p); err != nil {
				return err
			}
		}
		live, lerr := rd.UserLicences(ctx, e.UserID)
		switch {
		case graph.ReasonOf(lerr) == graph.AssignUserGone:
			s.finish(ctx, e, store.AuditFailed, string(graph.AssignUserGone), "interrupted; the user is gone now", graph.RemedyUserGone)
		case lerr != nil:
			return fmt.Errorf("checking an interrupted licence change with Microsoft: %w", lerr)
		default:
			direct, _ := live.Direct(e.SkuID)
			if (e.Action == store.AuditRemove) != direct {
				s.finish(ctx, e, store.AuditDone, "", "", "")
			} else {
				s.finish(ctx, e, store.AuditNotDone, "", "interrupted; Microsoft shows it was not applied", "Apply again to remove it.")
			}
		}
	}
	return nil
}

// AuditLog returns the licence audit log (one tenant, or all for "").
func (s *Services) AuditLog(ctx context.Context, tenantID string) ([]store.AuditEntry, error) {
	out, err := s.Store.AuditLog(ctx, store.AuditFilter{TenantID: tenantID})
	if out == nil {
		out = []store.AuditEntry{}
	}
	return out, err
}

// AuditCSVHeader is the audit export's header row.
var AuditCSVHeader = []string{"id", "batch", "when", "signed in as", "tenant id", "tenant", "user id", "user", "sku id",
	"licence", "action", "result", "reason", "error", "remedy", "monthly saving", "currency", "undo of", "undone by", "sent", "finished"}

// WriteAuditCSV writes audit rows as CSV (UTF-8, header first).
func WriteAuditCSV(w io.Writer, entries []store.AuditEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(AuditCSVHeader); err != nil {
		return err
	}
	id := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	for _, e := range entries {
		rec := []string{id(e.ID), e.Batch, review.RFC(&e.CreatedAt), e.Actor, e.TenantID, e.TenantName, e.UserID, e.UserPrincipal,
			e.SkuID, e.SkuName, e.Action, e.Result, e.Reason, e.Error, e.Remedy, strconv.FormatFloat(e.MonthlySaving, 'f', 2, 64),
			e.Currency, id(e.UndoOf), id(e.UndoneBy), review.RFC(e.SentAt), review.RFC(e.FinishedAt)}
		for i, c := range rec {
			// a cell starting with = + - @ is a formula to a spreadsheet
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) && i != 15 {
				rec[i] = "'" + c
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
