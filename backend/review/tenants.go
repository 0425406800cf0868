package review

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"tenantlens/backend/types"
)

// row is a tenant's line with, when it has synced, the dataset its figures
// came from (nil otherwise).
func (s *Service) row(ctx context.Context, tn types.Tenant, kinds map[string]string) (TenantRow, *Current) {
	r := TenantRow{
		ID: tn.ID, DisplayName: tn.DisplayName, DefaultDomain: tn.DefaultDomain, ConnectionID: tn.ConnectionID,
		ConnectionKind: kinds[tn.ConnectionID], Access: string(tn.Access), AccessDetail: tn.AccessDetail,
		RoleWarnings: nonNil(tn.RoleWarnings), Demo: tn.Demo || s.Demo, LastSyncAt: RFC(tn.LastSyncAt),
		LastSyncStatus: tn.LastSyncStatus, LastError: tn.LastError, Inactive: -1, InactiveDays: s.Threshold(),
		Notes: []string{},
	}
	c, err := s.CurrentAt(ctx, tn, 0)
	if err != nil {
		c = nil
	} else {
		k := c.Data.KPI
		r.HasSnapshot, r.DataDate = true, rfcv(c.Data.DataDate)
		r.Users, r.Licensed, r.UnusedLicenses = k.Users, k.Licensed, k.Unused
		r.MFACoveragePct = math.Round(k.MFACoverage*1000) / 10
		r.MFAAvailable = k.MFAAvailable
		r.Inactive, r.InactiveLicensed = k.Inactive, k.InactiveLicensed
		r.Currency = k.Currency
		if HasMoney(k.Currency) {
			r.MonthlyWaste = k.MonthlyWaste
		}
		r.Notes = append(r.Notes, c.Data.Notes...)
	}
	r.SecureScore = s.SecureScoreOf(ctx, tn.ID)
	if s.Live != nil {
		if phase, done, total, ok := s.Live.Progress(tn.ID); ok {
			r.Syncing, r.Phase, r.Done, r.Total = true, phase, done, total
		}
		for _, id := range s.Live.Running() {
			if id == tn.ID {
				r.Syncing = true
			}
		}
		if wait := s.Live.CooldownLeft(ctx, tn.ID); wait > 0 {
			r.CooldownS = int(math.Ceil(wait.Seconds()))
		}
	}
	return r, c
}

// Rows builds the tenants' lines and returns the datasets of the synced
// ones (in the same order, nil for the others).
func (s *Service) Rows(ctx context.Context, ts []types.Tenant) ([]TenantRow, []*Current, error) {
	kinds := map[string]string{}
	if s.Live != nil {
		var err error
		if kinds, err = s.Live.ConnectionKinds(ctx); err != nil {
			return nil, nil, err
		}
	}
	out := make([]TenantRow, 0, len(ts))
	data := make([]*Current, 0, len(ts))
	for _, tn := range ts {
		r, c := s.row(ctx, tn, kinds)
		out, data = append(out, r), append(data, c)
	}
	return out, data, nil
}

// List is every tenant's line (the Tenants page, `tenantlens tenants`).
func (s *Service) List(ctx context.Context) ([]TenantRow, error) {
	ts, err := s.Src.Tenants(ctx)
	if err != nil {
		return nil, err
	}
	rows, _, err := s.Rows(ctx, ts)
	return rows, err
}

// Overview summarises every tenant for the landing page.
func (s *Service) Overview(ctx context.Context) (Overview, error) {
	ts, err := s.Src.Tenants(ctx)
	if err != nil {
		return Overview{}, err
	}
	rows, data, err := s.Rows(ctx, ts)
	if err != nil {
		return Overview{}, err
	}
	o := Overview{Tenants: len(rows), Rows: rows, InactiveDays: s.Threshold(), WasteByCurrency: []Money{}}
	var registered, eligible int
	waste, mixed := moneyTotals{}, false
	for _, c := range data {
		if c == nil {
			continue
		}
		k := c.Data.KPI
		o.Synced++
		o.Users += k.Users
		o.Licensed += k.Licensed
		o.UnusedLicenses += k.Unused
		waste.add(k.Currency, k.MonthlyWaste)
		mixed = mixed || k.Currency == Mixed
		if k.MFAAvailable {
			registered += k.MFARegistered
			eligible += k.MFAEligible
		}
		if k.Inactive >= 0 {
			o.Inactive += k.Inactive
		}
		o.InactiveLicensed += k.InactiveLicensed
	}
	for _, r := range rows {
		if r.LastSyncStatus == string(types.RunFailed) || r.LastSyncStatus == string(types.RunInterrupted) {
			o.Failing++
		}
	}
	o.MFACoveragePct = Pct(registered, eligible)
	o.MonthlyWaste, o.Currency = waste.total()
	if mixed {
		o.MonthlyWaste, o.Currency = 0, Mixed
	}
	if o.Currency == Mixed {
		o.WasteByCurrency = waste.list()
	}
	return o, nil
}

// TenantFigures is one tenant's line of the all-tenants workbook: its
// current sync's KPIs with today's prices at a threshold.
type TenantFigures struct {
	Tenant   types.Tenant
	HasData  bool
	DataDate time.Time
	KPI      KPIs
	Note     string
}

// AllTenants computes every tenant's KPIs at a threshold (<= 0: the
// Settings value), sorted by name, and the rule's currency over them.
func (s *Service) AllTenants(ctx context.Context, days int) ([]*TenantFigures, string, error) {
	tenants, err := s.Src.Tenants(ctx)
	if err != nil {
		return nil, "", err
	}
	rows := make([]*TenantFigures, 0, len(tenants))
	var cs []string
	for _, t := range tenants {
		if err := ctx.Err(); err != nil {
			return nil, "", err
		}
		r := &TenantFigures{Tenant: t}
		rows = append(rows, r)
		if t.CurrentRunID == 0 {
			r.Note = "Not synced yet"
			continue
		}
		c, err := s.CurrentAt(ctx, t, days)
		if err != nil {
			r.Note = err.Error()
			continue
		}
		r.HasData, r.DataDate, r.KPI = true, c.Data.DataDate, c.Data.KPI
		r.Note = strings.Join(c.Data.Notes, "; ")
		cs = append(cs, r.KPI.Currency)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return strings.ToLower(rows[i].Tenant.DisplayName) < strings.ToLower(rows[j].Tenant.DisplayName)
	})
	return rows, CurrencyOf(cs...), nil
}
