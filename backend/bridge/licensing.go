package bridge

import (
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/review"
	"tenantlens/backend/store"
)

// Licensing serves the Licenses page's issue-13 sections: the renewal
// calendar, where licences come from and their assignment errors, the
// right-size list, the reclaim list the Reclaim dialog starts from, and the
// audit log with Go's verdict on which rows can be undone. Every figure
// comes from review (the CLI asks the same one).
type Licensing struct{ base }

// Renewals is the renewal calendar ("" = every synced tenant).
func (l *Licensing) Renewals(tenantID string) (review.RenewalsView, error) {
	svc, err := l.svc()
	if err != nil {
		return review.RenewalsView{}, err
	}
	return l.review(svc).Renewals(l.context(), tenantID)
}

// LicenseStates lists licence sources (direct or a group) and the
// assignment errors with what to do ("" = every synced tenant).
func (l *Licensing) LicenseStates(tenantID string) (review.LicenseStatesView, error) {
	svc, err := l.svc()
	if err != nil {
		return review.LicenseStatesView{}, err
	}
	return l.review(svc).LicenseStates(l.context(), tenantID)
}

// RightSize lists cheaper suites for users who did not use every service of
// theirs in the last days (<= 0: the Settings inactivity threshold).
func (l *Licensing) RightSize(tenantID string, days int) (review.RightSizeView, error) {
	svc, err := l.svc()
	if err != nil {
		return review.RightSizeView{}, err
	}
	return l.review(svc).RightSize(l.context(), tenantID, days)
}

// ReclaimRow is one row of the reclaim list (review's rules: disabled,
// inactive, duplicate licences), as the Reclaim dialog selects it.
type ReclaimRow struct {
	TenantID          string   `json:"tenantId"`
	TenantName        string   `json:"tenantName"`
	UserID            string   `json:"userId"`
	UserPrincipalName string   `json:"userPrincipalName"`
	DisplayName       string   `json:"displayName"`
	Reason            string   `json:"reason"`
	Detail            string   `json:"detail"`
	Licenses          string   `json:"licenses"` // "; "-joined names of the reclaimable licences
	SkuIDs            []string `json:"skuIds"`
	LastActive        string   `json:"lastActive"`   // RFC 3339, "" never seen
	DaysInactive      int      `json:"daysInactive"` // -1 unknown
	MonthlyCost       float64  `json:"monthlyCost"`
	Currency          string   `json:"currency"`
}

// ReclaimListView is the reclaim list of one tenant (or every synced one).
type ReclaimListView struct {
	Rows         []ReclaimRow `json:"rows"`
	InactiveDays int          `json:"inactiveDays"`
	MonthlyCost  float64      `json:"monthlyCost"` // in Currency (0 when MIXED)
	Currency     string       `json:"currency"`
	DataDate     string       `json:"dataDate"`
}

// ReclaimList returns the licences review would take back, from the current
// snapshot (no Graph call; the dry run checks them live). days <= 0 is the
// Settings inactivity threshold; "" = every synced tenant.
func (l *Licensing) ReclaimList(tenantID string, days int) (ReclaimListView, error) {
	svc, err := l.svc()
	if err != nil {
		return ReclaimListView{}, err
	}
	ctx := l.context()
	ts, err := tenantsFor(ctx, svc, tenantID)
	if err != nil {
		return ReclaimListView{}, err
	}
	rv := l.review(svc)
	v := ReclaimListView{Rows: []ReclaimRow{}}
	currencies := map[string]float64{}
	for _, t := range ts {
		c, err := rv.CurrentAt(ctx, t, days)
		if errors.Is(err, review.ErrNoSnapshot) && tenantID == "" {
			continue
		}
		if err != nil {
			return v, err
		}
		d := c.Data
		v.InactiveDays, v.DataDate = d.InactiveDays, latest(v.DataDate, rfcv(d.DataDate))
		for _, r := range d.Reclaim {
			v.Rows = append(v.Rows, ReclaimRow{TenantID: t.ID, TenantName: t.DisplayName, UserID: r.User.ID,
				UserPrincipalName: r.User.UserPrincipalName, DisplayName: r.User.DisplayName, Reason: r.Reason,
				Detail: r.Detail, Licenses: r.Licenses, SkuIDs: lowerAll(r.SkuIDs), LastActive: rfc(r.LastActive),
				DaysInactive: r.DaysInactive, MonthlyCost: r.MonthlyCost, Currency: d.Currency})
			if review.HasMoney(d.Currency) {
				currencies[d.Currency] += r.MonthlyCost
			}
		}
	}
	switch len(currencies) {
	case 0:
	case 1:
		for cur, total := range currencies {
			v.Currency, v.MonthlyCost = cur, review.RoundCents(total)
		}
	default:
		v.Currency = review.Mixed
	}
	return v, nil
}

func lowerAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strings.ToLower(id)
	}
	return out
}

// AuditRow is one audit log entry with whether Undo may be offered.
type AuditRow struct {
	Entry store.AuditEntry `json:"entry"`
	// CanUndo: a removal that was done and not undone yet (Go still checks
	// for a free seat and the consent when Undo is pressed).
	CanUndo bool `json:"canUndo"`
	// UndoBlocker says why Undo is not offered ("" when it is).
	UndoBlocker string `json:"undoBlocker"`
}

// undoBlocker is ReclaimUndo's refusal for an entry, said before the click.
func undoBlocker(e store.AuditEntry) string {
	switch {
	case e.Action != store.AuditRemove:
		return "only a licence removal can be undone"
	case e.Result != store.AuditDone:
		return fmt.Sprintf("this removal is %s: nothing to undo", e.Result)
	case e.UndoneBy != 0:
		return fmt.Sprintf("already undone (entry %d)", e.UndoneBy)
	}
	return ""
}

// AuditRows is the audit log (one tenant, or every tenant for "") with the
// Undo verdict per row; rows an interrupted apply left open are settled
// first when Graph answers (as Reclaim.AuditLog does).
func (l *Licensing) AuditRows(tenantID string) ([]AuditRow, error) {
	svc, err := l.svc()
	if err != nil {
		return nil, err
	}
	ctx := l.context()
	if tenantID != "" {
		_, _ = svc.ReconcileAudit(ctx, tenantID) // best effort: open rows stay open
	}
	entries, err := svc.AuditLog(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	out := make([]AuditRow, len(entries))
	for i, e := range entries {
		b := undoBlocker(e)
		out[i] = AuditRow{Entry: e, CanUndo: b == "", UndoBlocker: b}
	}
	return out, nil
}

// LicensingEvents are the event names the licensing UI listens to.
type LicensingEvents struct {
	// ReclaimProgress carries a services.ReclaimProgress per finished change.
	ReclaimProgress string `json:"reclaimProgress"`
}

// Events returns the licensing event names (Go owns them).
func (l *Licensing) Events() LicensingEvents {
	return LicensingEvents{ReclaimProgress: ReclaimProgressEvent}
}
