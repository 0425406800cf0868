package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// PartCompare is the "What changed" part: who was added and removed,
// licences gained and lost (with their monthly cost), MFA newly registered
// or lost, accounts disabled or re-enabled, between two stored snapshots
// (review's Comparison), with a totals block below the table.
//
// The rule: the part is in every registry, so the template's part chooser
// lists it, and templates have it enabled by default — but it is written
// only when a comparison exists: a report version with a previous version
// (its runs against the previous version's, at the version's frozen
// prices), or a live export asked to compare (ExportRequest.CompareFrom or
// CompareFromRunID; asking turns the part on even where the template
// switched it off). Without a comparison the part has no sheet, so the
// sheet list of every export without one is unchanged. A version made
// before the part existed keeps it off (ResolveFrozen), so it shows what
// it showed.
const PartCompare types.PartKind = "compare"

// Change kinds, as the Change column prints them.
const (
	ChangeUserAdded     = "User added"
	ChangeUserRemoved   = "User removed"
	ChangeLicenceGained = "Licence gained"
	ChangeLicenceLost   = "Licence lost"
	ChangeMFARegistered = "MFA registered"
	ChangeMFALost       = "MFA lost"
	ChangeDisabled      = "Disabled"
	ChangeReenabled     = "Re-enabled"
)

// ChangeRow is one line of the What changed part.
type ChangeRow struct {
	Kind       string
	TenantName string
	User       string // display name
	UPN        string
	Licence    string // the licence gained or lost; a user's licences joined by "; "
	Cost       float64
	Priced     bool // Cost is a figure (false: unpriced, free or several currencies)
}

// ChangeRows lists a comparison's changes in the part's order: added,
// removed, licences gained, lost, MFA registered, lost, disabled,
// re-enabled, each list in review's order.
func ChangeRows(c *review.Comparison) []ChangeRow {
	if c == nil {
		return nil
	}
	var out []ChangeRow
	users := func(kind string, us []review.UserChange) {
		for _, u := range us {
			out = append(out, ChangeRow{Kind: kind, TenantName: u.TenantName, User: u.DisplayName, UPN: u.UserPrincipalName,
				Licence: strings.Join(u.Licenses, "; "), Cost: u.MonthlyCost, Priced: review.HasMoney(u.Currency)})
		}
	}
	lics := func(kind string, ls []review.LicenceChange) {
		for _, l := range ls {
			out = append(out, ChangeRow{Kind: kind, TenantName: l.TenantName, User: l.DisplayName, UPN: l.UserPrincipalName,
				Licence: l.Name, Cost: l.MonthlyCost, Priced: review.HasMoney(l.Currency)})
		}
	}
	mfa := func(kind string, ms []review.MFAChange) {
		for _, m := range ms {
			out = append(out, ChangeRow{Kind: kind, TenantName: m.TenantName, User: m.DisplayName, UPN: m.UserPrincipalName})
		}
	}
	users(ChangeUserAdded, c.Added)
	users(ChangeUserRemoved, c.Removed)
	lics(ChangeLicenceGained, c.LicencesGained)
	lics(ChangeLicenceLost, c.LicencesLost)
	mfa(ChangeMFARegistered, c.MFARegistered)
	mfa(ChangeMFALost, c.MFALost)
	users(ChangeDisabled, c.Disabled)
	users(ChangeReenabled, c.Reenabled)
	return out
}

// comparePart is the What changed part over one comparison (nil: no
// comparison, so no sheet).
type comparePart struct {
	cmp *review.Comparison
}

func newComparePart(c *review.Comparison) *comparePart { return &comparePart{cmp: c} }

func (p *comparePart) Kind() types.PartKind { return PartCompare }
func (p *comparePart) DefaultLabel() string { return "What changed" }
func (p *comparePart) Columns() []Column    { return compareCols().Columns() }
func (p *comparePart) absent() bool         { return p.cmp == nil }

func (p *comparePart) Table(d *Dataset, ps types.PartSettings) Table {
	t := compareCols()
	rows := ChangeRows(p.cmp)
	t.rows = func(*Dataset) []ChangeRow { return rows }
	return t.Table(d, ps)
}

