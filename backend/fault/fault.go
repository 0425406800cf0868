// Package fault is TenantLens' one error taxonomy: every layer that talks to
// Microsoft (identity, graph, sync) says what a failure means for the user
// with one of these classes, and the UI and CLI show the same words.
package fault

import "errors"

// Class says what a user (or the sync engine) can do about an error. The
// values are stored with failed runs (sync_runs.error_class): never rename
// one.
type Class string

const (
	// Retry: throttled, briefly unavailable or a network hiccup; the next
	// sync will likely succeed.
	Retry Class = "retryable"
	// Reconnect: the sign-in is gone (refresh token expired or revoked,
	// invalid token); someone has to connect the tenant again.
	Reconnect Class = "reauth"
	// Consent: the app lacks an administrator's consent (or a consented
	// permission) in the tenant.
	Consent Class = "consent"
	// Permission: the signed-in account (or the GDAP relationship) lacks a
	// role the call needs.
	Permission Class = "permission"
	// License: the tenant lacks a licence the call needs (Entra ID P1).
	License Class = "license"
	// Malformed: Microsoft answered something that is not what the API
	// promises (broken JSON, truncated page).
	Malformed Class = "malformed"
	// Cancelled: the user (or shutdown) cancelled.
	Cancelled Class = "cancelled"
	// Offline: Microsoft could not be reached at all (no network, DNS
	// failure, connection refused, timeout); the last synced data stays.
	Offline Class = "offline"
	// Fatal: anything else.
	Fatal Class = "fatal"
)

// Classed is implemented by errors that know their class (identity.Error,
// graph.Error).
type Classed interface {
	FaultClass() Class
}

// Advised is implemented by errors that carry their own next step
// (identity.Error, the store's storage errors).
type Advised interface {
	Advice() string
}

// Advice is the next step for err: its own when it carries one, else the
// standard remedy of class c. Offline always gives OfflineMessage, so every
// unreachable failure reads the same.
func Advice(err error, c Class) string {
	if c == Offline {
		return OfflineMessage
	}
	var a Advised
	if err != nil && errors.As(err, &a) {
		if s := a.Advice(); s != "" {
			return s
		}
	}
	return Remedy(c)
}

// Of returns the class of the first error in err's chain that knows its
// class.
func Of(err error) (Class, bool) {
	var c Classed
	if err != nil && errors.As(err, &c) {
		return c.FaultClass(), true
	}
	return "", false
}

// Remedy is the standard next step for a class, for messages that carry
// none of their own.
func Remedy(c Class) string {
	switch c {
	case Retry:
		return "Wait a few minutes and sync again."
	case Reconnect:
		return "Reconnect the tenant; TenantLens keeps its data."
	case Consent:
		return "Ask a Global Administrator of the tenant to approve TenantLens (admin consent), then sync again."
	case Permission:
		return "Give your account (or the GDAP relationship) the Global Reader and Reports Reader roles, then sync again."
	case License:
		return "Assign the licence the feature needs (Entra ID P1), or accept that this figure is unavailable."
	case Malformed:
		return "Sync again; if it repeats, run `tenantlens doctor` and report the problem."
	case Cancelled:
		return "Start the sync again when you are ready."
	case Offline:
		return OfflineMessage
	}
	return "Sync again; if it repeats, run `tenantlens doctor` and report the problem."
}
