// Package services composes TenantLens' parts (configuration, store,
// keychain, and the services built on them) once, for the window and the CLI
// alike, so both show the same numbers.
package services

import (
	"context"
	"fmt"
	gosync "sync"
	"time"

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

// Services is the composed application core. The configuration and the
// identity client built from it change when settings are saved, so they are
// read through Config() and Identity() under a lock; the other parts are
// set once by Open.
type Services struct {
	Store    *store.Store
	Secrets  *secrets.Store
	Bus      *Relay
	Sync     *sync.Engine
	Names    *Names
	Reports  *report.Service
	Exporter *report.Exporter
	// DemoDirectory changes the demo's emulated directory (demo only; set
	// by the demo's Prepare, nil otherwise).
	DemoDirectory DemoDirectory

	mu       gosync.RWMutex
	cfg      config.Config
	id       *identity.Client
	saveMu   gosync.Mutex // one settings save at a time
	override func(*config.Config)
	// psaOptions tune the ConnectWise client (zero: its defaults).
	psaOptions PSAOptions
}

// Config is the configuration in force (a copy).
func (s *Services) Config() config.Config {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cfg
}

// Identity is the sign-in client for the configuration in force.
func (s *Services) Identity() *identity.Client {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.id
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
	svc := &Services{cfg: cfg, override: opt.Override, Store: st, Secrets: secrets.New(opt.KeychainService), Bus: NewRelay(opt.Bus)}
	if err := svc.wire(); err != nil {
		st.Close()
		return nil, err
	}
	return svc, nil
}

// Close stops the sync engine — cancelling running syncs and waiting for
// them to record their outcome — and then releases the data folder, so no
// sync ever writes to a closed store.
func (s *Services) Close() error {
	if s.Sync != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		s.Sync.Shutdown(ctx)
		cancel()
	}
	return s.Store.Close()
}

// Doctor runs the machine checks against this data folder.
func (s *Services) Doctor(ctx context.Context) doctor.Report {
	return doctor.Run(ctx, doctor.Deps{
		DataDir:  s.Config().Home,
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
