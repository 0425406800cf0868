package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"tenantlens/backend/types"
)

func TestConnectionsRoundTrip(t *testing.T) {
	s, _ := openClock(t, t0)
	ctx := context.Background()
	c := types.Connection{ID: "conn1", Kind: types.ConnectionPartner, HomeTenantID: "home", DisplayName: "Fabrikam MSP",
		Username: "admin@fabrikam.example", ClientID: "client", SecretKey: "tenantlens/conn1", CreatedAt: t0}
	if err := s.UpsertConnection(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Connection(ctx, "conn1")
	if err != nil {
		t.Fatal(err)
	}
	c.Cloud = "public" // defaulted
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("got %+v\nwant %+v", got, c)
	}
	c.Username = "other@fabrikam.example"
	if err := s.UpsertConnection(ctx, c); err != nil {
		t.Fatal(err)
	}
	all, err := s.Connections(ctx)
	if err != nil || len(all) != 1 || all[0].Username != "other@fabrikam.example" {
		t.Fatalf("Connections = %+v (%v)", all, err)
	}
	if err := s.UpsertConnection(ctx, types.Connection{ID: "x", Kind: "weird", SecretKey: "k"}); err == nil {
		t.Fatal("accepted an unknown kind")
	}
	if _, err := s.Connection(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing connection: %v", err)
	}
}

