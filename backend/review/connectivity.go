package review

import (
	"context"
	"time"

	"tenantlens/backend/fault"
	"tenantlens/backend/types"
)

// Connectivity is the small status the window polls for its offline
// banner. Offline is set when the latest sync attempt (over every tenant)
// failed because Microsoft could not be reached (fault.Offline), or when a
// probe (the bridge's) could not reach it now; the last synced data stays
// current and is still shown.
type Connectivity struct {
	Offline bool   `json:"offline"`
	Reason  string `json:"reason"` // fault.OfflineMessage when offline
	// LastAttemptOffline: the latest finished sync attempt failed as
	// unreachable; Since is when, TenantID/TenantName which tenant, Detail
	// the run's error.
	LastAttemptOffline bool   `json:"lastAttemptOffline"`
	Since              string `json:"since"`
	TenantID           string `json:"tenantId"`
	TenantName         string `json:"tenantName"`
	Detail             string `json:"detail"`
	// OfflineTenants counts tenants whose latest attempt was unreachable.
	OfflineTenants int `json:"offlineTenants"`
	// Probed: a probe ran now; Reachable its answer (Microsoft's sign-in
	// and Graph hosts accepted a connection).
	Probed    bool `json:"probed"`
	Reachable bool `json:"reachable"`
	// LastSuccess is the newest successful sync over every tenant.
	LastSuccess string `json:"lastSuccess"`
}

// Connectivity reads the latest finished sync attempt of every tenant
// (cancelled and interrupted runs say nothing about the network).
func (s *Service) Connectivity(ctx context.Context) (Connectivity, error) {
	h, err := s.history()
	if err != nil {
		return Connectivity{}, err
	}
	ts, err := s.Src.Tenants(ctx)
	if err != nil {
		return Connectivity{}, err
	}
	var c Connectivity
	var newest, success time.Time
	for _, t := range ts {
		runs, err := h.Runs(ctx, t.ID, 10)
		if err != nil {
			return Connectivity{}, err
		}
		decided := false
		for _, r := range runs { // newest first
			if r.Status != types.RunSucceeded && r.Status != types.RunFailed {
				continue
			}
			at := runDate(r)
			if r.Status == types.RunSucceeded && at.After(success) {
				success = at
			}
			if decided {
				continue
			}
			decided = true
			offline := r.Status == types.RunFailed && r.ErrorClass == string(fault.Offline)
			if offline {
				c.OfflineTenants++
			}
			if at.After(newest) {
				newest = at
				c.LastAttemptOffline, c.Since, c.TenantID, c.TenantName, c.Detail = offline, rfcv(at), t.ID, t.DisplayName, ""
				if offline {
					c.Detail = r.Error
				}
			}
		}
	}
	if !c.LastAttemptOffline {
		c.Since, c.TenantID, c.TenantName = "", "", ""
	}
	if !success.IsZero() {
		c.LastSuccess = rfcv(success)
	}
	c.Offline = c.LastAttemptOffline
	if c.Offline {
		c.Reason = fault.OfflineMessage
	}
	return c, nil
}

// WithProbe folds a probe's answer in: unreachable now is offline too.
func (c Connectivity) WithProbe(reachable bool) Connectivity {
	c.Probed, c.Reachable = true, reachable
	if !reachable {
		c.Offline, c.Reason = true, fault.OfflineMessage
	}
	return c
}
