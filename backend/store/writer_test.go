package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// TestConcurrentWritersNeverFail is issue 10's "database is locked": many
// tenants commit large snapshots at once (each pricing its metrics through
// a callback that reads the store, as the app's does) while others append
// run logs, heartbeat their locks and read. Every write must succeed and
// every snapshot must be complete.
func TestConcurrentWritersNeverFail(t *testing.T) {
	tenants, users := 16, 2500
	if raceEnabled {
		tenants, users = 16, 400
	}
	s := openTemp(t)
	ctx := context.Background()
	for _, p := range []types.Price{
		{SkuID: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", PartNumber: "SPB", UnitPrice: 20.6, Currency: "EUR"},
		{SkuID: "05e9a617-0261-4cee-bb44-138d3ef5d965", PartNumber: "SPE_E3", UnitPrice: 33.75, Currency: "EUR"},
	} {
		if err := s.SetPrice(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// The app's price callback: it reads the store for every SKU.
	price := func(skuID, _ string) (float64, string, bool) {
		ps, err := s.ListPrices(context.Background())
		if err != nil {
			return 0, "", false
		}
		for _, p := range ps {
			if strings.EqualFold(p.SkuID, skuID) {
				return p.Monthly(), p.Currency, true
			}
		}
		return 0, "", false
	}
	ids := make([]string, tenants)
	snaps := make([]*types.Snapshot, tenants)
	for i := range ids {
		ids[i] = fmt.Sprintf("t%02d", i)
		addTenant(t, s, ids[i], "")
		snaps[i] = genSnapshot(ids[i], users, int64(i+1))
	}
	// Each tenant already has a current snapshot, so readers always have one.
	for i, id := range ids {
		commitNew(t, s, id, genSnapshot(id, 50, int64(100+i)))
	}

	var (
		mu     gosync.Mutex
		errs   []string
		runIDs = make([]int64, tenants)
		logs   = make([]int, tenants)
	)
	fail := func(format string, a ...any) {
		mu.Lock()
		errs = append(errs, fmt.Sprintf(format, a...))
		mu.Unlock()
	}
	start := make(chan struct{})
	var wg gosync.WaitGroup
	for i, id := range ids {
		owner := "job-" + id
		if _, err := s.AcquireSyncLock(ctx, id, owner, time.Minute); err != nil {
			t.Fatal(err)
		}
		run, err := s.BeginRun(ctx, id, types.TriggerManual)
		if err != nil {
			t.Fatal(err)
		}
		runIDs[i] = run
		committed := make(chan struct{})
		// the commit
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(committed)
			<-start
			if err := s.CommitSnapshot(ctx, run, snaps[i], WithMetrics(derive.ComputeMetrics(snaps[i], t0, price))); err != nil {
				fail("%s: commit: %v", id, err)
			}
		}()
		// its log and heartbeat while the commits run, and a few after
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for n := 0; ; n++ {
				if err := s.AppendRunLog(ctx, run, types.LogInfo, fmt.Sprintf("line %d", n)); err != nil {
					fail("%s: log: %v", id, err)
					return
				}
				logs[i] = n + 1
				if err := s.HeartbeatSyncLock(ctx, id, owner); err != nil {
					fail("%s: heartbeat: %v", id, err)
					return
				}
				select {
				case <-committed:
					if n >= 3 {
						return
					}
				default:
				}
			}
		}()
	}
	// readers
	stopRead := make(chan struct{})
	var rg gosync.WaitGroup
	for r := 0; r < 4; r++ {
		rg.Add(1)
		go func() {
			defer rg.Done()
			<-start
			for n := 0; ; n++ {
				select {
				case <-stopRead:
					return
				default:
				}
				id := ids[(r+n)%tenants]
				if _, err := s.CurrentSnapshot(ctx, id); err != nil {
					fail("read %s: %v", id, err)
					return
				}
				if _, err := s.Tenants(ctx); err != nil {
					fail("tenants: %v", err)
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(stopRead)
	rg.Wait()
	for _, e := range errs {
		t.Error(e)
	}
	if t.Failed() {
		return
	}
	for i, id := range ids {
		if err := s.ReleaseSyncLock(ctx, id, "job-"+id); err != nil {
			t.Fatal(err)
		}
		got, err := s.CurrentSnapshot(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got.Run.ID != runIDs[i] {
			t.Fatalf("%s: current run %d, want %d", id, got.Run.ID, runIDs[i])
		}
		want := normalised(snaps[i])
		if len(got.Users) != users || !reflect.DeepEqual(got.Users, want.Users) || !reflect.DeepEqual(got.SKUs, want.SKUs) ||
			!reflect.DeepEqual(got.Contacts, want.Contacts) {
			t.Fatalf("%s: snapshot differs from what was committed (%d users)", id, len(got.Users))
		}
		m, err := s.Metrics(ctx, runIDs[i])
		if err != nil {
			t.Fatal(err)
		}
		if m.MonthlyCost <= 0 || m.Currency != "EUR" {
			t.Fatalf("%s: metrics not priced: %+v", id, m)
		}
		lines, err := s.RunLog(ctx, runIDs[i])
		if err != nil || len(lines) != logs[i] {
			t.Fatalf("%s: %d log lines (%v), want %d", id, len(lines), err, logs[i])
		}
		for k, l := range lines {
			if l.Seq != int64(k+1) || l.Message != fmt.Sprintf("line %d", k) {
				t.Fatalf("%s: log line %d = %+v", id, k, l)
			}
		}
	}
	var integrity string
	if err := s.rdb.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q (%v)", integrity, err)
	}
}

// TestReadersDoNotWaitForTheWriter: a read made while a write transaction
// is open returns the last committed state (WAL), and the read pool
// refuses writes, so it can never become a second writer.
func TestReadersDoNotWaitForTheWriter(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	addTenant(t, s, "t1", "")
	first := commitNew(t, s, "t1", genSnapshot("t1", 20, 1))
	before, err := s.Tenant(ctx, "t1")
	if err != nil {
		t.Fatal(err)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE tenants SET display_name = 'changed' WHERE id = 't1'`); err != nil {
			return err
		}
		// Inside the write transaction, on other connections:
		cur, err := s.CurrentSnapshot(ctx, "t1")
		if err != nil {
			return fmt.Errorf("read during a write: %w", err)
		}
		if cur.Run.ID != first || len(cur.Users) != 20 {
			return fmt.Errorf("read during a write saw run %d with %d users", cur.Run.ID, len(cur.Users))
		}
		tn, err := s.Tenant(ctx, "t1")
		if err != nil || tn.DisplayName != before.DisplayName {
			return fmt.Errorf("read during a write saw %q (%v), want the committed name", tn.DisplayName, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if tn, _ := s.Tenant(ctx, "t1"); tn.DisplayName != "changed" {
		t.Fatalf("after commit: %q", tn.DisplayName)
	}
	if _, err := s.rdb.ExecContext(ctx, `DELETE FROM settings`); err == nil {
		t.Fatal("the read pool accepted a write")
	}
	var mode string
	if err := s.rdb.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("reader journal_mode %q (%v)", mode, err)
	}
}