func compareCols() *tablePart[ChangeRow] {
	col := func(key, label string, kind CellKind, width float64, get func(r ChangeRow) Cell) colDef[ChangeRow] {
		return colDef[ChangeRow]{Column: Column{Key: key, Label: label, Kind: kind, Width: width},
			get: func(_ *Dataset, r ChangeRow) Cell { return get(r) }}
	}
	return &tablePart[ChangeRow]{kind: PartCompare, label: "What changed", cols: []colDef[ChangeRow]{
		col("change", "Change", KindText, 16, func(r ChangeRow) Cell { return textCell(r.Kind) }),
		col("tenant", TenantColumn, KindText, 24, func(r ChangeRow) Cell { return textCell(r.TenantName) }),
		col("user", "User", KindText, 26, func(r ChangeRow) Cell { return textCell(r.User) }),
		col("upn", "UPN", KindText, 34, func(r ChangeRow) Cell { return textCell(r.UPN) }),
		col("licence", "Licence", KindText, 36, func(r ChangeRow) Cell { return textCell(r.Licence) }),
		col("cost", "Monthly Cost", KindCurrency, 14, func(r ChangeRow) Cell {
			if !r.Priced {
				return Cell{Kind: KindCurrency, Null: true}
			}
			return moneyCell(r.Cost)
		}),
	}, rows: func(*Dataset) []ChangeRow { return nil }}
}

// absentPart is a part with nothing to show in this document (Tables
// leaves it out).
type absentPart interface{ absent() bool }

func isAbsent(p Part) bool {
	a, ok := p.(absentPart)
	return ok && a.absent()
}

// comparisonOf is the comparison a document's What changed part shows.
func (doc *Document) comparisonOf() *review.Comparison {
	if p, ok := doc.Registry.Part(PartCompare); ok {
		if cp, ok := p.(*comparePart); ok {
			return cp.cmp
		}
	}
	return nil
}

// setComparison gives the document's What changed part its comparison;
// force turns the part on (a live export asked to compare).
func (doc *Document) setComparison(c *review.Comparison, force bool) {
	doc.Registry.Add(newComparePart(c))
	for i := range doc.Parts {
		if doc.Parts[i].Kind == PartCompare {
			doc.Parts[i].Enabled = doc.Parts[i].Enabled || force
			return
		}
	}
	if force {
		doc.Parts = append(doc.Parts, doc.Registry.Resolve([]types.PartSettings{{Kind: PartCompare, Enabled: true}})[0])
	}
}

// CompareTotalsLabels are the totals block's row labels, in order.
var CompareTotalsLabels = []string{"Users added", "Users removed", "Licences gained", "Licences lost",
	"MFA registered", "MFA lost", "Disabled", "Re-enabled", "Cost gained", "Cost lost", "Cost change"}

// compareTotals is the block below the What changed table: the counts (users
// and licences with their own monthly cost) and the monthly cost gained, lost
// and the change (review's totals), which
// snapshots were compared, and the comparison's notes.
func (w *workbook) compareTotals(doc *Document) [][]styledCell {
	c := doc.comparisonOf()
	if c == nil {
		return nil
	}
	t := c.Totals
	out := [][]styledCell{{{textCell("Totals"), w.st.label}, {textCell("Count"), w.st.label}, {textCell("Monthly Cost"), w.st.label}}}
	// The first four counts carry their own monthly cost (review's parts).
	parts := []float64{t.CostAdded, t.CostRemoved, t.CostLicencesGained, t.CostLicencesLost}
	for i, n := range []int{t.UsersAdded, t.UsersRemoved, t.LicencesGained, t.LicencesLost, t.MFARegistered, t.MFALost, t.Disabled, t.Reenabled} {
		row := []styledCell{{textCell(CompareTotalsLabels[i]), 0}, {intCell(n), w.st.integer}}
		if i < len(parts) && review.HasMoney(t.Currency) {
			row = append(row, styledCell{moneyCell(parts[i]), w.st.money})
		}
		out = append(out, row)
	}
	for i, v := range []float64{t.CostGained, t.CostLost, t.CostChange} {
		cost := styledCell{moneyCell(v), w.st.money}
		switch {
		case !review.HasMoney(t.Currency):
			cost = styledCell{textCell(noMoneyText(t.Currency)), w.st.note}
		case i == 2:
			cost.style = w.st.moneyChange
		}
		out = append(out, []styledCell{{textCell(CompareTotalsLabels[8+i]), 0}, {Cell{Kind: KindInt, Null: true}, 0}, cost})
	}
	for _, s := range c.Sides {
		out = append(out, []styledCell{{textCell("Compared"), w.st.label}, {textCell(s.TenantName), 0},
			{textCell("from " + sideDate(s.FromDate)), 0}, {textCell("to " + sideDate(s.ToDate)), 0}})
	}
	for _, n := range c.Notes {
		out = append(out, []styledCell{{textCell("Note"), w.st.label}, {textCell(n), w.st.note}})
	}
	return out
}

