package report

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// ErrClientNoData is returned when none of a client's tenants has synced.
var ErrClientNoData = errors.New("none of the client's tenants has a successful sync yet: map a tenant to the client on the Clients page and sync it")

// ClientRow is a client's line in the all-clients workbook (review's).
type ClientRow = review.ClientRow

// ClientData is a client's figures (review's).
type ClientData = review.ClientData

// CreateClientReport starts a report for a client (spanning all its
// tenants) from a template (0 = default).
func (s *Service) CreateClientReport(ctx context.Context, clientID int64, name string, templateID int64) (types.Report, error) {
	if templateID == 0 {
		t, err := s.DefaultTemplate(ctx)
		if err != nil {
			return types.Report{}, err
		}
		templateID = t.ID
	}
	if _, err := s.repo.Client(ctx, clientID); err != nil {
		return types.Report{}, err
	}
	return s.repo.CreateReport(ctx, types.Report{ClientID: clientID, Name: name, TemplateID: templateID})
}

// ClientReports lists a client's reports, newest first.
func (s *Service) ClientReports(ctx context.Context, clientID int64) ([]types.Report, error) {
	return s.repo.ClientReports(ctx, clientID)
}

// ClientRows builds every client's line (review's ClientRows) at the
// Settings threshold days (<= 0: the default).
func (s *Service) ClientRows(ctx context.Context, days int) ([]ClientRow, error) {
	return s.review(days).ClientRows(ctx, 0)
}

// mergeFromOf is a template's merge direction.
func mergeFromOf(tpl types.Template) review.MergeFrom {
	if review.MergeFrom(tpl.MergeFrom) == review.MergeFromContacts {
		return review.MergeFromContacts
	}
	return review.MergeFromAccounts
}

// freshClientVersion freezes a client's current state: every mapped
// tenant's current run, each tenant's SKUs with today's prices (TenantID
// set), the client's contacts as they are now, and the template's layout
// resolved against the client parts.
func (s *Service) freshClientVersion(ctx context.Context, r types.Report, tpl types.Template) (types.ReportVersion, error) {
	c, err := s.repo.Client(ctx, r.ClientID)
	if err != nil {
		return types.ReportVersion{}, err
	}
	v := types.ReportVersion{ReportID: r.ID, Status: types.VersionDraft, InactiveDays: s.ThresholdOf(tpl),
		Parts: clientParts(tpl.Parts), RunIDs: []int64{}, SKUs: []types.VersionSKU{}, MergeFrom: string(mergeFromOf(tpl))}
	for _, id := range c.TenantIDs {
		t, err := s.src.Tenant(ctx, id)
		if err != nil {
			return types.ReportVersion{}, err
		}
		if t.CurrentRunID == 0 {
			continue // not synced yet: not in the figures (BuildClient notes it live)
		}
		snap, err := s.src.Snapshot(ctx, t.CurrentRunID)
		if err != nil {
			return types.ReportVersion{}, fmt.Errorf("tenant %s: %w", t.DisplayName, err)
		}
		prices, err := s.repo.EffectivePrices(ctx, t.ID)
		if err != nil {
			return types.ReportVersion{}, err
		}
		for _, k := range FreezeSKUs(snap, prices, s.names) {
			k.TenantID = t.ID
			v.SKUs = append(v.SKUs, k)
		}
		v.SKUs = append(v.SKUs, freezePriceList(snap, prices, t.ID)...)
		v.RunIDs = append(v.RunIDs, snap.Run.ID)
	}
	if len(v.RunIDs) == 0 {
		return types.ReportVersion{}, fmt.Errorf("client %s: %w", c.Name, ErrClientNoData)
	}
	if v.Contacts, err = s.repo.Contacts(ctx, c.ID); err != nil {
		return types.ReportVersion{}, err
	}
	if v.Contacts == nil {
		v.Contacts = []types.PSAContact{} // frozen as "none", not "not recorded"
	}
	return v, nil
}

