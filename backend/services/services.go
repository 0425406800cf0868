// Package services composes TenantLens' parts (configuration, store,
// keychain, and the services built on them) once, for the window and the CLI
// alike, so both show the same numbers.
package services

import (
	"context"
	"fmt"

	"tenantlens/backend/config"
	"tenantlens/backend/doctor"
	"tenantlens/backend/events"
	"tenantlens/backend/identity"
	"tenantlens/backend/report"
	"tenantlens/backend/secrets"
	"tenantlens/backend/store"
	"tenantlens/backend/sync"
)

// Options choose the data folder and overrides; zero values use defaults.
type Options struct {
	Home string // default: TENANTLENS_HOME or the user config folder
	// KeychainService isolates keychain entries (demo and tests).
	KeychainService string
	Demo            bool
	Bus             events.Bus
	// Override adjusts the resolved configuration without persisting it
	// (the demo points authority, Graph and catalog at its emulator).
	Override func(*config.Config)
}

// Services is the composed application core.
type Services struct {
	Config   config.Config
	Store    *store.Store
	Secrets  *secrets.Store
	Bus      *Relay
	Identity *identity.Client
	Sync     *sync.Engine
	Names    *Names
	Reports  *report.Service
	Exporter *report.Exporter
}

// Open resolves the data folder, takes its lock, opens the database and
// resolves configuration.
func Open(ctx context.Context, opt Options) (*Services, error) {
	home := opt.Home
	if home == "" {
		var err error
		if home, err = store.DataDir(); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(home, store.Options{})
	if err != nil {
		return nil, err
	}
	settings, err := st.Settings(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	cfg, err := config.Resolve(home, settings)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("configuration: %w", err)
	}
	cfg.Demo = opt.Demo
	if opt.Override != nil {
		opt.Override(&cfg)
	}
	svc := &Services{Config: cfg, Store: st, Secrets: secrets.New(opt.KeychainService), Bus: NewRelay(opt.Bus)}
	if err := svc.wire(); err != nil {
		st.Close()
		return nil, err
	}
	return svc, nil
}

// Close releases the data folder.
func (s *Services) Close() error { return s.Store.Close() }

// Doctor runs the machine checks against this data folder.
func (s *Services) Doctor(ctx context.Context) doctor.Report {
	return doctor.Run(ctx, doctor.Deps{
		DataDir:  s.Config.Home,
		SQLite:   s.Store.SQLiteVersion,
		Keychain: s.Secrets.Check,
	})
}

// DoctorWithoutOpening runs the checks without taking the data-folder lock,
// so `tenantlens doctor` works while the window is open.
func DoctorWithoutOpening(ctx context.Context, home, keychainService string) doctor.Report {
	if home == "" {
		if h, err := store.DataDir(); err == nil {
			home = h
		}
	}
	return doctor.Run(ctx, doctor.Deps{
		DataDir:  home,
		SQLite:   store.EngineVersion,
		Keychain: secrets.New(keychainService).Check,
	})
}
