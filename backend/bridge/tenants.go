package bridge

import (
	"context"
	"errors"
	"fmt"
	gosync "sync"

	"tenantlens/backend/identity"
	"tenantlens/backend/types"
)

// Tenants is the Tenants page and the Connect dialog: connections, sync and logs.
type Tenants struct {
	base
	mu     gosync.Mutex
	cancel context.CancelFunc // the connect in progress
}

// List returns every tenant with its last sync and live state.
func (t *Tenants) List() ([]TenantRow, error) {
	svc, err := t.svc()
	if err != nil {
		return nil, err
	}
	return t.review(svc).List(t.context())
}

// Overview summarises every tenant for the landing page.
func (t *Tenants) Overview() (Overview, error) {
	svc, err := t.svc()
	if err != nil {
		return Overview{}, err
	}
	return t.review(svc).Overview(t.context())
}

// Connect runs a direct or partner connection; progress arrives as
// connect:status events (with the sign-in link to copy). The first sync of
// every ready tenant starts when it succeeds.
func (t *Tenants) Connect(req ConnectRequest) (ConnectResult, error) {
	if !req.Partner || req.Tenant != "" {
		tn, err := identity.ParseTenantInput(req.Tenant)
		if err != nil {
			return ConnectResult{}, err // short, names what to enter instead
		}
		req.Tenant = tn
	}
	svc, err := t.svc()
	if err != nil {
		return ConnectResult{}, err
	}
	ctx, cancel := context.WithCancel(t.context())
	t.mu.Lock()
	if t.cancel != nil {
		t.mu.Unlock()
		cancel()
		return ConnectResult{}, errors.New("a connection is already in progress: finish or cancel it first")
	}
	t.cancel = cancel
	t.mu.Unlock()
	defer func() {
		t.mu.Lock()
		t.cancel = nil
		t.mu.Unlock()
		cancel()
	}()
	ui := t.signIn(svc.Bus)
	res, err := svc.Connect(ctx, req.Partner, req.Tenant, ui.interaction())
	if err != nil {
		ui.failed(err)
		return ConnectResult{}, err
	}
	ids := make([]string, 0, len(res.Tenants))
	for _, tn := range res.Tenants {
		if tn.Access == types.AccessReady {
			ids = append(ids, tn.ID)
		}
	}
	stored := make([]types.Tenant, 0, len(res.Tenants))
	for _, tn := range res.Tenants {
		if s, err := svc.Store.Tenant(ctx, tn.ID); err == nil {
			stored = append(stored, s)
		}
	}
	rows, _, err := t.review(svc).Rows(ctx, stored)
	if err != nil {
		return ConnectResult{}, err
	}
	for _, id := range ids {
		_ = svc.Sync.Trigger(t.context(), id)
	}
	ui.done(connectedMessage(len(rows), len(ids)))
	return ConnectResult{ConnectionID: res.Connection.ID, Tenants: rows, Warnings: nonNil(res.Warnings)}, nil
}

func connectedMessage(n, ready int) string {
	if n == 1 && ready == 1 {
		return "Connected. The first sync has started."
	}
	return fmt.Sprintf("%d tenants found, %d ready; their first sync has started.", n, ready)
}

// CancelConnect abandons a sign-in in progress.
func (t *Tenants) CancelConnect() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cancel == nil {
		return errors.New("no connection is in progress")
	}
	t.cancel()
	return nil
}

// Disconnect removes a tenant: its synced data, reports and logs, and the
// sign-in's token when it was the connection's last tenant.
func (t *Tenants) Disconnect(tenantID string) error {
	svc, err := t.svc()
	if err != nil {
		return err
	}
	return svc.DisconnectTenant(t.context(), tenantID)
}

// DisconnectPartner removes a partner connection and every tenant it found.
func (t *Tenants) DisconnectPartner(connectionID string) error {
	svc, err := t.svc()
	if err != nil {
		return err
	}
	return svc.DisconnectConnection(t.context(), connectionID)
}

// SyncNow starts a manual sync of one tenant (cooldown and lock apply).
func (t *Tenants) SyncNow(tenantID string) error {
	svc, err := t.svc()
	if err != nil {
		return err
	}
	return svc.Sync.Trigger(t.context(), tenantID)
}

// SyncAll starts a sync of every ready tenant; returns how many started.
func (t *Tenants) SyncAll() (int, error) {
	svc, err := t.svc()
	if err != nil {
		return 0, err
	}
	ts, err := svc.Store.Tenants(t.context())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, tn := range ts {
		if tn.Access != types.AccessReady {
			continue
		}
		if svc.Sync.Trigger(t.context(), tn.ID) == nil {
			n++
		}
	}
	return n, nil
}

// CancelSync cancels a running sync.
func (t *Tenants) CancelSync(tenantID string) error {
	svc, err := t.svc()
	if err != nil {
		return err
	}
	if !svc.Sync.Cancel(tenantID) {
		return errors.New("this tenant is not syncing")
	}
	return nil
}

// Runs lists a tenant's recent sync runs, newest first.
func (t *Tenants) Runs(tenantID string) ([]RunRow, error) {
	svc, err := t.svc()
	if err != nil {
		return nil, err
	}
	runs, err := svc.Store.Runs(t.context(), tenantID, 50)
	if err != nil {
		return nil, err
	}
	out := make([]RunRow, 0, len(runs))
	for _, r := range runs {
		out = append(out, RunRow{ID: r.ID, StartedAt: rfcv(r.StartedAt), FinishedAt: rfc(r.FinishedAt),
			Status: string(r.Status), Error: r.Error, Trigger: string(r.Trigger)})
	}
	return out, nil
}

// RunLog returns the stored log of one run.
func (t *Tenants) RunLog(runID int64) ([]LogLine, error) {
	svc, err := t.svc()
	if err != nil {
		return nil, err
	}
	entries, err := svc.Store.RunLog(t.context(), runID)
	if err != nil {
		return nil, err
	}
	out := make([]LogLine, 0, len(entries))
	for _, e := range entries {
		out = append(out, LogLine{At: rfcv(e.At), Level: string(e.Level), Message: e.Message})
	}
	return out, nil
}