// sideDate prints a snapshot's RFC 3339 time to the minute, in UTC.
func sideDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.UTC().Format("2006-01-02 15:04") + " UTC"
}

// withVersionComparison gives a version's document its What changed part:
// the version's runs against the previous version's (all: the report's
// versions), at the version's frozen prices. The first version has none.
func (s *Service) withVersionComparison(ctx context.Context, doc *Document, r types.Report, v types.ReportVersion, all []types.ReportVersion) (*Document, error) {
	p := previous(all, v)
	if p == nil {
		return doc, nil
	}
	c, err := s.versionComparison(ctx, doc, r, v, *p)
	if err != nil {
		return nil, err
	}
	doc.setComparison(c, false)
	return doc, nil
}

// pairSKUs names and prices the SKUs of a version's comparison pair: the
// version's frozen prices (its SKUs' and its price list's), the names the
// version froze, else the previous version's (a licence only the earlier
// run had).
func pairSKUs(v, prev types.ReportVersion, from, to *types.Snapshot, tenantID string) []types.VersionSKU {
	prices, names := frozenPrices(v.SKUs, tenantID, tenantID)
	_, prevNames := frozenPrices(prev.SKUs, tenantID, tenantID)
	for id, n := range prevNames {
		if _, ok := names[id]; !ok {
			names[id] = n
		}
	}
	both := &types.Snapshot{SKUs: append(append([]types.SKU{}, from.SKUs...), to.SKUs...)}
	return FreezeSKUs(both, prices, frozenNamer{names: names})
}

// versionComparison compares a version's runs with its previous
// version's: a tenant report's one pair, a client report's pair per tenant
// (a tenant the previous version lacks is noted, not compared).
func (s *Service) versionComparison(ctx context.Context, doc *Document, r types.Report, v, prev types.ReportVersion) (*review.Comparison, error) {
	read := func(run int64, of types.ReportVersion) (*types.Snapshot, error) {
		snap, err := s.src.Snapshot(ctx, run)
		if err != nil {
			return nil, fmt.Errorf("reading the data of version %d for What changed: %w", of.Number, err)
		}
		return snap, nil
	}
	byTenant := map[string]int64{}
	for _, run := range prev.RunIDs {
		snap, err := read(run, prev)
		if err != nil {
			return nil, err
		}
		byTenant[strings.ToLower(snap.TenantID)] = run
	}
	var pairs []review.ComparePair
	var notes []string
	seen := map[string]bool{}
	for _, run := range v.RunIDs {
		to, err := read(run, v)
		if err != nil {
			return nil, err
		}
		key := strings.ToLower(to.TenantID)
		seen[key] = true
		fromRun, ok := byTenant[key]
		if !ok {
			notes = append(notes, orName(to)+": not in version "+fmt.Sprint(prev.Number)+"; not compared")
			continue
		}
		from, err := read(fromRun, prev)
		if err != nil {
			return nil, err
		}
		tid := ""
		if r.ClientID != 0 {
			tid = to.TenantID
		}
		pairs = append(pairs, review.ComparePair{From: from, To: to, SKUs: pairSKUs(v, prev, from, to, tid)})
	}
	for _, run := range prev.RunIDs {
		if snap, err := read(run, prev); err == nil && !seen[strings.ToLower(snap.TenantID)] {
			notes = append(notes, orName(snap)+": only in version "+fmt.Sprint(prev.Number)+"; not compared")
		}
	}
	var c *review.Comparison
	if r.ClientID == 0 {
		if len(pairs) != 1 {
			return nil, fmt.Errorf("version %d and version %d do not cover the same tenant; make a new version", prev.Number, v.Number)
		}
		p := pairs[0]
		c = review.CompareSnapshots(p.From, p.To, p.SKUs)
		c.Name = r.Name
		c.Sides = []review.CompareSide{sideOf(p.From, p.To)}
		if p.From.Run.ID == p.To.Run.ID {
			c.Notes = append(c.Notes, fmt.Sprintf("versions %d and %d are built from the same sync, so nothing changed between them", prev.Number, v.Number))
		}
	} else {
		cl := types.Client{ID: r.ClientID, Name: r.Name}
		if doc != nil && doc.Client != nil {
			cl = doc.Client.Client
		}
		c = review.BuildClientComparison(cl, pairs)
		c.Notes = append(notes, c.Notes...)
	}
	c.From, c.To = fmt.Sprintf("version %d", prev.Number), fmt.Sprintf("version %d", v.Number)
	return c, nil
}

