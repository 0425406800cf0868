package bridge

import (
	"context"
	"errors"
	"os"
	gosync "sync"

	"tenantlens/backend/services"
	"tenantlens/backend/store"
)

// Reclaim events.
const (
	// ReclaimProgressEvent carries a services.ReclaimProgress per finished
	// change of an apply.
	ReclaimProgressEvent = "reclaim:progress"
)

// Reclaim is the reclaim dialog (dry run → confirm → apply), the audit log
// and Settings › "Allow licence changes".
type Reclaim struct {
	base
	saveDialog func(defaultName, title string) (string, error)
	mu         gosync.Mutex
	cancel     context.CancelFunc // the apply or consent in progress
}

// AuditExport says where the audit CSV went ("" when the dialog was cancelled).
type AuditExport struct {
	Path string `json:"path"`
	Rows int    `json:"rows"`
}

func (r *Reclaim) start() (context.Context, func(), error) {
	ctx, cancel := context.WithCancel(r.context())
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		cancel()
		return nil, nil, errors.New("a licence change or consent is already in progress: finish or cancel it first")
	}
	r.cancel = cancel
	return ctx, func() {
		r.mu.Lock()
		r.cancel = nil
		r.mu.Unlock()
		cancel()
	}, nil
}

// DryRun lists what would be removed from whom, what it saves, and what
// cannot be removed and why. Nothing is changed.
func (r *Reclaim) DryRun(req services.ReclaimRequest) (services.ReclaimPlan, error) {
	svc, err := r.svc()
	if err != nil {
		return services.ReclaimPlan{}, err
	}
	return svc.ReclaimDryRun(r.context(), req)
}

// Apply removes the dry run's removable licences after confirm (the
// tenant's name); each finished change arrives as a reclaim:progress event.
// Cancel stops before the next call.
func (r *Reclaim) Apply(req services.ReclaimRequest, confirm string) (services.ReclaimResult, error) {
	svc, err := r.svc()
	if err != nil {
		return services.ReclaimResult{}, err
	}
	ctx, done, err := r.start()
	if err != nil {
		return services.ReclaimResult{}, err
	}
	defer done()
	return svc.ReclaimApply(ctx, req, confirm, func(p services.ReclaimProgress) { svc.Bus.Emit(ReclaimProgressEvent, p) })
}

// Cancel stops the apply (or consent) in progress.
func (r *Reclaim) Cancel() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel == nil {
		return errors.New("no licence change is in progress")
	}
	r.cancel()
	return nil
}

// Undo re-adds the licence an audit entry removed, while a seat is free.
func (r *Reclaim) Undo(auditID int64) (services.ReclaimResult, error) {
	svc, err := r.svc()
	if err != nil {
		return services.ReclaimResult{}, err
	}
	return svc.ReclaimUndo(r.context(), auditID)
}

// AuditLog lists licence changes (one tenant, or every tenant for ""),
// after settling rows an interrupted apply left open when Graph answers.
func (r *Reclaim) AuditLog(tenantID string) ([]store.AuditEntry, error) {
	svc, err := r.svc()
	if err != nil {
		return nil, err
	}
	if tenantID != "" {
		_, _ = svc.ReconcileAudit(r.context(), tenantID) // best effort: open rows stay open
	}
	return svc.AuditLog(r.context(), tenantID)
}

// ExportAudit writes the audit log as CSV (a save dialog asks where when
// path is "").
func (r *Reclaim) ExportAudit(tenantID, path string) (AuditExport, error) {
	svc, err := r.svc()
	if err != nil {
		return AuditExport{}, err
	}
	if path == "" {
		if r.saveDialog == nil {
			return AuditExport{}, errors.New("choose where to save the audit log")
		}
		if path, err = r.saveDialog("TenantLens licence audit.csv", "Export the licence audit log"); err != nil || path == "" {
			return AuditExport{}, err
		}
	}
	rows, err := svc.AuditLog(r.context(), tenantID)
	if err != nil {
		return AuditExport{}, err
	}
	f, err := os.Create(path)
	if err != nil {
		return AuditExport{}, err
	}
	if err := services.WriteAuditCSV(f, rows); err != nil {
		f.Close()
		return AuditExport{}, err
	}
	return AuditExport{Path: path, Rows: len(rows)}, f.Close()
}

// LicenceChanges is a tenant's "Allow licence changes" state.
func (r *Reclaim) LicenceChanges(tenantID string) (store.LicenceChanges, error) {
	svc, err := r.svc()
	if err != nil {
		return store.LicenceChanges{}, err
	}
	return svc.LicenceChanges(r.context(), tenantID)
}

// SetLicenceChanges turns licence changes on (the incremental consent for
// the licence-assignment permission runs in the browser; steps arrive as
// connect:status events) or off.
func (r *Reclaim) SetLicenceChanges(tenantID string, allow bool) (store.LicenceChanges, error) {
	svc, err := r.svc()
	if err != nil {
		return store.LicenceChanges{}, err
	}
	ctx, done, err := r.start()
	if err != nil {
		return store.LicenceChanges{}, err
	}
	defer done()
	ui := r.signIn(svc.Bus)
	lc, err := svc.SetLicenceChanges(ctx, tenantID, allow, ui.interaction())
	if err != nil {
		ui.failed(err)
		return lc, err
	}
	if allow {
		ui.done("Licence changes allowed.")
	}
	return lc, nil
}
