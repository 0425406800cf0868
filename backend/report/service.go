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

// DefaultTemplateName is the template every installation starts with.
const DefaultTemplateName = "Quarterly review"

// ErrNoData is returned when a tenant has never synced successfully.
var ErrNoData = errors.New("the tenant has no successful sync yet")

// Source is where snapshots come from (*store.Store).
type Source interface {
	Tenant(ctx context.Context, id string) (types.Tenant, error)
	Tenants(ctx context.Context) ([]types.Tenant, error)
	Snapshot(ctx context.Context, runID int64) (*types.Snapshot, error)
	// MetricsHistory is a tenant's stored run figures, oldest first (the
	// client workbook's Trend part).
	MetricsHistory(ctx context.Context, tenantID string) ([]types.Metrics, error)
}

// Repo persists templates, reports, versions and prices (*store.Store).
type Repo interface {
	CreateTemplate(ctx context.Context, t types.Template) (types.Template, error)
	UpdateTemplate(ctx context.Context, t types.Template) error
	Template(ctx context.Context, id int64) (types.Template, error)
	TemplateByName(ctx context.Context, name string) (types.Template, error)
	DefaultTemplate(ctx context.Context) (types.Template, error)
	Templates(ctx context.Context) ([]types.Template, error)
	DeleteTemplate(ctx context.Context, id int64) error
	CreateReport(ctx context.Context, r types.Report) (types.Report, error)
	Report(ctx context.Context, id int64) (types.Report, error)
	Reports(ctx context.Context, tenantID string) ([]types.Report, error)
	CreateVersion(ctx context.Context, v types.ReportVersion) (types.ReportVersion, error)
	UpdateDraft(ctx context.Context, v types.ReportVersion) error
	FinalizeVersion(ctx context.Context, id int64) error
	Version(ctx context.Context, id int64) (types.ReportVersion, error)
	Versions(ctx context.Context, reportID int64) ([]types.ReportVersion, error)
	ApplyPartToDrafts(ctx context.Context, templateID int64, part types.PartSettings) (int, error)
	EffectivePrices(ctx context.Context, tenantID string) (map[string]types.Price, error)
	// Client reports (a report spanning a client's tenants).
	ClientReports(ctx context.Context, clientID int64) ([]types.Report, error)
	Clients(ctx context.Context) ([]types.Client, error)
	Client(ctx context.Context, id int64) (types.Client, error)
	Contacts(ctx context.Context, clientID int64) ([]types.PSAContact, error)
}

// Service manages templates, reports and versions and builds documents.
type Service struct {
	repo     Repo
	src      Source
	names    Namer
	reg      *Registry
	settings func() int // the Settings inactivity threshold (nil: the default)
}

// FollowSettings gives the service the Settings inactivity threshold, which
// templates without their own (InactiveDays 0) use.
func (s *Service) FollowSettings(threshold func() int) { s.settings = threshold }

// ThresholdOf is the inactivity threshold a template's reports use: its own
// when it sets one, else the Settings value, else the default.
func (s *Service) ThresholdOf(tpl types.Template) int {
	if tpl.InactiveDays > 0 {
		return tpl.InactiveDays
	}
	if s.settings != nil {
		if d := s.settings(); d > 0 {
			return d
		}
	}
	return types.DefaultInactiveDays
}

// NewService wires the report service. names may be nil (part numbers are
// shown instead of friendly names).
func NewService(repo Repo, src Source, names Namer) *Service {
	return &Service{repo: repo, src: src, names: names, reg: NewRegistry()}
}

// Registry returns the part registry (for the template editor).
func (s *Service) Registry() *Registry { return s.reg }

// PartType describes a part kind for the template editor.
type PartType struct {
	Kind    types.PartKind `json:"kind"`
	Label   string         `json:"label"`
	Columns []Column       `json:"columns"`
}

// PartTypes lists every part kind with its columns and default labels.
func (s *Service) PartTypes() []PartType {
	var out []PartType
	for _, k := range s.reg.Kinds() {
		p, _ := s.reg.Part(k)
		out = append(out, PartType{Kind: k, Label: p.DefaultLabel(), Columns: p.Columns()})
	}
	return out
}

// DefaultTemplate returns the default template, creating "Quarterly review"
// with DESIGN.md's labels on first use.
func (s *Service) DefaultTemplate(ctx context.Context) (types.Template, error) {
	t, err := s.repo.DefaultTemplate(ctx)
	if errors.Is(err, store.ErrTemplateNotFound) {
		t, err = s.repo.TemplateByName(ctx, DefaultTemplateName)
		if errors.Is(err, store.ErrTemplateNotFound) {
			// the built-in template follows Settings (InactiveDays 0)
			t, err = s.repo.CreateTemplate(ctx, types.Template{Name: DefaultTemplateName, IsDefault: true,
				Parts: s.reg.DefaultParts()})
		}
	}
	if err != nil {
		return t, err
	}
	t.Parts = s.reg.Resolve(t.Parts)
	return t, nil
}

