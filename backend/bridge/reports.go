package bridge

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"strings"
	"time"

	"tenantlens/backend/report"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// Reports is the Reports page: templates, reports per tenant, versions,
// the price list and exports.
type Reports struct {
	base
	saveDialog func(defaultName, title string) (string, error)
}

// TemplateView is a template for the editor.
type TemplateView struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	IsDefault    bool   `json:"isDefault"`
	InactiveDays int    `json:"inactiveDays"`
	// MergeFrom is a client report's contacts merge direction: "accounts"
	// (from Microsoft 365, adding contact data) or "contacts" (from the
	// PSA's contacts, adding Microsoft 365 data).
	MergeFrom string               `json:"mergeFrom"`
	Parts     []types.PartSettings `json:"parts"`
	UpdatedAt string               `json:"updatedAt"`
}

// PartTypeView is one part kind with every column it can show.
type PartTypeView struct {
	Kind    string       `json:"kind"`
	Label   string       `json:"label"`
	Columns []ColumnView `json:"columns"`
}

// ColumnView is a column's key and default label.
type ColumnView struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Hidden bool   `json:"hidden"` // hidden unless a template shows it
}

// VersionRow is one version of a report with its headline figures.
type VersionRow struct {
	ID          int64   `json:"id"`
	ReportID    int64   `json:"reportId"`
	Number      int     `json:"number"`
	Status      string  `json:"status"` // draft | final
	CreatedAt   string  `json:"createdAt"`
	FinalizedAt string  `json:"finalizedAt"`
	DataDate    string  `json:"dataDate"`
	RunIDs      []int64 `json:"runIds"`
}

// ReportRow is a report with its versions (oldest first).
type ReportRow struct {
	ID           int64        `json:"id"`
	TenantID     string       `json:"tenantId"`
	TenantName   string       `json:"tenantName"`
	Name         string       `json:"name"`
	TemplateID   int64        `json:"templateId"`
	TemplateName string       `json:"templateName"`
	CreatedAt    string       `json:"createdAt"`
	Versions     []VersionRow `json:"versions"`
}

// KPIView are a version's headline figures beside the previous version's.
type KPIView struct {
	Label    string  `json:"label"`
	Value    float64 `json:"value"`
	Previous float64 `json:"previous"`
	HasPrev  bool    `json:"hasPrev"`
	Change   float64 `json:"change"`
	Kind     string  `json:"kind"` // count | percent | money
	// Better is the direction that is good news for this figure: "up",
	// "down" or "neutral" (neither, e.g. the number of users).
	Better string `json:"better"`
	// Tone says how Change reads: "good", "bad" or "neutral" (no previous
	// version, no change, or a figure that is neither). The UI colours by it.
	Tone string `json:"tone"`
}

// Directions a KPI can be better in, and how a change reads.
const (
	BetterUp      = "up"
	BetterDown    = "down"
	BetterNeutral = "neutral"
	ToneGood      = "good"
	ToneBad       = "bad"
	ToneNeutral   = "neutral"
)

// kpiTone says whether a change is good news for a figure that is better
// in the direction `better`.
func kpiTone(better string, hasPrev bool, change float64) string {
	if !hasPrev || change == 0 || better == BetterNeutral {
		return ToneNeutral
	}
	if (change > 0) == (better == BetterUp) {
		return ToneGood
	}
	return ToneBad
}

// VersionView is what a version shows, as it was when it was built.
type VersionView struct {
	Version    VersionRow `json:"version"`
	TenantName string     `json:"tenantName"`
	DataDate   string     `json:"dataDate"`
	PrevDate   string     `json:"prevDate"`
	Currency   string     `json:"currency"`
	KPIs       []KPIView  `json:"kpis"`
	Notes      []string   `json:"notes"`
	Reclaim    int        `json:"reclaim"`
}

// ExportInput asks for an export. Exactly one of VersionID, TenantID and
// AllTenants; OutPath "" opens a save dialog.
type ExportInput struct {
	VersionID  int64  `json:"versionId"`
	TenantID   string `json:"tenantId"`
	AllTenants bool   `json:"allTenants"`
	Template   string `json:"template"`
	Format     string `json:"format"` // xlsx | csv | html
	OutPath    string `json:"outPath"`
}

// ExportOutcome lists what was written ("" paths when the dialog was cancelled).
type ExportOutcome struct {
	Files     []string `json:"files"`
	Rows      int      `json:"rows"`
	Cancelled bool     `json:"cancelled"`
}