// clientVersionData rebuilds a client version's figures from exactly its
// frozen runs, per-tenant SKUs and contacts (review.BuildClient).
func (s *Service) clientVersionData(ctx context.Context, r types.Report, v types.ReportVersion, from review.MergeFrom) (*ClientData, map[string]int64, error) {
	if len(v.RunIDs) == 0 {
		return nil, nil, fmt.Errorf("version %d records no sync run", v.Number)
	}
	c, err := s.repo.Client(ctx, r.ClientID)
	if errors.Is(err, store.ErrNotFound) {
		c, err = types.Client{ID: r.ClientID, Name: r.Name}, nil // deleted since: the report keeps its figures
	}
	if err != nil {
		return nil, nil, err
	}
	runs := map[string]int64{}
	curs := make([]*review.Current, 0, len(v.RunIDs))
	c.TenantIDs = c.TenantIDs[:0:0]
	for _, run := range v.RunIDs {
		snap, err := s.src.Snapshot(ctx, run)
		if err != nil {
			return nil, nil, fmt.Errorf("reading the data of version %d: %w", v.Number, err)
		}
		var skus []types.VersionSKU
		for _, k := range v.SKUs {
			if strings.EqualFold(k.TenantID, snap.TenantID) {
				skus = append(skus, k)
			}
		}
		t := types.Tenant{ID: snap.TenantID, DisplayName: snap.TenantName, DefaultDomain: snap.DefaultDomain, CurrentRunID: run}
		if t.DisplayName == "" {
			t.DisplayName = snap.TenantID
		}
		curs = append(curs, &review.Current{Tenant: t, Snap: snap, Data: Build(snap, skus, v.InactiveDays)})
		c.TenantIDs = append(c.TenantIDs, snap.TenantID)
		runs[snap.TenantID] = run
	}
	c.Contacts = 0
	for _, ct := range v.Contacts {
		if ct.Active && !ct.Gone {
			c.Contacts++
		}
	}
	return review.BuildClient(c, curs, nil, v.Contacts, from), runs, nil
}

// openClient builds a client version's document: its frozen runs, SKUs,
// contacts and layout, the previous version's totals for the deltas, and
// the trend of the stored runs up to the version's.
func (s *Service) openClient(ctx context.Context, r types.Report, v types.ReportVersion) (*Document, error) {
	tpl, err := s.templateOf(ctx, r)
	if err != nil {
		return nil, err
	}
	from := mergeFromOf(tpl)
	if v.MergeFrom != "" { // frozen with the version
		from = review.MergeFrom(v.MergeFrom)
	}
	cd, runs, err := s.clientVersionData(ctx, r, v, from)
	if err != nil {
		return nil, err
	}
	all, err := s.repo.Versions(ctx, v.ReportID)
	if err != nil {
		return nil, err
	}
	var prev *ClientData
	if p := previous(all, v); p != nil {
		if prev, _, err = s.clientVersionData(ctx, r, *p, from); err != nil {
			return nil, err
		}
	}
	trend, err := s.clientTrend(ctx, runs)
	if err != nil {
		return nil, err
	}
	vw, err := s.clientVersionViews(ctx, v, cd)
	if err != nil {
		return nil, err
	}
	doc := clientDocument(r.Name, cd, prev, trend, v.InactiveDays, vw)
	doc.Parts = doc.Registry.ResolveFrozen(v.Parts)
	return s.withVersionComparison(ctx, doc, r, v, all)
}

// LiveClient builds a client's document from its tenants' current syncs,
// today's prices and contacts with a template (name "" = default), without
// recording a version.
func (s *Service) LiveClient(ctx context.Context, clientID int64, templateName string) (*Document, error) {
	tpl, err := s.TemplateNamed(ctx, templateName)
	if err != nil {
		return nil, err
	}
	days := s.ThresholdOf(tpl)
	cd, err := s.review(0).ClientAt(ctx, clientID, days, mergeFromOf(tpl))
	if err != nil {
		return nil, err
	}
	if len(cd.Tenants) == 0 {
		return nil, fmt.Errorf("client %s: %w", cd.Client.Name, ErrClientNoData)
	}
	runs := map[string]int64{}
	for _, cur := range cd.Tenants {
		runs[cur.Tenant.ID] = 0 // every stored run
	}
	trend, err := s.clientTrend(ctx, runs)
	if err != nil {
		return nil, err
	}
	vw, err := s.liveViews(ctx, cd.Tenants, days)
	if err != nil {
		return nil, err
	}
	doc := clientDocument(tpl.Name, cd, nil, trend, days, vw)
	doc.Parts = doc.Registry.Resolve(clientParts(tpl.Parts))
	return doc, nil
}
