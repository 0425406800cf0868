package services

import (
	gosync "sync"

	"tenantlens/backend/events"
)

// Relay is the services' event bus: it forwards to a target that can be
// swapped once the window exists (the engine is built before the UI), and
// remembers each tenant's latest sync progress so a page opened mid-sync
// shows where it is.
type Relay struct {
	mu       gosync.RWMutex
	target   events.Bus
	progress map[string]events.SyncProgressPayload
}

// NewRelay forwards to target (events.Discard when nil).
func NewRelay(target events.Bus) *Relay {
	if target == nil {
		target = events.Discard{}
	}
	return &Relay{target: target, progress: map[string]events.SyncProgressPayload{}}
}

// SetTarget swaps where events go.
func (r *Relay) SetTarget(b events.Bus) {
	if b == nil {
		b = events.Discard{}
	}
	r.mu.Lock()
	r.target = b
	r.mu.Unlock()
}

// Emit records sync progress and forwards.
func (r *Relay) Emit(name string, payload any) {
	r.mu.Lock()
	switch p := payload.(type) {
	case events.SyncProgressPayload:
		r.progress[p.TenantID] = p
	case events.SyncFinishedPayload:
		delete(r.progress, p.TenantID)
	}
	t := r.target
	r.mu.Unlock()
	t.Emit(name, payload)
}

// On registers on the current target.
func (r *Relay) On(name string, fn func(data ...any)) func() {
	r.mu.RLock()
	t := r.target
	r.mu.RUnlock()
	return t.On(name, fn)
}

// Progress returns a tenant's latest progress while it syncs.
func (r *Relay) Progress(tenantID string) (events.SyncProgressPayload, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.progress[tenantID]
	return p, ok
}
