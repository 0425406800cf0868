package services

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/fault"
	"tenantlens/backend/graph"
	"tenantlens/backend/identity"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// Reclaiming licences with the client's consent (issue 13): from review's
// reclaim list, a dry run says what would be removed from whom, what it
// saves and what cannot be removed and why; an apply removes the direct
// assignments one call at a time with an audit row written before and
// after each call; undo re-adds a removed SKU while seats remain.

// Messages of the reclaim flow (the UI and CLI show them as they are).
const (
	MsgEnableLicenceChanges    = "Enable licence changes for this tenant"
	RemedyEnableLicenceChanges = "Open Settings › Allow licence changes for this tenant (or run `tenantlens licence-changes --tenant ID --allow`): TenantLens then asks Microsoft for the licence-assignment permission (LicenseAssignment.ReadWrite.All); through GDAP the relationship needs License Administrator or User Administrator. Nothing was sent."
	MsgAlsoInherited           = "also inherited from a group: removing the direct assignment frees no seat"
)

// ErrLicenceChangesOff refuses an apply or undo for a tenant whose licence
// changes are not allowed and consented. Nothing is sent.
var ErrLicenceChangesOff = errors.New(strings.ToLower(MsgEnableLicenceChanges[:1]) + MsgEnableLicenceChanges[1:] + ": " + RemedyEnableLicenceChanges)

// ErrConfirmMismatch refuses an apply whose confirmation is not the
// tenant's name.
type ErrConfirmMismatch struct{ Want string }

func (e ErrConfirmMismatch) Error() string {
	return "type the tenant's name exactly (“" + e.Want + "”) to confirm; nothing was sent"
}

// ReclaimRequest selects rows of the reclaim list.
type ReclaimRequest struct {
	TenantID     string   `json:"tenantId"`
	InactiveDays int      `json:"inactiveDays"` // <= 0: the Settings threshold
	Users        []string `json:"users"`        // UPNs or object ids; empty: every row
}

// ReclaimItem is one (user, licence) of the dry run.
type ReclaimItem struct {
	UserID            string  `json:"userId"`
	UserPrincipalName string  `json:"userPrincipalName"`
	DisplayName       string  `json:"displayName"`
	Reason            string  `json:"reason"` // the reclaim list's reason (Account disabled, Inactive, Duplicate licenses)
	Detail            string  `json:"detail"`
	SkuID             string  `json:"skuId"`
	SkuName           string  `json:"skuName"`
	Removable         bool    `json:"removable"`
	Blocker           string  `json:"blocker"` // why it cannot be removed ("" when removable)
	BlockReason       string  `json:"blockReason"`
	Group             string  `json:"group"` // the group it is inherited from
	Remedy            string  `json:"remedy"`
	MonthlySaving     float64 `json:"monthlySaving"`
	AnnualSaving      float64 `json:"annualSaving"`
}

// ReclaimPlan is the dry run of a reclaim.
type ReclaimPlan struct {
	TenantID      string        `json:"tenantId"`
	TenantName    string        `json:"tenantName"` // the confirmation text
	Currency      string        `json:"currency"`
	InactiveDays  int           `json:"inactiveDays"`
	Items         []ReclaimItem `json:"items"`
	Removable     int           `json:"removable"`
	Users         int           `json:"users"` // users with a removable licence
	MonthlySaving float64       `json:"monthlySaving"`
	AnnualSaving  float64       `json:"annualSaving"`
	CanApply      bool          `json:"canApply"`
	Blocker       string        `json:"blocker"` // why nothing can be applied ("" when CanApply)
	Remedy        string        `json:"remedy"`
	ConsentedBy   string        `json:"consentedBy"`
}

// reclaimContext is what the dry run, apply and undo share.
type reclaimContext struct {
	tenant types.Tenant
	conn   types.Connection
	lc     store.LicenceChanges
	cur    *review.Current
}

func (s *Services) reclaimContext(ctx context.Context, tenantID string, days int) (*reclaimContext, error) {
	t, err := s.Store.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	rc := &reclaimContext{tenant: t}
	if rc.conn, err = s.Store.Connection(ctx, t.ConnectionID); err != nil {
		return nil, fmt.Errorf("tenant %s has no connection: connect it again (%w)", t.DisplayName, err)
	}
	if rc.lc, err = s.Store.LicenceChangesOf(ctx, tenantID); err != nil {
		return nil, err
	}
	if days >= 0 {
		if rc.cur, err = s.Review(nil).CurrentAt(ctx, t, days); err != nil {
			return nil, err
		}
	}
	return rc, nil
}

