package services

import (
	"context"
	"errors"
)

// ChangedUser is a user the demo's directory change touched.
type ChangedUser struct {
	ID                string `json:"id"`
	UserPrincipalName string `json:"userPrincipalName"`
	DisplayName       string `json:"displayName"`
}

// ChangedLicence is a licence a user gained or lost in the demo's change.
type ChangedLicence struct {
	UserID            string `json:"userId"`
	UserPrincipalName string `json:"userPrincipalName"`
	SkuID             string `json:"skuId"`
}

// DirectoryChanges is exactly what the demo changed in its emulated
// directory (one tenant), in the terms a compare lists: users added and
// removed, licences gained and lost by users present on both dates, MFA
// newly registered or lost, accounts disabled.
type DirectoryChanges struct {
	TenantID       string           `json:"tenantId"`
	TenantName     string           `json:"tenantName"`
	Added          []ChangedUser    `json:"added"`
	Removed        []ChangedUser    `json:"removed"`
	Disabled       []ChangedUser    `json:"disabled"`
	LicencesGained []ChangedLicence `json:"licencesGained"`
	LicencesLost   []ChangedLicence `json:"licencesLost"`
	MFARegistered  []ChangedUser    `json:"mfaRegistered"`
	MFALost        []ChangedUser    `json:"mfaLost"`
	// Notes say what could not be changed (e.g. MFA when the tenant's MFA
	// registration is not readable) and what to do next.
	Notes []string `json:"notes"`
}

// DemoDirectory changes the demo's emulated directory between two syncs,
// so compare has something to show. Only the demo sets one (its Prepare);
// it lives here so the bound services need not know the emulator.
type DemoDirectory interface {
	// ChangeDirectory applies the demo's fixed set of changes to a tenant
	// ("" = the demo picks one) and reports exactly what it changed.
	ChangeDirectory(ctx context.Context, svc *Services, tenantID string) (DirectoryChanges, error)
}

// ErrNotDemo refuses demo-only actions on real data.
var ErrNotDemo = errors.New("only the demo can change its directory: start TenantLens with `tenantlens demo` to try this")

// ChangeDemoDirectory runs the demo's directory change; outside the demo
// it refuses with ErrNotDemo.
func (s *Services) ChangeDemoDirectory(ctx context.Context, tenantID string) (DirectoryChanges, error) {
	if !s.Config().Demo || s.DemoDirectory == nil {
		return DirectoryChanges{}, ErrNotDemo
	}
	return s.DemoDirectory.ChangeDirectory(ctx, s, tenantID)
}
