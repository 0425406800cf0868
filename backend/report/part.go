// Package report turns a tenant snapshot into the deliverable of a review:
// templates of parts (Summary, Users, Licenses, MFA, Reclaim) with column
// layouts, report versions frozen to the sync runs they were built from,
// licence costs and a reclaim list, and the exports — an Excel workbook
// (excelize), CSV and a self-contained HTML page.
//
// A part is a registry entry: its columns (key, default label, kind,
// width) and a row producer over a Dataset. Adding a part type (Contacts) is
// one new entry in NewRegistry plus its row producer.
package report

import (
	"fmt"
	"time"

	"tenantlens/backend/types"
)

// CellKind says how a value is written: which Excel number format, how CSV
// and HTML print it.
type CellKind uint8

const (
	KindText     CellKind = iota
	KindInt               // whole number
	KindNumber            // decimal number
	KindCurrency          // money in the dataset's currency
	KindPercent           // ratio 0..1 shown as a percentage
	KindDate              // calendar day
	KindDateTime          // instant, shown to the minute
	KindBool              // Yes / No
	KindMFA               // MFA status text, styled by value
)

// Cell is one value. An empty cell has Null set (unknown dates, counts the
// tenant could not report).
type Cell struct {
	Kind CellKind
	Text string
	Num  float64
	Time time.Time
	Null bool
}

func textCell(s string) Cell   { return Cell{Kind: KindText, Text: s} }
func intCell(n int) Cell       { return Cell{Kind: KindInt, Num: float64(n)} }
func moneyCell(v float64) Cell { return Cell{Kind: KindCurrency, Num: roundCents(v)} }
func pctCell(v float64) Cell   { return Cell{Kind: KindPercent, Num: v} }
func boolCell(b bool) Cell {
	if b {
		return Cell{Kind: KindBool, Text: "Yes", Num: 1}
	}
	return Cell{Kind: KindBool, Text: "No"}
}
func intPtrCell(p *int) Cell {
	if p == nil {
		return Cell{Kind: KindInt, Null: true}
	}
	return intCell(*p)
}
func timeCell(kind CellKind, t *time.Time) Cell {
	if t == nil || t.IsZero() {
		return Cell{Kind: kind, Null: true}
	}
	return Cell{Kind: kind, Time: t.UTC()}
}

// Column is one column a part can show.
type Column struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"` // default label (DESIGN.md)
	Kind   CellKind `json:"kind"`
	Width  float64  `json:"width"`  // Excel character widths
	Hidden bool     `json:"hidden"` // hidden unless a template shows it
}

// Table is a part laid out for output: the visible columns in order with
// the labels to print, and a row producer.
type Table struct {
	Kind    types.PartKind
	Label   string // sheet / section name
	Columns []Column
	Len     int
	// Row fills dst (len(Columns)) with row i.
	Row func(i int, dst []Cell)
}

// Part is one registry entry.
type Part interface {
	Kind() types.PartKind
	DefaultLabel() string
	Columns() []Column
	// Table lays the part out over d with the given (resolved) settings.
	Table(d *Dataset, ps types.PartSettings) Table
}

// colDef is a column plus its value getter over row type R.
type colDef[R any] struct {
	Column
	get func(d *Dataset, r R) Cell
}

// tablePart is the generic Part: rows of R from a dataset and columns over R.
type tablePart[R any] struct {
	kind  types.PartKind
	label string
	cols  []colDef[R]
	rows  func(d *Dataset) []R
}

func (p *tablePart[R]) Kind() types.PartKind { return p.kind }
func (p *tablePart[R]) DefaultLabel() string { return p.label }
func (p *tablePart[R]) Columns() []Column {
	out := make([]Column, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.Column
	}
	return out
}

func (p *tablePart[R]) Table(d *Dataset, ps types.PartSettings) Table {
	byKey := make(map[string]int, len(p.cols))
	for i, c := range p.cols {
		byKey[c.Key] = i
	}
	var getters []func(*Dataset, R) Cell
	t := Table{Kind: p.kind, Label: labelOr(ps.Label, p.label)}
	for _, cs := range ps.Columns {
		i, ok := byKey[cs.Key]
		if !ok || !cs.Visible {
			continue
		}
		col := p.cols[i].Column
		col.Label = labelOr(cs.Label, col.Label)
		t.Columns = append(t.Columns, col)
		getters = append(getters, p.cols[i].get)
	}
	uniqueLabels(t.Columns)
	rows := p.rows(d)
	t.Len = len(rows)
	t.Row = func(i int, dst []Cell) {
		for j, g := range getters {
			dst[j] = g(d, rows[i])
		}
	}
	return t
}

func labelOr(label, def string) string {
	if label != "" {
		return label
	}
	return def
}

// uniqueLabels makes header labels distinct (Excel tables require it) by
// numbering repeats: "Name", "Name (2)".
func uniqueLabels(cols []Column) {
	seen := map[string]int{}
	for i := range cols {
		base := cols[i].Label
		seen[base]++
		for n := seen[base]; n > 1; n++ {
			l := fmt.Sprintf("%s (%d)", base, n)
			if seen[l] == 0 {
				cols[i].Label = l
				seen[l] = 1
				break
			}
		}
	}
}

