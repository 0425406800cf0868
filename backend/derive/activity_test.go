package derive

import (
	"testing"
	"time"

	"tenantlens/backend/types"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func daysAgo(d int) *time.Time {
	t := now.Add(-time.Duration(d) * 24 * time.Hour)
	return &t
}

func member() types.User {
	return types.User{ID: "u", UserType: "Member", AccountEnabled: true, CreatedAt: daysAgo(2)}
}

var both = Signals{SignIn: true, Usage: true}

func TestInactiveRule(t *testing.T) {
	cases := []struct {
		name     string
		user     func(u *types.User)
		sig      Signals
		inactive bool
		known    bool
	}{
		{"no signal at all, recently created: created date does not count", func(u *types.User) {}, both, true, true},
		{"sign-in 91 days ago", func(u *types.User) { u.LastSignIn = daysAgo(91) }, both, true, true},
		{"sign-in 89 days ago", func(u *types.User) { u.LastSignIn = daysAgo(89) }, both, false, true},
		{"old interactive, recent non-interactive", func(u *types.User) {
			u.LastSignIn, u.LastNonInteractiveSignIn = daysAgo(200), daysAgo(5)
		}, both, false, true},
		{"old sign-in, recent report activity", func(u *types.User) {
			u.LastSignIn, u.LastActivity = daysAgo(200), daysAgo(3)
		}, both, false, true},
		{"recent activity but reports not visible", func(u *types.User) {
			u.LastSignIn, u.LastActivity = daysAgo(200), daysAgo(3)
		}, Signals{SignIn: true}, true, true},
		{"recent sign-in but no P1 (not visible)", func(u *types.User) {
			u.LastSignIn, u.LastActivity = daysAgo(3), daysAgo(120)
		}, Signals{Usage: true}, true, true},
		{"guest without signal", func(u *types.User) { u.UserType = "Guest" }, both, true, true},
		{"disabled account is not inactive", func(u *types.User) { u.AccountEnabled = false }, both, false, true},
		{"deleted user is not inactive", func(u *types.User) { u.Deleted = true }, both, false, true},
		{"resource account is not inactive", func(u *types.User) { u.ResourceAccount = true }, both, false, true},
		{"no visible source: unknown", func(u *types.User) { u.LastSignIn = daysAgo(400) }, Signals{}, false, false},
	}
	for _, c := range cases {
		u := member()
		c.user(&u)
		inactive, known := IsInactive(&u, now, 90, c.sig)
		if inactive != c.inactive || known != c.known {
			t.Errorf("%s: inactive=%v known=%v, want %v %v", c.name, inactive, known, c.inactive, c.known)
		}
	}
}

func TestSignalsOfFlags(t *testing.T) {
	if s := SignalsOf(types.SnapshotFlags{SignInAvailable: true, UsageAvailable: true, UsageConcealed: true}); s.Usage || !s.SignIn {
		t.Errorf("concealed reports counted: %+v", s)
	}
	if s := SignalsOf(types.SnapshotFlags{UsageAvailable: true}); !s.Usage || s.SignIn || !s.Known() {
		t.Errorf("%+v", s)
	}
	if SignalsOf(types.SnapshotFlags{}).Known() {
		t.Error("no flags but known")
	}
}

func TestLastSeen(t *testing.T) {
	u := member()
	if LastSeen(&u) != nil {
		t.Fatal("no signal but LastSeen set (created must not count)")
	}
	u.LastSignIn, u.LastNonInteractiveSignIn, u.LastActivity = daysAgo(30), daysAgo(10), daysAgo(20)
	if got := LastSeen(&u); got == nil || !got.Equal(*daysAgo(10)) {
		t.Fatalf("LastSeen = %v", got)
	}
	u.LastActivity = daysAgo(1)
	if got := LastSeen(&u); !got.Equal(*daysAgo(1)) {
		t.Fatalf("LastSeen = %v", got)
	}
	p := LastSeen(&u)
	*p = time.Time{}
	if u.LastActivity.IsZero() {
		t.Fatal("LastSeen returned the user's own pointer")
	}
}
