package bridge

import (
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/services"
)

type (
	QuarterChange    = review.QuarterChange
	DirectoryChanges = services.DirectoryChanges
	ChangedUser      = services.ChangedUser
	ChangedLicence   = services.ChangedLicence
)

// QuarterChange is the change of a tenant's (tenantID) or a client's
// (clientID) KPIs since last quarter: its latest stored run at or before
// now − 90 days against its current run (review.QuarterChange). It is null
// when no stored run is that old.
func (h *History) QuarterChange(tenantID string, clientID int64) (*QuarterChange, error) {
	svc, err := h.svc()
	if err != nil {
		return nil, err
	}
	return h.review(svc).QuarterChangeAt(h.context(), tenantID, clientID, time.Now())
}

// DemoChangeDirectory (demo only) applies the demo's fixed set of
// directory changes to a demo tenant ("" = the demo picks one: the first
// synced tenant whose MFA is readable) and reports exactly what it
// changed; sync the tenant afterwards and compare its two newest
// snapshots. Outside the demo it refuses.
func (h *History) DemoChangeDirectory(tenantID string) (DirectoryChanges, error) {
	svc, err := h.svc()
	if err != nil {
		return DirectoryChanges{}, err
	}
	return svc.ChangeDemoDirectory(h.context(), tenantID)
}
