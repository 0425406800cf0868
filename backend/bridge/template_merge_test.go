package bridge

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/services"
)

// A template's client-contacts merge direction is saved and read back
// through the bound service (SQLite in between); anything but accounts or
// contacts is refused with what to choose; a template made before the
// setting existed reads as "accounts".
func TestTemplateMergeDirection(t *testing.T) {
	service := "TenantLens-test-tpl-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := services.Open(context.Background(), services.Options{Home: t.TempDir(), KeychainService: service})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{})
	ts, err := b.Reports.Templates()
	if err != nil || len(ts) == 0 {
		t.Fatalf("templates: %v %v", ts, err)
	}
	def := ts[0]
	if def.MergeFrom != "accounts" {
		t.Fatalf("default template merges from %q", def.MergeFrom)
	}
	def.MergeFrom = "contacts"
	saved, err := b.Reports.SaveTemplate(def)
	if err != nil || saved.MergeFrom != "contacts" {
		t.Fatalf("save: %+v %v", saved, err)
	}
	again, _ := b.Reports.Templates()
	if again[0].MergeFrom != "contacts" {
		t.Fatalf("read back %q", again[0].MergeFrom)
	}
	def.MergeFrom = "psa"
	if _, err := b.Reports.SaveTemplate(def); err == nil || !strings.Contains(err.Error(), `"contacts"`) {
		t.Fatalf("a bad direction: %v", err)
	}
}
