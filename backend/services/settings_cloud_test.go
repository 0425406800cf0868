package services

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
)

// TestSaveCloudSetsEndpointsTogether: choosing a cloud in Settings moves
// the authority and Graph to that cloud's, even when endpoints of the
// previous cloud were saved; saving a cloud with explicit endpoints keeps
// them; the environment variables still win; an unknown cloud is refused.
func TestSaveCloudSetsEndpointsTogether(t *testing.T) {
	t.Setenv(config.EnvAuthority, "")
	t.Setenv(config.EnvGraph, "")
	service := "TenantLens-test-services-cloud-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	ctx := context.Background()
	svc, err := Open(ctx, Options{Home: t.TempDir(), KeychainService: service})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	if err := svc.SaveSettings(ctx, map[string]string{config.KeyAuthority: "https://login.example.test"}); err != nil {
		t.Fatal(err)
	}
	if err := svc.SaveSettings(ctx, map[string]string{config.KeyCloud: "usgovdod"}); err != nil {
		t.Fatal(err)
	}
	c := svc.Config()
	if c.Cloud != config.CloudUSGovDoD || c.Authority != "https://login.microsoftonline.us" || c.Graph != "https://dod-graph.microsoft.us" {
		t.Fatalf("after choosing DoD: %s %s %s", c.Cloud, c.Authority, c.Graph)
	}
	set, err := svc.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range set {
		if s.Key == config.KeyAuthority && s.Source != "default" {
			t.Errorf("authority source %s after choosing a cloud", s.Source)
		}
		if s.Key == config.KeyCloud && (s.Value != config.CloudUSGovDoD || !strings.Contains(s.Help, "US Government (DoD)")) {
			t.Errorf("cloud setting %+v", s)
		}
	}
	if err := svc.SaveSettings(ctx, map[string]string{config.KeyCloud: "china", config.KeyGraph: "https://graph.example.test"}); err != nil {
		t.Fatal(err)
	}
	if c := svc.Config(); c.Authority != "https://login.chinacloudapi.cn" || c.Graph != "https://graph.example.test" {
		t.Errorf("cloud with an explicit Graph: %s %s", c.Authority, c.Graph)
	}
	t.Setenv(config.EnvAuthority, "http://127.0.0.1:9/login")
	if err := svc.SaveSettings(ctx, map[string]string{config.KeyCloud: "public"}); err != nil {
		t.Fatal(err)
	}
	if c := svc.Config(); c.Authority != "http://127.0.0.1:9/login" || c.Graph != "https://graph.microsoft.com" {
		t.Errorf("environment did not win: %s %s", c.Authority, c.Graph)
	}
	if err := svc.SaveSettings(ctx, map[string]string{config.KeyCloud: "mars"}); err == nil {
		t.Error("unknown cloud saved")
	}
}
