package cli

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

func sortedJoin(xs []string) string {
	sort.Strings(xs)
	return strings.Join(xs, ",")
}

// The demo's directory change, synced through the real SDK and engine,
// is exactly what compare lists between the two newest snapshots; outside
// the demo it is refused.
func TestDemoChangeDirectoryIsWhatCompareLists(t *testing.T) {
	ctx := context.Background()
	e := newCLIEnv(t, graphsim.New(graphsim.Options{Seed: 1, AutoConsent: true}))
	if code, out, errOut, _ := e.connect("--partner", "--no-browser"); code != 0 {
		t.Fatalf("connect: %d\n%s\n%s", code, out, errOut)
	}
	var ids []string
	for _, r := range e.tenants() {
		if r.Access == string(types.AccessReady) {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		t.Fatal("no ready demo tenant (fixture)")
	}
	for _, id := range ids {
		if code, out, errOut := e.cli("sync", "--tenant", id); code != 0 {
			t.Fatalf("sync %s: %d\n%s\n%s", id, code, out, errOut)
		}
	}

	// Not the demo: refused, the directory untouched.
	svc, err := services.Open(ctx, services.Options{Home: e.home})
	if err != nil {
		t.Fatal(err)
	}
	svc.DemoDirectory = &demoDirectory{sim: e.sim}
	if _, err := svc.ChangeDemoDirectory(ctx, ""); !errors.Is(err, services.ErrNotDemo) {
		t.Errorf("outside the demo: %v, want ErrNotDemo", err)
	}
	svc.Close()

	svc, err = services.Open(ctx, services.Options{Home: e.home, Demo: true})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if _, err := svc.ChangeDemoDirectory(ctx, ""); !errors.Is(err, services.ErrNotDemo) {
		t.Errorf("demo without the hook: %v, want ErrNotDemo", err)
	}
	svc.DemoDirectory = &demoDirectory{sim: e.sim}
	ch, err := svc.ChangeDemoDirectory(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	id := ch.TenantID
	// The picked tenant reads MFA, so every kind of change was made once.
	if len(ch.Added) != 1 || len(ch.Removed) != 1 || len(ch.Disabled) != 1 || len(ch.LicencesGained) != 1 ||
		len(ch.LicencesLost) != 1 || len(ch.MFARegistered) != 1 || len(ch.MFALost) != 1 || len(ch.Notes) != 0 {
		t.Fatalf("changes %+v", ch)
	}
	res, err := svc.Sync.SyncTenant(ctx, id, types.TriggerSchedule)
	if err != nil || res.Status != types.RunSucceeded {
		t.Fatalf("sync after the change: %+v %v", res, err)
	}
	rv := svc.Review(nil)
	snaps, err := rv.StoredSnapshots(ctx, id)
	if err != nil || len(snaps) < 2 {
		t.Fatalf("snapshots %+v %v", snaps, err)
	}
	c, err := rv.Compare(ctx, review.CompareQuery{TenantID: id, FromRunID: snaps[1].RunID, ToRunID: snaps[0].RunID})
	if err != nil {
		t.Fatal(err)
	}
	users := func(us []services.ChangedUser) string {
		var out []string
		for _, u := range us {
			out = append(out, u.ID+" "+u.UserPrincipalName)
		}
		return sortedJoin(out)
	}
	userChanges := func(us []review.UserChange) string {
		var out []string
		for _, u := range us {
			out = append(out, u.UserID+" "+u.UserPrincipalName)
		}
		return sortedJoin(out)
	}
	mfa := func(us []review.MFAChange) string {
		var out []string
		for _, u := range us {
			out = append(out, u.UserID+" "+u.UserPrincipalName)
		}
		return sortedJoin(out)
	}
	lics := func(ls []services.ChangedLicence) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.UserID+"|"+strings.ToLower(l.SkuID))
		}
		return sortedJoin(out)
	}
	licChanges := func(ls []review.LicenceChange) string {
		var out []string
		for _, l := range ls {
			out = append(out, l.UserID+"|"+strings.ToLower(l.SkuID))
		}
		return sortedJoin(out)
	}
	for _, k := range []struct{ what, got, want string }{
		{"added", userChanges(c.Added), users(ch.Added)},
		{"removed", userChanges(c.Removed), users(ch.Removed)},
		{"disabled", userChanges(c.Disabled), users(ch.Disabled)},
		{"re-enabled", userChanges(c.Reenabled), ""},
		{"MFA registered", mfa(c.MFARegistered), users(ch.MFARegistered)},
		{"MFA lost", mfa(c.MFALost), users(ch.MFALost)},
		{"licences gained", licChanges(c.LicencesGained), lics(ch.LicencesGained)},
		{"licences lost", licChanges(c.LicencesLost), lics(ch.LicencesLost)},
	} {
		if k.got != k.want {
			t.Errorf("%s: compare lists [%s], the demo changed [%s]", k.what, k.got, k.want)
		}
	}
	// A second change picks other users and a new hire name.
	ch2, err := svc.ChangeDemoDirectory(ctx, id)
	if err != nil || len(ch2.Added) != 1 || ch2.Added[0].UserPrincipalName == ch.Added[0].UserPrincipalName {
		t.Fatalf("second change %+v %v", ch2, err)
	}
}