// Templates lists templates (the default one created if missing), each with
// its parts resolved against the registry.
func (s *Service) Templates(ctx context.Context) ([]types.Template, error) {
	if _, err := s.DefaultTemplate(ctx); err != nil {
		return nil, err
	}
	ts, err := s.repo.Templates(ctx)
	for i := range ts {
		ts[i].Parts = s.reg.Resolve(ts[i].Parts)
	}
	return ts, err
}

// TemplateNamed finds a template by name; "" is the default template.
func (s *Service) TemplateNamed(ctx context.Context, name string) (types.Template, error) {
	if strings.TrimSpace(name) == "" {
		return s.DefaultTemplate(ctx)
	}
	t, err := s.repo.TemplateByName(ctx, name)
	if err != nil {
		return t, fmt.Errorf("template %q: %w", name, err)
	}
	t.Parts = s.reg.Resolve(t.Parts)
	return t, nil
}

// SaveTemplate creates (ID 0) or updates a template; parts are normalised
// against the registry first.
func (s *Service) SaveTemplate(ctx context.Context, t types.Template) (types.Template, error) {
	t.Parts = s.reg.Resolve(t.Parts)
	if t.ID == 0 {
		return s.repo.CreateTemplate(ctx, t)
	}
	if err := s.repo.UpdateTemplate(ctx, t); err != nil {
		return t, err
	}
	return s.repo.Template(ctx, t.ID)
}

// ApplyPartToDrafts copies the template's settings of one part into every
// draft version made from the template; finals keep theirs.
func (s *Service) ApplyPartToDrafts(ctx context.Context, templateID int64, kind types.PartKind) (int, error) {
	t, err := s.repo.Template(ctx, templateID)
	if err != nil {
		return 0, err
	}
	for _, ps := range s.reg.Resolve(t.Parts) {
		if ps.Kind == kind {
			return s.repo.ApplyPartToDrafts(ctx, templateID, ps)
		}
	}
	return 0, fmt.Errorf("unknown part %q", kind)
}

// CreateReport starts a report for a tenant from a template (0 = default).
func (s *Service) CreateReport(ctx context.Context, tenantID, name string, templateID int64) (types.Report, error) {
	if templateID == 0 {
		t, err := s.DefaultTemplate(ctx)
		if err != nil {
			return types.Report{}, err
		}
		templateID = t.ID
	}
	if _, err := s.src.Tenant(ctx, tenantID); err != nil {
		return types.Report{}, err
	}
	return s.repo.CreateReport(ctx, types.Report{TenantID: tenantID, Name: name, TemplateID: templateID})
}

// Reports lists a tenant's reports, newest first.
func (s *Service) Reports(ctx context.Context, tenantID string) ([]types.Report, error) {
	return s.repo.Reports(ctx, tenantID)
}

// Versions lists a report's versions, oldest first.
func (s *Service) Versions(ctx context.Context, reportID int64) ([]types.ReportVersion, error) {
	return s.repo.Versions(ctx, reportID)
}

// latest is the tenant's current snapshot.
func (s *Service) latest(ctx context.Context, tenantID string) (*types.Snapshot, error) {
	t, err := s.src.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	if t.CurrentRunID == 0 {
		return nil, fmt.Errorf("tenant %s: %w", tenantID, ErrNoData)
	}
	return s.src.Snapshot(ctx, t.CurrentRunID)
}

// templateOf is the report's template, or the default when it was deleted.
func (s *Service) templateOf(ctx context.Context, r types.Report) (types.Template, error) {
	if r.TemplateID != 0 {
		t, err := s.repo.Template(ctx, r.TemplateID)
		if err == nil {
			t.Parts = s.reg.Resolve(t.Parts)
			return t, nil
		}
		if !errors.Is(err, store.ErrTemplateNotFound) {
			return t, err
		}
	}
	return s.DefaultTemplate(ctx)
}

// NewVersion creates a draft from the tenant's latest sync, today's prices
// and the template's layout.
func (s *Service) NewVersion(ctx context.Context, reportID int64) (types.ReportVersion, error) {
	r, err := s.repo.Report(ctx, reportID)
	if err != nil {
		return types.ReportVersion{}, err
	}
	v, err := s.freshVersion(ctx, r)
	if err != nil {
		return v, err
	}
	return s.repo.CreateVersion(ctx, v)
}

func (s *Service) freshVersion(ctx context.Context, r types.Report) (types.ReportVersion, error) {
	tpl, err := s.templateOf(ctx, r)
	if err != nil {
		return types.ReportVersion{}, err
	}
	if r.ClientID != 0 {
		return s.freshClientVersion(ctx, r, tpl)
	}
	snap, err := s.latest(ctx, r.TenantID)
	if err != nil {
		return types.ReportVersion{}, err
	}
	prices, err := s.repo.EffectivePrices(ctx, r.TenantID)
	if err != nil {
		return types.ReportVersion{}, err
	}
	return types.ReportVersion{
		ReportID: r.ID, Status: types.VersionDraft, RunIDs: []int64{snap.Run.ID},
		InactiveDays: s.ThresholdOf(tpl), Parts: tpl.Parts,
		SKUs: append(FreezeSKUs(snap, prices, s.names), freezePriceList(snap, prices, "")...),
	}, nil
}

