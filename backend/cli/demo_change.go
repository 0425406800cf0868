package cli

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"tenantlens/backend/graphsim"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// demoDirectory is the demo's services.DemoDirectory: it changes the
// in-process emulator's directory between two syncs, so "compare two
// dates" has something to show.
//
// The fixed set of changes, applied to one tenant (its users picked in
// user principal name order from the tenant's current stored snapshot,
// each user changed once):
//  1. MFA (only when the stored snapshot could read MFA registration): the
//     first enabled member not registered registers the Authenticator app;
//     the first enabled member registered loses every method.
//  2. The first enabled, licensed member is disabled.
//  3. The first member lacking one of the tenant's paid SKUs (demo prices)
//     gains it; the next licensed member loses its first licence.
//  4. The next licensed member leaves (soft deleted: deleted items).
//  5. A new member "demo.hire.<n>@<default domain>" joins with the
//     tenant's first paid SKU.
type demoDirectory struct {
	sim *graphsim.Sim
	mu  gosync.Mutex // one change at a time
	n   int
}

func (d *demoDirectory) ChangeDirectory(ctx context.Context, svc *services.Services, tenantID string) (services.DirectoryChanges, error) {
	if tenantID == "" {
		id, err := demoPickTenant(ctx, svc)
		if err != nil {
			return services.DirectoryChanges{}, err
		}
		tenantID = id
	}
	for _, r := range svc.Sync.Running() {
		if r == tenantID {
			return services.DirectoryChanges{}, errors.New("this tenant is syncing: wait for the sync to finish, then change the directory")
		}
	}
	t, err := svc.Store.Tenant(ctx, tenantID)
	if err != nil {
		return services.DirectoryChanges{}, err
	}
	if t.CurrentRunID == 0 {
		return services.DirectoryChanges{}, errors.New("this tenant has not synced yet: sync it first, so the change has a snapshot to compare with")
	}
	snap, err := svc.Store.Snapshot(ctx, t.CurrentRunID)
	if err != nil {
		return services.DirectoryChanges{}, err
	}
	tn, ok := d.sim.Tenant(tenantID)
	if !ok {
		return services.DirectoryChanges{}, fmt.Errorf("tenant %s is not one of the demo's emulated tenants: pick a demo tenant", tenantID)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n++
	return applyDemoChanges(d.sim, tn, snap, d.n)
}

// demoPickTenant is the first synced tenant (by name) whose MFA the last
// sync could read, else the first synced one.
func demoPickTenant(ctx context.Context, svc *services.Services) (string, error) {
	ts, err := svc.Store.Tenants(ctx)
	if err != nil {
		return "", err
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].DisplayName < ts[j].DisplayName })
	first := ""
	for _, t := range ts {
		if t.CurrentRunID == 0 {
			continue
		}
		if first == "" {
			first = t.ID
		}
		if sn, err := svc.Store.Snapshot(ctx, t.CurrentRunID); err == nil && sn.Flags.MFAAvailable {
			return t.ID, nil
		}
	}
	if first == "" {
		return "", errors.New("no demo tenant has synced yet: wait for the first sync to finish")
	}
	return first, nil
}

func changedUser(u *graphsim.User) services.ChangedUser {
	return services.ChangedUser{ID: u.ID, UserPrincipalName: u.UserPrincipalName, DisplayName: u.DisplayName}
}

