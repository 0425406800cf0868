package services

import (
	"context"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/config"
)

// The demo's manual syncs wait DemoSyncCooldown after the last one (its
// cloud is an in-process emulator); a real data folder keeps the engine's
// 30 s, and saving a setting in the demo does not bring that back.
func TestDemoSyncCooldown(t *testing.T) {
	service := "TenantLens-test-services-cooldown-" + time.Now().Format("150405.000000")
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	ctx := context.Background()
	for _, demo := range []bool{false, true} {
		svc, err := Open(ctx, Options{Home: t.TempDir(), KeychainService: service, Demo: demo})
		if err != nil {
			t.Fatal(err)
		}
		want := 30 * time.Second
		if demo {
			want = DemoSyncCooldown
		}
		if got := svc.Sync.Cooldown(); got != want {
			t.Errorf("demo %v: cooldown %s, want %s", demo, got, want)
		}
		if err := svc.SaveSettings(ctx, map[string]string{config.KeyInactiveDays: "60"}); err != nil {
			t.Fatal(err)
		}
		if got := svc.Sync.Cooldown(); got != want {
			t.Errorf("demo %v after saving a setting: cooldown %s, want %s", demo, got, want)
		}
		svc.Close()
	}
}