// PriceRow is one price-list entry (TenantID "" = the MSP's list price).
type PriceRow struct {
	TenantID   string  `json:"tenantId"`
	SkuID      string  `json:"skuId"`
	PartNumber string  `json:"partNumber"`
	Name       string  `json:"name"`
	UnitPrice  float64 `json:"unitPrice"`
	Currency   string  `json:"currency"`
	Billing    string  `json:"billing"` // monthly | annual
	TermStart  string  `json:"termStart"`
	TermEnd    string  `json:"termEnd"`
	Monthly    float64 `json:"monthly"`
}

func templateView(t types.Template) TemplateView {
	from := t.MergeFrom
	if from == "" {
		from = "accounts"
	}
	return TemplateView{ID: t.ID, Name: t.Name, IsDefault: t.IsDefault, InactiveDays: t.InactiveDays, MergeFrom: from,
		Parts: t.Parts, UpdatedAt: rfcv(t.UpdatedAt)}
}

// Templates lists the templates (the default "Quarterly review" is created
// on first use).
func (r *Reports) Templates() ([]TemplateView, error) {
	svc, err := r.svc()
	if err != nil {
		return nil, err
	}
	if _, err := svc.Reports.DefaultTemplate(r.context()); err != nil {
		return nil, err
	}
	ts, err := svc.Reports.Templates(r.context())
	if err != nil {
		return nil, err
	}
	out := make([]TemplateView, 0, len(ts))
	for _, t := range ts {
		out = append(out, templateView(t))
	}
	return out, nil
}

// PartTypes lists every part kind and its columns for the editor.
func (r *Reports) PartTypes() ([]PartTypeView, error) {
	svc, err := r.svc()
	if err != nil {
		return nil, err
	}
	var out []PartTypeView
	for _, p := range svc.Reports.PartTypes() {
		v := PartTypeView{Kind: string(p.Kind), Label: p.Label}
		for _, c := range p.Columns {
			v.Columns = append(v.Columns, ColumnView{Key: c.Key, Label: c.Label, Hidden: c.Hidden})
		}
		out = append(out, v)
	}
	return out, nil
}

// SaveTemplate creates (ID 0) or updates a template.
func (r *Reports) SaveTemplate(t TemplateView) (TemplateView, error) {
	svc, err := r.svc()
	if err != nil {
		return TemplateView{}, err
	}
	if strings.TrimSpace(t.Name) == "" {
		return TemplateView{}, errors.New("give the template a name")
	}
	if t.MergeFrom != "" && t.MergeFrom != "accounts" && t.MergeFrom != "contacts" {
		return TemplateView{}, errors.New(`the merge direction is "accounts" (from Microsoft 365) or "contacts" (from the PSA)`)
	}
	saved, err := svc.Reports.SaveTemplate(r.context(), types.Template{ID: t.ID, Name: strings.TrimSpace(t.Name),
		IsDefault: t.IsDefault, InactiveDays: t.InactiveDays, MergeFrom: t.MergeFrom, Parts: t.Parts})
	if err != nil {
		return TemplateView{}, err
	}
	return templateView(saved), nil
}

// ApplyPartToDrafts copies one part's settings of a template to every open
// draft made from it; returns how many drafts changed.
func (r *Reports) ApplyPartToDrafts(templateID int64, kind string) (int, error) {
	svc, err := r.svc()
	if err != nil {
		return 0, err
	}
	return svc.Reports.ApplyPartToDrafts(r.context(), templateID, types.PartKind(kind))
}

func (r *Reports) versionRow(ctx context.Context, svc *services.Services, v types.ReportVersion) VersionRow {
	row := VersionRow{ID: v.ID, ReportID: v.ReportID, Number: v.Number, Status: string(v.Status),
		CreatedAt: rfcv(v.CreatedAt), FinalizedAt: rfc(v.FinalizedAt), RunIDs: v.RunIDs}
	if row.RunIDs == nil {
		row.RunIDs = []int64{}
	}
	for _, id := range v.RunIDs {
		if run, err := svc.Store.Run(ctx, id); err == nil {
			at := run.StartedAt
			if run.FinishedAt != nil {
				at = *run.FinishedAt
			}
			row.DataDate = latest(row.DataDate, rfcv(at))
		}
	}
	return row
}