// Registry is the set of part types, in default sheet order.
type Registry struct {
	order []types.PartKind
	parts map[types.PartKind]Part
}

// NewRegistry returns the built-in parts: Summary, Users, Licenses, MFA,
// Reclaim, Right-size, Renewals, Assignment Errors, Security. A new part
// type is one more Add here. The licensing and security parts are empty in
// this registry (it gives their shape); a document built from a report's
// runs uses registryWith its views.
func NewRegistry() *Registry { return registryWith(nil) }

// registryWith is the built-in parts over a document's views.
func registryWith(vw *docViews) *Registry {
	r := &Registry{parts: map[types.PartKind]Part{}}
	r.Add(summaryPart{})
	r.Add(usersPartWith(vw))
	r.Add(licensesPart())
	r.Add(mfaPartWith(vw))
	r.Add(reclaimPart())
	r.Add(rightSizePart(vw))
	r.Add(renewalsPart(vw))
	r.Add(assignmentErrorsPart(vw))
	r.Add(securityPart(vw))
	r.Add(newComparePart(nil)) // What changed: a sheet only when a comparison exists
	return r
}

// Add registers (or replaces) a part type; new kinds go last.
func (r *Registry) Add(p Part) {
	if _, ok := r.parts[p.Kind()]; !ok {
		r.order = append(r.order, p.Kind())
	}
	r.parts[p.Kind()] = p
}

// Part returns the part type of a kind.
func (r *Registry) Part(k types.PartKind) (Part, bool) {
	p, ok := r.parts[k]
	return p, ok
}

// Kinds lists the registered kinds in default order.
func (r *Registry) Kinds() []types.PartKind { return append([]types.PartKind(nil), r.order...) }

// DefaultParts is the layout of a new template: every part enabled, default
// labels, default visibility.
func (r *Registry) DefaultParts() []types.PartSettings {
	out := make([]types.PartSettings, 0, len(r.order))
	for _, k := range r.order {
		p := r.parts[k]
		ps := types.PartSettings{Kind: k, Label: p.DefaultLabel(), Enabled: true}
		for _, c := range p.Columns() {
			ps.Columns = append(ps.Columns, types.ColumnSetting{Key: c.Key, Label: c.Label, Visible: !c.Hidden})
		}
		out = append(out, ps)
	}
	return out
}

// Resolve normalises a template's stored settings against the registry:
// unknown parts and columns are dropped, empty labels get defaults, columns
// the registry gained since the settings were saved are appended with their
// default visibility, and parts the settings lack are appended (enabled) —
// so a template saved before the Contacts part existed picks it up.
func (r *Registry) Resolve(parts []types.PartSettings) []types.PartSettings {
	return r.resolve(parts, true)
}

// ResolveFrozen normalises a report version's settings: like Resolve, but
// parts and columns the registry gained later are appended disabled and
// hidden, so a final version reopened years later shows what it showed.
func (r *Registry) ResolveFrozen(parts []types.PartSettings) []types.PartSettings {
	return r.resolve(parts, false)
}

func (r *Registry) resolve(parts []types.PartSettings, addNew bool) []types.PartSettings {
	out := make([]types.PartSettings, 0, len(r.order))
	seen := map[types.PartKind]bool{}
	for _, ps := range parts {
		p, ok := r.parts[ps.Kind]
		if !ok || seen[ps.Kind] {
			continue
		}
		seen[ps.Kind] = true
		out = append(out, resolvePart(p, ps, addNew))
	}
	for _, k := range r.order {
		if !seen[k] {
			p := r.parts[k]
			out = append(out, resolvePart(p, types.PartSettings{Kind: k, Enabled: addNew}, addNew))
		}
	}
	return out
}

func resolvePart(p Part, ps types.PartSettings, addNew bool) types.PartSettings {
	cols := p.Columns()
	def := make(map[string]Column, len(cols))
	for _, c := range cols {
		def[c.Key] = c
	}
	res := types.PartSettings{Kind: ps.Kind, Label: labelOr(ps.Label, p.DefaultLabel()), Enabled: ps.Enabled}
	used := map[string]bool{}
	for _, cs := range ps.Columns {
		c, ok := def[cs.Key]
		if !ok || used[cs.Key] {
			continue
		}
		used[cs.Key] = true
		res.Columns = append(res.Columns, types.ColumnSetting{Key: cs.Key, Label: labelOr(cs.Label, c.Label), Visible: cs.Visible})
	}
	// A part stored without columns has the defaults; otherwise columns it
	// lacks are new since it was saved.
	fresh := addNew || len(ps.Columns) == 0
	for _, c := range cols {
		if !used[c.Key] {
			res.Columns = append(res.Columns, types.ColumnSetting{Key: c.Key, Label: c.Label, Visible: !c.Hidden && fresh})
		}
	}
	return res
}
