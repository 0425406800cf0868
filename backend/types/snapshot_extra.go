package types

import "time"

// RunInterrupted marks a run whose process died (or lost its lock) before it
// finished: a later sync found its lock stale and took it over.
const RunInterrupted RunStatus = "interrupted"

// RunTrigger records what started a sync run.
type RunTrigger string

const (
	TriggerManual   RunTrigger = "manual"   // "Sync now" / "Sync all" in the window
	TriggerSchedule RunTrigger = "schedule" // automatic sync while the app is open
	TriggerCLI      RunTrigger = "cli"      // `tenantlens sync`
	TriggerDemo     RunTrigger = "demo"     // the built-in demo MSP
)

// LogLevel is the severity of one run-log line.
type LogLevel string

const (
	LogDebug LogLevel = "debug"
	LogInfo  LogLevel = "info"
	LogWarn  LogLevel = "warn"
	LogError LogLevel = "error"
)

// RunLogEntry is one line of a sync run's stored log (never a secret).
type RunLogEntry struct {
	Seq     int64     `json:"seq"`
	At      time.Time `json:"at"`
	Level   LogLevel  `json:"level"`
	Message string    `json:"message"`
}

// RunInfo is a sync run with what the store knows beyond SyncRun: what
// started it, whether retention thinned it and which tier kept it.
type RunInfo struct {
	SyncRun
	Trigger RunTrigger `json:"trigger"`
	// Kept is the retention tier that kept this run: "", "weekly", "quarterly".
	Kept string `json:"kept"`
	// Pruned is set when retention removed the snapshot rows; the run's
	// metrics remain for trends.
	Pruned bool `json:"pruned"`
}

// SyncLockGrant describes an acquired per-tenant sync lock.
type SyncLockGrant struct {
	TenantID   string    `json:"tenantId"`
	Owner      string    `json:"owner"`
	AcquiredAt time.Time `json:"acquiredAt"`
	// TookOver is set when a stale lock (a dead process's) was replaced.
	TookOver      bool   `json:"tookOver"`
	PreviousOwner string `json:"previousOwner"`
	// InterruptedRunIDs are runs left "running" by the previous holder and
	// now marked interrupted.
	InterruptedRunIDs []int64 `json:"interruptedRunIds"`
}

// RetentionResult summarises one ApplyRetention pass.
type RetentionResult struct {
	RunsExamined  int `json:"runsExamined"`
	Pruned        int `json:"pruned"`        // successful runs whose snapshot rows were removed
	Deleted       int `json:"deleted"`       // failed/interrupted/cancelled runs removed entirely
	KeptWeekly    int `json:"keptWeekly"`    // older than 30 days, kept as their week's run
	KeptQuarterly int `json:"keptQuarterly"` // older than a year, kept as their quarter's run
	Protected     int `json:"protected"`     // kept because current or referenced by a report version
}
