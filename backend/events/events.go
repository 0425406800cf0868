// Package events puts the Wails runtime behind a small interface, so services
// emit progress without a window and tests use a recording fake.
package events

import (
	"context"
	"sync"
	"time"
)

// Event names (Go → UI). The frontend imports the same strings from the
// generated models (see Names), so the two can never drift.
const (
	SyncProgress   = "sync:progress"
	SyncFinished   = "sync:finished"
	ConnectStatus  = "connect:status"
	ExportProgress = "export:progress"
	// SyncCancel is UI → Go: cancel a running sync ({tenantId}).
	SyncCancel = "sync:cancel"
	// PSAProgress reports a PSA read ({phase, done}).
	PSAProgress = "psa:progress"
	// PSACancel is UI → Go: cancel the running PSA read.
	PSACancel = "psa:cancel"
)

// Names lists every event name; bound to the UI so TypeScript uses these.
type Names struct {
	SyncProgress   string `json:"syncProgress"`
	SyncFinished   string `json:"syncFinished"`
	ConnectStatus  string `json:"connectStatus"`
	ExportProgress string `json:"exportProgress"`
	SyncCancel     string `json:"syncCancel"`
	PSAProgress    string `json:"psaProgress"`
	PSACancel      string `json:"psaCancel"`
}

// AllNames returns the event-name table.
func AllNames() Names {
	return Names{SyncProgress, SyncFinished, ConnectStatus, ExportProgress, SyncCancel, PSAProgress, PSACancel}
}

// Payloads, typed so the generated TypeScript is typed too.
type SyncProgressPayload struct {
	TenantID string `json:"tenantId"`
	Phase    string `json:"phase"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
}

type SyncFinishedPayload struct {
	TenantID string `json:"tenantId"`
	Status   string `json:"status"`
	Error    string `json:"error"`
}

type ConnectStatusPayload struct {
	Step    string `json:"step"`
	Message string `json:"message"`
	// SignInURL is set on the "sign-in" step so the UI can offer a Copy
	// button (opening the system browser can fail silently).
	SignInURL string `json:"signInUrl,omitempty"`
	// Error is set when the step failed; Message then says what to do.
	Error bool `json:"error,omitempty"`
}

// PSAProgressPayload: records read so far in a phase (companies, contacts).
type PSAProgressPayload struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
}

type ExportProgressPayload struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// Emitter sends events to the UI.
type Emitter interface {
	Emit(name string, payload any)
}

// Listener registers a handler for UI → Go events and returns an unsubscribe.
type Listener interface {
	On(name string, fn func(data ...any)) (off func())
}

// Bus is both directions.
type Bus interface {
	Emitter
	Listener
}

// RuntimeFuncs are the two Wails runtime functions the bus needs; app.go
// passes runtime.EventsEmit and runtime.EventsOn so this package does not
// import Wails (and tests never need a window).
type RuntimeFuncs struct {
	Emit func(ctx context.Context, name string, data ...any)
	On   func(ctx context.Context, name string, fn func(data ...any)) func()
}

// Runtime is the Bus backed by the Wails runtime of one window context.
type Runtime struct {
	ctx context.Context
	f   RuntimeFuncs
}

// NewRuntime binds the runtime functions to the window's context.
func NewRuntime(ctx context.Context, f RuntimeFuncs) *Runtime { return &Runtime{ctx: ctx, f: f} }

func (r *Runtime) Emit(name string, payload any) { r.f.Emit(r.ctx, name, payload) }

func (r *Runtime) On(name string, fn func(data ...any)) func() { return r.f.On(r.ctx, name, fn) }

// Discard drops everything (CLI).
type Discard struct{}

func (Discard) Emit(string, any)                     {}
func (Discard) On(string, func(...any)) (off func()) { return func() {} }

// Recorder is the test fake: it records emitted events and lets a test fire
// UI → Go events.
type Recorder struct {
	mu       sync.Mutex
	events   []Recorded
	handlers map[string][]func(...any)
}

// Recorded is one emitted event.
type Recorded struct {
	Name    string
	Payload any
}

func NewRecorder() *Recorder { return &Recorder{handlers: map[string][]func(...any){}} }

func (r *Recorder) Emit(name string, payload any) {
	r.mu.Lock()
	r.events = append(r.events, Recorded{name, payload})
	r.mu.Unlock()
}

func (r *Recorder) On(name string, fn func(...any)) func() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = append(r.handlers[name], fn)
	i := len(r.handlers[name]) - 1
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.handlers[name][i] = nil
	}
}

// Fire delivers a UI → Go event to the registered handlers.
func (r *Recorder) Fire(name string, data ...any) {
	r.mu.Lock()
	hs := append([]func(...any){}, r.handlers[name]...)
	r.mu.Unlock()
	for _, h := range hs {
		if h != nil {
			h(data...)
		}
	}
}

// Events returns the recorded events named name (all when name is "").
func (r *Recorder) Events(name string) []Recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Recorded
	for _, e := range r.events {
		if name == "" || e.Name == name {
			out = append(out, e)
		}
	}
	return out
}

// Throttle wraps an Emitter so that, per event name and key, at most one
// event passes per interval; the final event of a sequence (done == total)
// always passes. Progress floods from 100,000-user syncs stay cheap.
type Throttle struct {
	next     Bus
	interval time.Duration
	now      func() time.Time
	mu       sync.Mutex
	last     map[string]time.Time
}

// NewThrottle returns a throttling emitter.
func NewThrottle(next Bus, interval time.Duration, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{next: next, interval: interval, now: now, last: map[string]time.Time{}}
}

// On passes listeners through unthrottled.
func (t *Throttle) On(name string, fn func(...any)) func() { return t.next.On(name, fn) }

func (t *Throttle) Emit(name string, payload any) {
	key, final := name, false
	switch p := payload.(type) {
	case SyncProgressPayload:
		key += "|" + p.TenantID
		final = p.Done >= p.Total
	case ExportProgressPayload:
		final = p.Done >= p.Total
	default:
		t.next.Emit(name, payload)
		return
	}
	t.mu.Lock()
	now := t.now()
	pass := final || now.Sub(t.last[key]) >= t.interval
	if pass {
		t.last[key] = now
	}
	t.mu.Unlock()
	if pass {
		t.next.Emit(name, payload)
	}
}