// RefreshDraft moves a draft to the latest sync and today's prices, keeping
// its layout. Finals are refused (store.ErrVersionFinal).
func (s *Service) RefreshDraft(ctx context.Context, versionID int64) (types.ReportVersion, error) {
	cur, err := s.repo.Version(ctx, versionID)
	if err != nil {
		return cur, err
	}
	if cur.Status != types.VersionDraft {
		return cur, store.ErrVersionFinal
	}
	r, err := s.repo.Report(ctx, cur.ReportID)
	if err != nil {
		return cur, err
	}
	v, err := s.freshVersion(ctx, r)
	if err != nil {
		return cur, err
	}
	v.ID, v.Parts, v.InactiveDays = cur.ID, cur.Parts, cur.InactiveDays
	if err := s.repo.UpdateDraft(ctx, v); err != nil {
		return cur, err
	}
	return s.repo.Version(ctx, versionID)
}

// Finalize freezes a draft.
func (s *Service) Finalize(ctx context.Context, versionID int64) error {
	return s.repo.FinalizeVersion(ctx, versionID)
}

// previous is the version deltas compare with: the newest final version
// numbered below v, else the newest version below it; nil for the first.
func previous(all []types.ReportVersion, v types.ReportVersion) *types.ReportVersion {
	var anyPrev, finalPrev *types.ReportVersion
	for i := range all {
		p := &all[i]
		if p.Number >= v.Number {
			continue
		}
		if anyPrev == nil || p.Number > anyPrev.Number {
			anyPrev = p
		}
		if p.Status == types.VersionFinal && (finalPrev == nil || p.Number > finalPrev.Number) {
			finalPrev = p
		}
	}
	if finalPrev != nil {
		return finalPrev
	}
	return anyPrev
}

// buildVersion re-reads exactly the version's runs and applies its frozen
// prices and threshold.
func (s *Service) buildVersion(ctx context.Context, v types.ReportVersion) (*Dataset, error) {
	d, _, err := s.buildVersionSnap(ctx, v)
	return d, err
}

// buildVersionSnap is buildVersion with the snapshot it read.
func (s *Service) buildVersionSnap(ctx context.Context, v types.ReportVersion) (*Dataset, *types.Snapshot, error) {
	if len(v.RunIDs) == 0 {
		return nil, nil, fmt.Errorf("version %d records no sync run", v.Number)
	}
	if len(v.RunIDs) > 1 {
		return nil, nil, fmt.Errorf("version %d spans %d runs; reports over several tenants are not supported yet", v.Number, len(v.RunIDs))
	}
	snap, err := s.src.Snapshot(ctx, v.RunIDs[0])
	if err != nil {
		return nil, nil, fmt.Errorf("reading the data of version %d: %w", v.Number, err)
	}
	return Build(snap, ownSKUs(v.SKUs, ""), v.InactiveDays), snap, nil
}

// Open builds a version's document: its own runs, prices and layout, and
// the previous version's KPIs for the deltas.
func (s *Service) Open(ctx context.Context, versionID int64) (*Document, error) {
	v, err := s.repo.Version(ctx, versionID)
	if err != nil {
		return nil, err
	}
	r, err := s.repo.Report(ctx, v.ReportID)
	if err != nil {
		return nil, err
	}
	if r.ClientID != 0 {
		return s.openClient(ctx, r, v)
	}
	d, snap, err := s.buildVersionSnap(ctx, v)
	if err != nil {
		return nil, err
	}
	vw, err := s.versionViews(ctx, v, snap)
	if err != nil {
		return nil, err
	}
	all, err := s.repo.Versions(ctx, v.ReportID)
	if err != nil {
		return nil, err
	}
	if p := previous(all, v); p != nil {
		pd, err := s.buildVersion(ctx, *p)
		if err != nil {
			return nil, err
		}
		d.Prev, d.PrevDate = &pd.KPI, &pd.DataDate
	}
	return s.withVersionComparison(ctx, versionDocument(r.Name, d, v.Parts, registryWith(vw)), r, v, all)
}

// Live builds a document from the tenant's current sync and today's prices
// with a template (name "" = default), without recording a version.
func (s *Service) Live(ctx context.Context, tenantID, templateName string) (*Document, error) {
	tpl, err := s.TemplateNamed(ctx, templateName)
	if err != nil {
		return nil, err
	}
	snap, err := s.latest(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	prices, err := s.repo.EffectivePrices(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	d := Build(snap, FreezeSKUs(snap, prices, s.names), s.ThresholdOf(tpl))
	t, err := s.src.Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	vw, err := s.liveViews(ctx, []*review.Current{{Tenant: t, Snap: snap, Data: d}}, d.InactiveDays)
	if err != nil {
		return nil, err
	}
	return NewDocument(tpl.Name, d, tpl.Parts, registryWith(vw)), nil
}