// applyDemoChanges applies the fixed set of changes (see demoDirectory)
// to tn, choosing users from its stored snapshot snap.
func applyDemoChanges(sim *graphsim.Sim, tn *graphsim.Tenant, snap *types.Snapshot, n int) (services.DirectoryChanges, error) {
	out := services.DirectoryChanges{TenantID: tn.ID, TenantName: tn.DisplayName, Added: []services.ChangedUser{},
		Removed: []services.ChangedUser{}, Disabled: []services.ChangedUser{}, LicencesGained: []services.ChangedLicence{},
		LicencesLost: []services.ChangedLicence{}, MFARegistered: []services.ChangedUser{}, MFALost: []services.ChangedUser{}, Notes: []string{}}
	users := make([]*types.User, 0, len(snap.Users))
	for i := range snap.Users {
		u := &snap.Users[i]
		if !u.Deleted && !u.ResourceAccount && !strings.EqualFold(u.UserType, "Guest") {
			users = append(users, u)
		}
	}
	sort.Slice(users, func(i, j int) bool {
		return strings.ToLower(users[i].UserPrincipalName) < strings.ToLower(users[j].UserPrincipalName)
	})
	used := map[string]bool{}
	pick := func(pred func(u *types.User, g *graphsim.User) bool) *graphsim.User {
		for _, u := range users {
			g, ok := tn.UserByID(u.ID)
			if ok && !used[u.ID] && !g.Deleted && pred(u, g) {
				used[u.ID] = true
				return g
			}
		}
		return nil
	}
	var paid []string
	for _, k := range tn.SKUs {
		if graphsim.DemoPrices[strings.ToLower(k.SkuID)] > 0 {
			paid = append(paid, strings.ToLower(k.SkuID))
		}
	}
	sort.Strings(paid)
	if len(paid) == 0 {
		return out, errors.New("this demo tenant buys no priced licence: pick another demo tenant")
	}

	// 1. MFA
	if snap.Flags.MFAAvailable {
		if g := pick(func(u *types.User, g *graphsim.User) bool {
			return u.MFAStatus == types.MFADisabled && u.AccountEnabled
		}); g != nil {
			if err := sim.UpdateUser(tn.ID, g.ID, func(g *graphsim.User) { g.Methods |= graphsim.MethodAuthenticatorPush }); err != nil {
				return out, err
			}
			out.MFARegistered = append(out.MFARegistered, changedUser(g))
		}
		if g := pick(func(u *types.User, g *graphsim.User) bool { return u.MFAStatus == types.MFAEnabled && u.AccountEnabled }); g != nil {
			if err := sim.UpdateUser(tn.ID, g.ID, func(g *graphsim.User) { g.Methods = 0 }); err != nil {
				return out, err
			}
			out.MFALost = append(out.MFALost, changedUser(g))
		}
	} else {
		out.Notes = append(out.Notes, "MFA was not changed: the last sync could not read this tenant's MFA registration")
	}
	// 2. disable
	if g := pick(func(u *types.User, g *graphsim.User) bool { return u.AccountEnabled && len(u.Licenses) > 0 }); g != nil {
		if err := sim.UpdateUser(tn.ID, g.ID, func(g *graphsim.User) { g.AccountEnabled = false }); err != nil {
			return out, err
		}
		out.Disabled = append(out.Disabled, changedUser(g))
	}
	// 3. a licence gained, one lost
	var gain string
	if g := pick(func(u *types.User, g *graphsim.User) bool {
		for _, s := range paid {
			has := false
			for _, l := range g.AssignedLicenses {
				has = has || strings.EqualFold(l.SkuID, s)
			}
			if !has {
				gain = s
				return true
			}
		}
		return false
	}); g != nil {
		if err := sim.UpdateUser(tn.ID, g.ID, func(g *graphsim.User) {
			g.AssignedLicenses = append(g.AssignedLicenses, graphsim.AssignedLicense{SkuID: gain})
		}); err != nil {
			return out, err
		}
		out.LicencesGained = append(out.LicencesGained, services.ChangedLicence{UserID: g.ID, UserPrincipalName: g.UserPrincipalName, SkuID: gain})
	}
	if g := pick(func(u *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 }); g != nil {
		lost := strings.ToLower(g.AssignedLicenses[0].SkuID)
		if err := sim.UpdateUser(tn.ID, g.ID, func(g *graphsim.User) { g.AssignedLicenses = g.AssignedLicenses[1:] }); err != nil {
			return out, err
		}
		out.LicencesLost = append(out.LicencesLost, services.ChangedLicence{UserID: g.ID, UserPrincipalName: g.UserPrincipalName, SkuID: lost})
	}
	// 4. one leaves
	if g := pick(func(u *types.User, g *graphsim.User) bool { return len(g.AssignedLicenses) > 0 }); g != nil {
		if err := sim.SoftDeleteUser(tn.ID, g.ID); err != nil {
			return out, err
		}
		out.Removed = append(out.Removed, changedUser(g))
	}
	// 5. one joins
	upn := fmt.Sprintf("demo.hire.%d@%s", n, tn.DefaultDomain)
	nu, err := sim.AddUser(tn.ID, &graphsim.User{UserPrincipalName: upn, Mail: upn, DisplayName: fmt.Sprintf("Demo Hire %d", n),
		GivenName: "Demo", Surname: fmt.Sprintf("Hire %d", n), UserType: "Member", AccountEnabled: true,
		CreatedDateTime: time.Now().UTC().Add(-time.Hour), UsageLocation: "US",
		AssignedLicenses: []graphsim.AssignedLicense{{SkuID: paid[0]}}})
	if err != nil {
		return out, err
	}
	out.Added = append(out.Added, changedUser(nu))
	return out, nil
}
