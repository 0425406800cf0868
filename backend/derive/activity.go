package derive

import (
	"time"

	"tenantlens/backend/types"
)

// DefaultInactiveDays is the inactivity threshold used for per-run metrics.
const DefaultInactiveDays = types.DefaultInactiveDays

// Signals says which activity sources a tenant's snapshot could see.
type Signals struct {
	// SignIn: signInActivity was readable (the tenant has Entra ID P1).
	SignIn bool
	// Usage: the usage reports were readable and not concealed.
	Usage bool
}

// Known reports whether any activity source is visible.
func (s Signals) Known() bool { return s.SignIn || s.Usage }

// SignalsOf reads the visible sources from a snapshot's flags. Concealed
// reports do not count even when they downloaded.
func SignalsOf(f types.SnapshotFlags) Signals {
	return Signals{SignIn: f.SignInAvailable, Usage: f.UsageAvailable && !f.UsageConcealed}
}

// LastSeen is the user's latest activity signal of any kind: last
// interactive or non-interactive sign-in, or last report activity. The
// created date does not count. Nil when there is none.
func LastSeen(u *types.User) *time.Time {
	return lastSeen(u, Signals{SignIn: true, Usage: true})
}

func lastSeen(u *types.User, s Signals) *time.Time {
	var best *time.Time
	pick := func(t *time.Time) {
		if t != nil && !t.IsZero() && (best == nil || t.After(*best)) {
			best = t
		}
	}
	if s.SignIn {
		pick(u.LastSignIn)
		pick(u.LastNonInteractiveSignIn)
	}
	if s.Usage {
		pick(u.LastActivity)
	}
	if best == nil {
		return nil
	}
	v := *best
	return &v
}

// InactivityApplies reports whether the inactivity rule looks at this user:
// non-deleted, enabled, not a resource account (members and guests alike).
func InactivityApplies(u *types.User) bool {
	return !u.Deleted && u.AccountEnabled && !u.ResourceAccount
}

// IsInactive applies the rule: a user the rule applies to is inactive when
// its latest visible signal is older than days before now, or absent.
// known is false when the tenant has no visible source at all (then
// inactive is false too). Users the rule does not apply to are never
// inactive (known stays true).
func IsInactive(u *types.User, now time.Time, days int, sig Signals) (inactive, known bool) {
	if !sig.Known() {
		return false, false
	}
	if !InactivityApplies(u) {
		return false, true
	}
	last := lastSeen(u, sig)
	if last == nil {
		return true, true
	}
	cutoff := now.Add(-time.Duration(days) * 24 * time.Hour)
	return last.Before(cutoff), true
}
