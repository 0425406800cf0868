package bridge

import (
	"context"
	"testing"

	"tenantlens/backend/config"
	"tenantlens/backend/services"
)

func openCore(t *testing.T) (*services.Services, Bound) {
	t.Helper()
	t.Setenv(config.EnvClientID, "")
	svc, err := services.Open(context.Background(), services.Options{Home: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return svc, New(func() (*services.Services, error) { return svc, nil }, nil, Options{})
}

func valueOf(v SettingsView, key string) SettingValue {
	for _, s := range v.Values {
		if s.Key == key {
			return s
		}
	}
	return SettingValue{}
}

func TestSettingsSaveValidatesAndPersists(t *testing.T) {
	svc, b := openCore(t)
	v, err := b.Settings.Get()
	if err != nil {
		t.Fatal(err)
	}
	if got := valueOf(v, config.KeySyncConcurrency); got.Value != "8" || got.Source != "default" {
		t.Fatalf("concurrency %+v", got)
	}
	if _, err := b.Settings.Save(map[string]string{config.KeyGraph: "not a url"}); err == nil {
		t.Fatal("an invalid Graph URL was accepted")
	}
	if _, err := b.Settings.Save(map[string]string{"bogus": "1"}); err == nil {
		t.Fatal("an unknown key was accepted")
	}
	v, err = b.Settings.Save(map[string]string{config.KeySyncConcurrency: "3", config.KeyClientID: "11111111-2222-3333-4444-555555555555"})
	if err != nil {
		t.Fatal(err)
	}
	if got := valueOf(v, config.KeySyncConcurrency); got.Value != "3" || got.Source != "setting" {
		t.Fatalf("after save %+v", got)
	}
	if svc.Config().SyncConcurrency != 3 || svc.Config().ClientID != "11111111-2222-3333-4444-555555555555" {
		t.Fatalf("running config not updated: %+v", svc.Config())
	}
	if stored, _, _ := svc.Store.Setting(context.Background(), config.KeyGraph); stored != "" {
		t.Fatalf("rejected value was stored: %q", stored)
	}
	// Empty returns a setting to its default.
	v, err = b.Settings.Save(map[string]string{config.KeySyncConcurrency: ""})
	if err != nil {
		t.Fatal(err)
	}
	if got := valueOf(v, config.KeySyncConcurrency); got.Value != "8" || got.Source != "default" {
		t.Fatalf("after reset %+v", got)
	}
	t.Setenv(config.EnvClientID, "from-env")
	v, _ = b.Settings.Get()
	if got := valueOf(v, config.KeyClientID); got.Source != "environment" {
		t.Fatalf("env source %+v", got)
	}
}