// readClient reads Graph for a tenant with its (read-only) connection.
func (s *Services) readClient(tenantID string, p *graph.Pacer) (*graph.Client, error) {
	ts, err := s.tokenSource(tenantID)
	if err != nil {
		return nil, err
	}
	return graph.New(graph.Options{GraphBase: s.Config().Graph, TokenSource: ts, TenantID: tenantID, Pacer: p})
}

// writeClient changes licences with the tenant's licence-change sign-in.
func (s *Services) writeClient(rc *reclaimContext, p *graph.Pacer) (*graph.Client, error) {
	if !rc.lc.Consented() {
		return nil, ErrLicenceChangesOff
	}
	ts := s.Identity().LicenceWriteTokenSource(rc.conn, rc.tenant.ID, rc.lc.ConsentKey)
	return graph.New(graph.Options{GraphBase: s.Config().Graph, TokenSource: ts, TenantID: rc.tenant.ID, Pacer: p})
}

// actor is who signed in for licence changes.
func (rc *reclaimContext) actor() string {
	if rc.lc.ConsentedBy != "" {
		return rc.lc.ConsentedBy
	}
	return rc.conn.Username
}

// ReclaimDryRun builds the plan: the selected reclaim rows checked against
// the users' licence assignment states now (read-only Graph calls). Nothing
// is changed.
func (s *Services) ReclaimDryRun(ctx context.Context, req ReclaimRequest) (ReclaimPlan, error) {
	rc, err := s.reclaimContext(ctx, req.TenantID, req.InactiveDays)
	if err != nil {
		return ReclaimPlan{}, err
	}
	return s.plan(ctx, rc, req, graph.NewPacer(graph.PacerOptions{}))
}

func (s *Services) plan(ctx context.Context, rc *reclaimContext, req ReclaimRequest, p *graph.Pacer) (ReclaimPlan, error) {
	d := rc.cur.Data
	out := ReclaimPlan{TenantID: rc.tenant.ID, TenantName: rc.tenant.DisplayName, Currency: d.Currency,
		InactiveDays: d.InactiveDays, Items: []ReclaimItem{}, ConsentedBy: rc.lc.ConsentedBy}
	rows, err := selectRows(d.Reclaim, req.Users)
	if err != nil {
		return out, err
	}
	var rd *graph.Client
	if len(rows) > 0 {
		if rd, err = s.readClient(rc.tenant.ID, p); err != nil {
			return out, err
		}
	}
	groups := map[string]string{}
	groupName := func(id string) string {
		if n, ok := groups[id]; ok {
			return n
		}
		groups[id] = rd.GroupName(ctx, id)
		return groups[id]
	}
	users := map[string]bool{}
	for _, r := range rows {
		live, lerr := rd.UserLicences(ctx, r.User.ID)
		if errors.Is(lerr, context.Canceled) {
			return out, lerr
		}
		for _, sku := range r.SkuIDs {
			it := ReclaimItem{UserID: r.User.ID, UserPrincipalName: r.User.UserPrincipalName, DisplayName: r.User.DisplayName,
				Reason: r.Reason, Detail: r.Detail, SkuID: strings.ToLower(sku), SkuName: d.SkuName(sku)}
			it.MonthlySaving = review.RoundCents(d.SkuMonthly(sku))
			it.AnnualSaving = review.RoundCents(12 * it.MonthlySaving)
			switch {
			case lerr != nil:
				block(&it, lerr)
			default:
				direct, inherited := live.Direct(sku)
				var names []string
				for _, g := range inherited {
					names = append(names, groupName(g))
				}
				it.Group = strings.Join(names, ", ")
				switch {
				case len(inherited) > 0 && !direct:
					it.Blocker, it.BlockReason = "Inherited from the group “"+it.Group+"”: remove from group "+it.Group, string(graph.AssignInherited)
					it.Remedy = graph.RemedyFor(graph.AssignInherited, it.Group)
				case len(inherited) > 0:
					it.Blocker, it.BlockReason = "Assigned directly but "+MsgAlsoInherited+" (“"+it.Group+"”): remove from group "+it.Group, string(graph.AssignInherited)
					it.Remedy = graph.RemedyFor(graph.AssignInherited, it.Group)
				case !direct:
					it.Blocker, it.BlockReason = "No longer assigned (changed since the last sync)", string(graph.AssignNotAssigned)
					it.Remedy = graph.RemedyNotAssigned
				default:
					it.Removable = true
				}
			}
			if !it.Removable {
				it.MonthlySaving, it.AnnualSaving = 0, 0
			} else {
				out.Removable++
				users[it.UserID] = true
				out.MonthlySaving += it.MonthlySaving
			}
			out.Items = append(out.Items, it)
		}
	}
	out.Users = len(users)
	out.MonthlySaving = review.RoundCents(out.MonthlySaving)
	out.AnnualSaving = review.RoundCents(12 * out.MonthlySaving)
	switch {
	case !rc.lc.Consented():
		out.Blocker, out.Remedy = MsgEnableLicenceChanges, RemedyEnableLicenceChanges
	case out.Removable == 0:
		out.Blocker, out.Remedy = "Nothing can be removed", "Pick rows whose licences are assigned directly."
	default:
		out.CanApply = true
	}
	return out, nil
}