// List returns the reports of a tenant ("" = every tenant), newest first.
func (r *Reports) List(tenantID string) ([]ReportRow, error) {
	svc, err := r.svc()
	if err != nil {
		return nil, err
	}
	ctx := r.context()
	ts, err := tenantsFor(ctx, svc, tenantID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	if tpls, err := svc.Reports.Templates(ctx); err == nil {
		for _, t := range tpls {
			names[t.ID] = t.Name
		}
	}
	out := []ReportRow{}
	for _, t := range ts {
		reps, err := svc.Reports.Reports(ctx, t.ID)
		if err != nil {
			return nil, err
		}
		for _, rep := range reps {
			row := ReportRow{ID: rep.ID, TenantID: t.ID, TenantName: t.DisplayName, Name: rep.Name,
				TemplateID: rep.TemplateID, TemplateName: names[rep.TemplateID], CreatedAt: rfcv(rep.CreatedAt), Versions: []VersionRow{}}
			vs, err := svc.Reports.Versions(ctx, rep.ID)
			if err != nil {
				return nil, err
			}
			for _, v := range vs {
				row.Versions = append(row.Versions, r.versionRow(ctx, svc, v))
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// Create starts a report for a tenant with its first (draft) version.
func (r *Reports) Create(tenantID, name string, templateID int64) (ReportRow, error) {
	svc, err := r.svc()
	if err != nil {
		return ReportRow{}, err
	}
	ctx := r.context()
	if strings.TrimSpace(name) == "" {
		name = "Quarterly review " + quarterOf(time.Now())
	}
	rep, err := svc.Reports.CreateReport(ctx, tenantID, strings.TrimSpace(name), templateID)
	if err != nil {
		return ReportRow{}, err
	}
	if _, err := svc.Reports.NewVersion(ctx, rep.ID); err != nil {
		return ReportRow{}, err
	}
	rows, err := r.List(tenantID)
	if err != nil {
		return ReportRow{}, err
	}
	for _, row := range rows {
		if row.ID == rep.ID {
			return row, nil
		}
	}
	return ReportRow{}, fmt.Errorf("report %d vanished", rep.ID)
}

func quarterOf(t time.Time) string {
	return fmt.Sprintf("Q%d %d", (int(t.Month())-1)/3+1, t.Year())
}

// NewVersion adds a draft built from the latest syncs and today's prices.
func (r *Reports) NewVersion(reportID int64) (VersionRow, error) {
	svc, err := r.svc()
	if err != nil {
		return VersionRow{}, err
	}
	v, err := svc.Reports.NewVersion(r.context(), reportID)
	if err != nil {
		return VersionRow{}, err
	}
	return r.versionRow(r.context(), svc, v), nil
}

// RefreshDraft moves a draft to the latest syncs and prices.
func (r *Reports) RefreshDraft(versionID int64) (VersionRow, error) {
	svc, err := r.svc()
	if err != nil {
		return VersionRow{}, err
	}
	v, err := svc.Reports.RefreshDraft(r.context(), versionID)
	if err != nil {
		return VersionRow{}, err
	}
	return r.versionRow(r.context(), svc, v), nil
}

// Finalize freezes a draft: it will always show exactly these numbers.
func (r *Reports) Finalize(versionID int64) error {
	svc, err := r.svc()
	if err != nil {
		return err
	}
	return svc.Reports.Finalize(r.context(), versionID)
}

// Version opens a version: its own runs, prices and layout, with the
// previous version's figures for the deltas.
func (r *Reports) Version(versionID int64) (VersionView, error) {
	svc, err := r.svc()
	if err != nil {
		return VersionView{}, err
	}
	ctx := r.context()
	doc, err := svc.Reports.Open(ctx, versionID)
	if err != nil {
		return VersionView{}, err
	}
	v, err := svc.Store.Version(ctx, versionID)
	if err != nil {
		return VersionView{}, err
	}
	d := doc.Data
	out := VersionView{Version: r.versionRow(ctx, svc, v), TenantName: d.TenantName, DataDate: rfcv(d.DataDate),
		Currency: d.Currency, Notes: nonNil(d.Notes), Reclaim: len(d.Reclaim)}
	if d.PrevDate != nil {
		out.PrevDate = rfc(d.PrevDate)
	}
	out.KPIs = kpiViews(d.KPI, d.Prev)
	return out, nil
}

func kpiViews(k report.KPIs, p *report.KPIs) []KPIView {
	type def struct {
		label, kind, better string
		get                 func(report.KPIs) float64
	}
	defs := []def{
		{"Users", "count", BetterNeutral, func(k report.KPIs) float64 { return float64(k.Users) }},
		{"Licensed users", "count", BetterNeutral, func(k report.KPIs) float64 { return float64(k.Licensed) }},
		{"MFA coverage", "percent", BetterUp, func(k report.KPIs) float64 { return k.MFACoverage * 100 }},
		{"Unused licences", "count", BetterDown, func(k report.KPIs) float64 { return float64(k.Unused) }},
		{"Monthly spend", "money", BetterNeutral, func(k report.KPIs) float64 { return k.MonthlySpend }},
		{"Monthly waste", "money", BetterDown, func(k report.KPIs) float64 { return k.MonthlyWaste }},
		{"Reclaimable users", "count", BetterDown, func(k report.KPIs) float64 { return float64(k.ReclaimUsers) }},
	}
	out := make([]KPIView, 0, len(defs))
	for _, d := range defs {
		v := KPIView{Label: d.label, Kind: d.kind, Better: d.better, Value: round2(d.get(k))}
		if p != nil {
			v.HasPrev, v.Previous = true, round2(d.get(*p))
			v.Change = round2(v.Value - v.Previous)
		}
		v.Tone = kpiTone(v.Better, v.HasPrev, v.Change)
		out = append(out, v)
	}
	return out
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

var unsafeName = regexp.MustCompile(`[^\pL\pN ._-]+`)

// Export writes a workbook, CSV or HTML report; progress arrives as
// export:progress events. Without OutPath a save dialog asks where.
func (r *Reports) Export(in ExportInput) (ExportOutcome, error) {
	svc, err := r.svc()
	if err != nil {
		return ExportOutcome{}, err
	}
	format := in.Format
	if format == "" {
		format = "xlsx"
	}
	if in.OutPath == "" {
		if r.saveDialog == nil {
			return ExportOutcome{}, errors.New("choose where to save the export")
		}
		name := "TenantLens review." + format
		if in.TenantID != "" {
			if t, err := svc.Store.Tenant(r.context(), in.TenantID); err == nil {
				name = strings.TrimSpace(unsafeName.ReplaceAllString(t.DisplayName, " ")) + " review." + format
			}
		}
		p, err := r.saveDialog(name, "Export report")
		if err != nil {
			return ExportOutcome{}, err
		}
		if p == "" {
			return ExportOutcome{Cancelled: true, Files: []string{}}, nil
		}
		in.OutPath = p
	}
	res, err := svc.Exporter.Export(r.context(), report.ExportRequest{VersionID: in.VersionID, TenantID: in.TenantID,
		AllTenants: in.AllTenants, Template: in.Template, Format: report.Format(format), OutPath: in.OutPath,
		InactiveDays: svc.Config().InactiveDays},
		report.EmitProgress(svc.Bus))
	if err != nil {
		return ExportOutcome{}, err
	}
	return ExportOutcome{Files: res.Files, Rows: res.Rows}, nil
}

// ShowInFolder opens the folder holding a file in the system file manager.
func (r *Reports) ShowInFolder(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("the file is no longer there: %s", path)
	}
	var cmd *exec.Cmd
	switch goruntime.GOOS {
	case "windows":
		cmd = exec.Command("explorer", "/select,", path)
	case "darwin":
		cmd = exec.Command("open", "-R", path)
	default:
		cmd = exec.Command("xdg-open", filepath.Dir(path))
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not open the file manager: %w", err)
	}
	go cmd.Wait()
	return nil
}

// Prices lists the price list and every tenant override.
func (r *Reports) Prices() ([]PriceRow, error) {
	svc, err := r.svc()
	if err != nil {
		return nil, err
	}
	ps, err := svc.Store.ListPrices(r.context())
	if err != nil {
		return nil, err
	}
	out := make([]PriceRow, 0, len(ps))
	for _, p := range ps {
		out = append(out, PriceRow{TenantID: p.TenantID, SkuID: p.SkuID, PartNumber: p.PartNumber,
			Name: svc.Names.Name(p.SkuID, p.PartNumber), UnitPrice: p.UnitPrice, Currency: p.Currency,
			Billing: string(p.Billing), TermStart: rfc(p.TermStart), TermEnd: rfc(p.TermEnd), Monthly: round2(p.Monthly())})
	}
	return out, nil
}

// SetPrice stores a list price (TenantID "") or a tenant override.
func (r *Reports) SetPrice(p PriceRow) error {
	svc, err := r.svc()
	if err != nil {
		return err
	}
	price := types.Price{TenantID: p.TenantID, SkuID: p.SkuID, PartNumber: p.PartNumber, UnitPrice: p.UnitPrice,
		Currency: strings.ToUpper(strings.TrimSpace(p.Currency)), Billing: types.BillingFrequency(p.Billing)}
	for _, f := range []struct {
		s   string
		dst **time.Time
	}{{p.TermStart, &price.TermStart}, {p.TermEnd, &price.TermEnd}} {
		if f.s == "" {
			continue
		}
		t, err := parseDay(f.s)
		if err != nil {
			return err
		}
		*f.dst = &t
	}
	return svc.Store.SetPrice(r.context(), price)
}

func parseDay(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
}

// DeletePrice removes a list price or a tenant override.
func (r *Reports) DeletePrice(tenantID, skuID string) error {
	svc, err := r.svc()
	if err != nil {
		return err
	}
	return svc.Store.DeletePrice(r.context(), tenantID, skuID)
}
