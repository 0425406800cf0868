package bridge

import "errors"

var errPending = errors.New("not available in this build yet")

// Tenants is the Tenants page and the Connect dialog: connections, sync and logs.
type Tenants struct{ base }

// List returns every tenant with its last sync and live state.
func (t *Tenants) List() ([]TenantRow, error) { return nil, errPending }

// Overview summarises every tenant for the landing page.
func (t *Tenants) Overview() (Overview, error) { return Overview{}, errPending }

// Connect runs a direct or partner connection; progress arrives as
// connect:status events (with the sign-in link to copy).
func (t *Tenants) Connect(req ConnectRequest) (ConnectResult, error) {
	return ConnectResult{}, errPending
}

// CancelConnect abandons a sign-in in progress.
func (t *Tenants) CancelConnect() error { return errPending }

// Disconnect removes a tenant: its tokens (when it is the connection's last
// tenant), synced data, mappings and logs.
func (t *Tenants) Disconnect(tenantID string) error { return errPending }

// DisconnectPartner removes a partner connection and every tenant it found.
func (t *Tenants) DisconnectPartner(connectionID string) error { return errPending }

// SyncNow starts a manual sync of one tenant (cooldown and lock apply).
func (t *Tenants) SyncNow(tenantID string) error { return errPending }

// SyncAll starts a sync of every ready tenant; returns how many started.
func (t *Tenants) SyncAll() (int, error) { return 0, errPending }

// CancelSync cancels a running sync.
func (t *Tenants) CancelSync(tenantID string) error { return errPending }

// Runs lists a tenant's recent sync runs, newest first.
func (t *Tenants) Runs(tenantID string) ([]RunRow, error) { return nil, errPending }

// RunLog returns the stored log of one run.
func (t *Tenants) RunLog(runID int64) ([]LogLine, error) { return nil, errPending }