func orName(s *types.Snapshot) string {
	if s.TenantName != "" {
		return s.TenantName
	}
	return s.TenantID
}

func sideOf(from, to *types.Snapshot) review.CompareSide {
	fa, ta := SnapshotDate(from), SnapshotDate(to)
	return review.CompareSide{TenantID: to.TenantID, TenantName: orName(to), FromRunID: from.Run.ID, FromDate: review.RFC(&fa),
		ToRunID: to.Run.ID, ToDate: review.RFC(&ta)}
}

// errCompareScope is a compare asked of an export that has no current data
// to compare.
var errCompareScope = errors.New("export: What changed compares a tenant's or a client's current data with an earlier date; a report version compares with its previous version by itself")

// liveQuery is the comparison a live export asks for: the current data
// against CompareFrom (a date) or CompareFromRunID (a tenant's stored
// run).
func liveQuery(req ExportRequest) (review.CompareQuery, error) {
	q := review.CompareQuery{TenantID: req.TenantID, ClientID: req.ClientID, From: req.CompareFrom, FromRunID: req.CompareFromRunID}
	switch {
	case req.VersionID != 0 || req.AllTenants || req.AllClients:
		return q, errCompareScope
	case req.ClientID != 0 && req.CompareFromRunID != 0 && strings.TrimSpace(req.CompareFrom) == "":
		return q, errors.New("export: a client is compared by date: give CompareFrom (YYYY-MM-DD) instead of a run")
	}
	return q, nil
}

// withLiveComparison gives a live document its What changed part (on):
// the current data against the requested date or run, at today's prices
// (review's Compare).
func (e *Exporter) withLiveComparison(ctx context.Context, doc *Document, req ExportRequest) error {
	q, err := liveQuery(req)
	if err != nil {
		return err
	}
	c, err := e.svc.compare(ctx, q)
	if err != nil {
		return fmt.Errorf("What changed: %w", err)
	}
	doc.setComparison(c, true)
	return nil
}

// runSource is the run list review's history needs (*store.Store).
type runSource interface {
	Runs(ctx context.Context, tenantID string, limit int) ([]types.RunInfo, error)
}

// historySource is the store as review's compare reads it: snapshots,
// prices and the run history.
type historySource struct {
	reviewSource
	runSource
}

// compare is review's Compare over this service's store (today's prices).
func (s *Service) compare(ctx context.Context, q review.CompareQuery) (*review.Comparison, error) {
	runs, ok := s.src.(runSource)
	if !ok {
		return nil, review.ErrNoHistory
	}
	rv := s.review(0)
	rv.Src = historySource{reviewSource{s.src, s.repo}, runs}
	return rv.Compare(ctx, q)
}

// ComparisonDocument is a workbook of the What changed part alone.
func ComparisonDocument(c *review.Comparison) *Document {
	reg := &Registry{parts: map[types.PartKind]Part{}}
	reg.Add(newComparePart(c))
	d := &Dataset{TenantName: c.Name, Currency: c.Totals.Currency}
	if !review.HasMoney(d.Currency) {
		d.Currency = ""
	}
	for _, s := range c.Sides {
		if t, err := time.Parse(time.RFC3339, s.ToDate); err == nil && t.After(d.DataDate) {
			d.DataDate = t
		}
	}
	return &Document{Title: "What changed", Data: d, Parts: reg.DefaultParts(), Registry: reg}
}

// ExportComparison writes a workbook with just the What changed part of a
// comparison (review's Compare of q, at today's prices).
func (e *Exporter) ExportComparison(ctx context.Context, q review.CompareQuery, outPath string, progress func(done, total int)) (ExportResult, error) {
	if outPath == "" {
		return ExportResult{}, errors.New("export: no output file given")
	}
	c, err := e.svc.compare(ctx, q)
	if err != nil {
		return ExportResult{}, err
	}
	doc := ComparisonDocument(c)
	res := ExportResult{Files: []string{outPath}}
	for _, t := range doc.Tables() {
		res.Rows += t.Len
	}
	if err := writeAtomic(outPath, func(w io.Writer) error { return WriteWorkbook(w, doc, progress) }); err != nil {
		return ExportResult{}, err
	}
	return res, nil
}
