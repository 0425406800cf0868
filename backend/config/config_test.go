package config

import "testing"

func TestResolveDefaultsToPublicCloud(t *testing.T) {
	t.Setenv(EnvAuthority, "")
	t.Setenv(EnvGraph, "")
	t.Setenv(EnvCatalogURL, "")
	t.Setenv(EnvClientID, "")
	c, err := Resolve("/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Authority != "https://login.microsoftonline.com" || c.Graph != "https://graph.microsoft.com" || c.CatalogURL != DefaultCatalogURL {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestEnvironmentBeatsSettingsBeatsCloud(t *testing.T) {
	t.Setenv(EnvAuthority, "http://127.0.0.1:9999/")
	t.Setenv(EnvGraph, "")
	t.Setenv(EnvClientID, "")
	c, err := Resolve("/x", map[string]string{KeyCloud: "usgov", KeyClientID: "abc", KeyGraph: ""})
	if err != nil {
		t.Fatal(err)
	}
	if c.Authority != "http://127.0.0.1:9999" {
		t.Fatalf("authority %q: env must win and lose its trailing slash", c.Authority)
	}
	if c.Graph != "https://graph.microsoft.us" {
		t.Fatalf("graph %q: US Government cloud default expected", c.Graph)
	}
	if c.ClientID != "abc" {
		t.Fatalf("client id from settings: %q", c.ClientID)
	}
}

func TestResolveRejectsBadValues(t *testing.T) {
	t.Setenv(EnvGraph, "not a url")
	if _, err := Resolve("/x", nil); err == nil {
		t.Fatal("bad graph URL accepted")
	}
	t.Setenv(EnvGraph, "")
	if _, err := Resolve("/x", map[string]string{KeyCloud: "mars"}); err == nil {
		t.Fatal("unknown cloud accepted")
	}
}

func TestBehaviourSettings(t *testing.T) {
	c, err := Resolve(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.SyncIntervalHours != 24 || c.SyncConcurrency != 8 || c.InactiveDays != 90 {
		t.Fatalf("defaults: %+v", c)
	}
	c, err = Resolve(t.TempDir(), map[string]string{KeySyncInterval: "0", KeySyncConcurrency: "3", KeyInactiveDays: "60"})
	if err != nil {
		t.Fatal(err)
	}
	if c.SyncIntervalHours != 0 || c.SyncConcurrency != 3 || c.InactiveDays != 60 {
		t.Fatalf("stored: %+v", c)
	}
	for _, bad := range []map[string]string{{KeySyncConcurrency: "0"}, {KeyInactiveDays: "ninety"}, {KeySyncInterval: "-1"}} {
		if _, err := Resolve(t.TempDir(), bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
