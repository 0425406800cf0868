package events

import (
	"testing"
	"time"
)

func TestThrottlePassesFirstAndFinalAndSpacesTheRest(t *testing.T) {
	rec := NewRecorder()
	now := time.Unix(0, 0)
	th := NewThrottle(rec, 100*time.Millisecond, func() time.Time { return now })
	for i := 0; i <= 100; i++ {
		th.Emit(SyncProgress, SyncProgressPayload{TenantID: "a", Phase: "users", Done: i, Total: 100})
		now = now.Add(10 * time.Millisecond)
	}
	got := rec.Events(SyncProgress)
	// 101 events over 1 s at 100 ms spacing: first, one per 100 ms, and the final.
	if len(got) < 10 || len(got) > 12 {
		t.Fatalf("passed %d events, want about 11", len(got))
	}
	last := got[len(got)-1].Payload.(SyncProgressPayload)
	if last.Done != 100 {
		t.Fatalf("final event not delivered: %+v", last)
	}
}

func TestThrottleKeysPerTenant(t *testing.T) {
	rec := NewRecorder()
	now := time.Unix(0, 0)
	th := NewThrottle(rec, time.Second, func() time.Time { return now })
	th.Emit(SyncProgress, SyncProgressPayload{TenantID: "a", Done: 1, Total: 10})
	th.Emit(SyncProgress, SyncProgressPayload{TenantID: "b", Done: 1, Total: 10})
	th.Emit(SyncProgress, SyncProgressPayload{TenantID: "a", Done: 2, Total: 10})
	if n := len(rec.Events(SyncProgress)); n != 2 {
		t.Fatalf("got %d events, want 2 (one per tenant)", n)
	}
	th.Emit(SyncFinished, SyncFinishedPayload{TenantID: "a", Status: "succeeded"})
	if n := len(rec.Events(SyncFinished)); n != 1 {
		t.Fatal("non-progress events must never be throttled")
	}
}

func TestRecorderFireAndUnsubscribe(t *testing.T) {
	rec := NewRecorder()
	var got []string
	off := rec.On(SyncCancel, func(d ...any) { got = append(got, d[0].(string)) })
	rec.Fire(SyncCancel, "t1")
	off()
	rec.Fire(SyncCancel, "t2")
	if len(got) != 1 || got[0] != "t1" {
		t.Fatalf("handler calls %v, want [t1]", got)
	}
}

func TestAllNamesMatchConstants(t *testing.T) {
	n := AllNames()
	if n.SyncProgress != "sync:progress" || n.SyncFinished != "sync:finished" ||
		n.ConnectStatus != "connect:status" || n.ExportProgress != "export:progress" {
		t.Fatalf("event names drifted from DESIGN.md: %+v", n)
	}
}