// block marks an item that a read failure leaves unknown.
func block(it *ReclaimItem, err error) {
	var ae *graph.AssignError
	if errors.As(err, &ae) {
		it.Blocker, it.BlockReason, it.Remedy = capitalise(ae.Error()), string(ae.Reason), ae.Remedy
		return
	}
	c, _ := fault.Of(err)
	it.Blocker, it.BlockReason, it.Remedy = "Could not check the user's licences now: "+err.Error(), string(graph.AssignOther), fault.Advice(err, c)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// selectRows keeps the rows of the named users (UPN or id, any case); an
// unknown name is an error naming it.
func selectRows(all []review.ReclaimRow, users []string) ([]review.ReclaimRow, error) {
	if len(users) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, u := range users {
		if u = strings.ToLower(strings.TrimSpace(u)); u != "" {
			want[u] = true
		}
	}
	var out []review.ReclaimRow
	found := map[string]bool{}
	for _, r := range all {
		upn, id := strings.ToLower(r.User.UserPrincipalName), strings.ToLower(r.User.ID)
		if want[upn] || want[id] {
			out = append(out, r)
			found[upn], found[id] = true, true
		}
	}
	var missing []string
	for u := range want {
		if !found[u] {
			missing = append(missing, u)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("not on the reclaim list: %s (the list shows licensed users who are disabled, inactive or hold duplicate licences; check --inactive-days)", strings.Join(missing, ", "))
	}
	return out, nil
}

// SetLicenceChanges turns "Allow licence changes" on (running the
// incremental consent for the licence-assignment permission in the browser)
// or off (the licence-change sign-in leaves the keychain).
func (s *Services) SetLicenceChanges(ctx context.Context, tenantID string, allow bool, in identity.Interaction) (store.LicenceChanges, error) {
	rc, err := s.reclaimContext(ctx, tenantID, -1)
	if err != nil {
		return store.LicenceChanges{}, err
	}
	if !allow {
		if err := s.Identity().ForgetLicenceWrite(rc.conn, rc.lc.ConsentKey); err != nil {
			return rc.lc, err
		}
		if err := s.Store.SetLicenceChanges(ctx, tenantID, false, "", ""); err != nil {
			return rc.lc, err
		}
		return s.Store.LicenceChangesOf(ctx, tenantID)
	}
	g, err := s.Identity().ConsentLicenceWrite(ctx, rc.conn, rc.tenant, in)
	if err != nil {
		return rc.lc, err
	}
	if err := s.Store.SetLicenceChanges(ctx, tenantID, true, g.SecretKey, g.Username); err != nil {
		_ = s.Identity().ForgetLicenceWrite(rc.conn, g.SecretKey)
		return rc.lc, err
	}
	return s.Store.LicenceChangesOf(ctx, tenantID)
}

// LicenceChanges returns a tenant's setting.
func (s *Services) LicenceChanges(ctx context.Context, tenantID string) (store.LicenceChanges, error) {
	return s.Store.LicenceChangesOf(ctx, tenantID)
}
