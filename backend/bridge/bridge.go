// Package bridge holds the services bound to the UI. Each is small and thin:
// it resolves the composed services, calls the backend packages that do the
// work, and returns concrete types so the generated TypeScript is typed.
package bridge

import (
	"context"
	"errors"

	"tenantlens/backend/review"
	"tenantlens/backend/services"
)

// Core gives a bound service the composed services once the app has
// started (or the start-up error, which every call then returns).
type Core func() (*services.Services, error)

// ErrStarting is returned while the app is still opening its data folder.
var ErrStarting = errors.New("TenantLens is still starting")

type base struct {
	core    Core
	ctx     func() context.Context
	cache   *review.Cache
	openURL func(string) error // nil: sign-in links are only shown
}

func (b base) svc() (*services.Services, error) {
	if b.core == nil {
		return nil, ErrStarting
	}
	return b.core()
}

func (b base) context() context.Context {
	if b.ctx != nil {
		if c := b.ctx(); c != nil {
			return c
		}
	}
	return context.Background()
}

// Bound is every service the window binds.
type Bound struct {
	Tenants   *Tenants
	Data      *Data
	Settings  *Settings
	Reports   *Reports
	Clients   *Clients
	PSA       *PSA
	Reclaim   *Reclaim
	Licensing *Licensing
	History   *History
}

// Options are the window's capabilities the bound services may use.
type Options struct {
	// OpenURL opens a link in the system browser (nil: links are only shown).
	OpenURL func(string) error
	// SaveDialog asks where to save a file ("" when cancelled).
	SaveDialog func(defaultName, title string) (string, error)
	// OpenDialog asks for a file to open ("" when cancelled).
	OpenDialog OpenDialogFunc
}

// New builds the bound services. ctx returns the app's lifetime context.
func New(core Core, ctx func() context.Context, o Options) Bound {
	b := base{core: core, ctx: ctx, cache: review.NewCache(), openURL: o.OpenURL}
	return Bound{Tenants: &Tenants{base: b}, Data: &Data{base: b}, Settings: &Settings{base: b},
		Reports: &Reports{base: b, saveDialog: o.SaveDialog},
		Clients: &Clients{base: b, openDialog: o.OpenDialog, saveDialog: o.SaveDialog}, PSA: &PSA{base: b},
		Reclaim: &Reclaim{base: b, saveDialog: o.SaveDialog}, Licensing: &Licensing{base: b}, History: &History{base: b, saveDialog: o.SaveDialog}}
}

// All lists the bound services for Wails' Bind option.
func (b Bound) All() []interface{} {
	return []interface{}{b.Tenants, b.Data, b.Settings, b.Reports, b.Clients, b.PSA, b.Reclaim, b.Licensing, b.History}
}