func TestTenantUpsertKeepsCurrentRunAndHistory(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	ten := types.Tenant{ID: "t1", DisplayName: "Contoso", DefaultDomain: "contoso.example", Domains: []string{"contoso.example", "contoso.onmicrosoft.com"},
		GDAPRoles: []string{"Global Reader", "Reports Reader"}, RoleWarnings: []string{"no Authentication Administrator"}, Demo: true}
	if err := s.UpsertTenant(ctx, ten); err != nil {
		t.Fatal(err)
	}
	got, err := s.Tenant(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Access != types.AccessReady || !got.CreatedAt.Equal(t0) || !reflect.DeepEqual(got.GDAPRoles, ten.GDAPRoles) ||
		!reflect.DeepEqual(got.RoleWarnings, ten.RoleWarnings) || !got.Demo || got.LastSyncAt != nil || got.LastSyncStatus != "" {
		t.Fatalf("tenant = %+v", got)
	}
	snap := genSnapshot("t1", 10, 1)
	snap.TenantName = "" // keep the tenant's own name
	run := commitNew(t, s, "t1", snap)
	clk.Advance(time.Hour)
	ten.DisplayName = "Contoso Ltd"
	if err := s.UpsertTenant(ctx, ten); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Tenant(ctx, "t1")
	if got.CurrentRunID != run || got.DisplayName != "Contoso Ltd" || !got.CreatedAt.Equal(t0) {
		t.Fatalf("after re-upsert: %+v", got)
	}
	if err := s.SetTenantAccess(ctx, "t1", types.AccessNeedsConsent, "admin consent missing for AuditLog.Read.All"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Tenant(ctx, "t1")
	if got.Access != types.AccessNeedsConsent || got.AccessDetail == "" {
		t.Fatalf("access = %q %q", got.Access, got.AccessDetail)
	}
	// reconnect needed: reported over the stored access, cleared by a
	// fresh connect (UpsertTenant) and by recording another access
	if err := s.SetTenantAccess(ctx, "t1", types.AccessReconnect, "revoked"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Tenant(ctx, "t1")
	if got.Access != types.AccessReconnect || got.AccessDetail != "revoked" || got.CurrentRunID != run {
		t.Fatalf("after reconnect needed: %q %q run %d", got.Access, got.AccessDetail, got.CurrentRunID)
	}
	if err := s.UpsertTenant(ctx, ten); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Tenant(ctx, "t1")
	if got.Access != ten.Access && !(ten.Access == "" && got.Access == types.AccessReady) {
		t.Fatalf("a fresh connect left access %q", got.Access)
	}
	if err := s.SetTenantAccess(ctx, "t1", types.AccessReconnect, "revoked"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTenantAccess(ctx, "t1", types.AccessNoAccess, "relationship ended"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Tenant(ctx, "t1")
	if got.Access != types.AccessNoAccess || got.AccessDetail != "relationship ended" {
		t.Fatalf("another access after reconnect: %q %q", got.Access, got.AccessDetail)
	}
	if err := s.SetTenantAccess(ctx, "nope", types.AccessNoAccess, ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown tenant: %v", err)
	}
	if err := s.UpsertTenant(ctx, types.Tenant{ID: "t2", ConnectionID: "missing"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("tenant of an unknown connection: %v", err)
	}
}

func TestTenantsListLastSyncInfo(t *testing.T) {
	s, clk := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "b", "")
	addTenant(t, s, "a", "")
	addTenant(t, s, "c", "")
	commitNew(t, s, "a", genSnapshot("a", 3, 1))
	clk.Advance(time.Minute)
	r, _ := s.BeginRun(ctx, "b", types.TriggerManual)
	clk.Advance(time.Minute)
	if err := s.FailRun(ctx, r, types.RunFailed, "revoked", "the grant was revoked; reconnect"); err != nil {
		t.Fatal(err)
	}
	running, _ := s.BeginRun(ctx, "c", types.TriggerManual)
	list, err := s.Tenants(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 {
		t.Fatalf("%d tenants", len(list))
	}
	byID := map[string]types.Tenant{}
	for _, x := range list {
		byID[x.ID] = x
	}
	if a := byID["a"]; a.LastSyncStatus != "succeeded" || a.LastError != "" || a.CurrentRunID == 0 || !a.LastSyncAt.Equal(t0) {
		t.Errorf("a = %+v", a)
	}
	if b := byID["b"]; b.LastSyncStatus != "failed" || b.LastError != "the grant was revoked; reconnect" || b.CurrentRunID != 0 ||
		!b.LastSyncAt.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("b = %+v", b)
	}
	if c := byID["c"]; c.LastSyncStatus != "running" || c.LastSyncAt == nil || !c.LastSyncAt.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("c = %+v (run %d)", c, running)
	}
	if list[0].ID != "a" || list[1].ID != "b" {
		t.Errorf("not ordered by name: %s, %s", list[0].ID, list[1].ID)
	}
}

func tableCount(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDeleteConnectionCascades(t *testing.T) {
	s, _ := openClock(t, t0)
	ctx := context.Background()
	for _, id := range []string{"p", "d"} {
		if err := s.UpsertConnection(ctx, types.Connection{ID: id, Kind: types.ConnectionPartner, SecretKey: "k-" + id}); err != nil {
			t.Fatal(err)
		}
	}
	addTenant(t, s, "t1", "p")
	addTenant(t, s, "t2", "p")
	addTenant(t, s, "t3", "d")
	r1 := commitNew(t, s, "t1", genSnapshot("t1", 40, 1))
	commitNew(t, s, "t1", genSnapshot("t1", 41, 2))
	commitNew(t, s, "t2", genSnapshot("t2", 30, 3))
	keep := commitNew(t, s, "t3", genSnapshot("t3", 20, 4))
	if err := s.AppendRunLog(ctx, r1, types.LogInfo, "fetched 40 users"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcquireSyncLock(ctx, "t2", "job", time.Minute); err != nil {
		t.Fatal(err)
	}
	// A report version on t1 references its run: disconnect still works.
	rep, err := s.CreateReport(ctx, types.Report{TenantID: "t1", Name: "QBR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateVersion(ctx, types.ReportVersion{ReportID: rep.ID, RunIDs: []int64{r1}, InactiveDays: 90}); err != nil {
		t.Fatal(err)
	}

	if err := s.DeleteConnection(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	list, _ := s.Tenants(ctx)
	if len(list) != 1 || list[0].ID != "t3" {
		t.Fatalf("tenants after disconnect: %+v", list)
	}
	for table, want := range map[string]int{"sync_runs": 1, "snap_users": 20, "snap_skus": 3, "snap_contacts": 2,
		"run_metrics": 1, "run_logs": 0, "sync_locks": 0, "reports": 0, "report_version_runs": 0} {
		if n := tableCount(t, s, table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	if _, err := s.Connection(ctx, "p"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("connection still there: %v", err)
	}
	if cur, err := s.CurrentSnapshot(ctx, "t3"); err != nil || cur.Run.ID != keep {
		t.Fatalf("other connection's tenant lost its snapshot: %v", err)
	}
	if err := s.DeleteConnection(ctx, "p"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	var fkProblems int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fkProblems); err != nil || fkProblems != 0 {
		t.Fatalf("foreign key check: %d problems (%v)", fkProblems, err)
	}
}

func TestDeleteTenantCascades(t *testing.T) {
	s, _ := openClock(t, t0)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	addTenant(t, s, "t2", "")
	commitNew(t, s, "t1", genSnapshot("t1", 25, 1))
	commitNew(t, s, "t2", genSnapshot("t2", 15, 2))
	if err := s.DeleteTenant(ctx, "t1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tenant(ctx, "t1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("tenant still there: %v", err)
	}
	if n := tableCount(t, s, "snap_users"); n != 15 {
		t.Fatalf("snap_users has %d rows, want t2's 15", n)
	}
	if n := tableCount(t, s, "snap_user_licenses"); n == 0 {
		t.Fatal("t2's licences went too")
	}
	if err := s.DeleteTenant(ctx, "t1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
}
