package report

import (
	"fmt"
	"tenantlens/backend/review"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/types"
)

// Document is what an export renders: a dataset, the layout (resolved
// against the registry) and a title (the template name).
type Document struct {
	Title    string
	Data     *Dataset
	Parts    []types.PartSettings
	Registry *Registry
	// Client is set for a client report: Data then holds the client's
	// totals, and the parts span its tenants.
	Client *review.ClientData
}

// NewDocument resolves a template's parts against reg (nil =
// NewRegistry(); no parts = the defaults).
func NewDocument(title string, d *Dataset, parts []types.PartSettings, reg *Registry) *Document {
	if reg == nil {
		reg = NewRegistry()
	}
	if len(parts) == 0 {
		parts = reg.DefaultParts()
	}
	return &Document{Title: title, Data: d, Parts: reg.Resolve(parts), Registry: reg}
}

// versionDocument resolves a report version's frozen parts: parts and
// columns added to the registry after the version was made stay out.
func versionDocument(title string, d *Dataset, parts []types.PartSettings, reg *Registry) *Document {
	return &Document{Title: title, Data: d, Parts: reg.ResolveFrozen(parts), Registry: reg}
}

// Tables lays out every enabled part, in order.
func (doc *Document) Tables() []Table {
	var out []Table
	for _, ps := range doc.Parts {
		if !ps.Enabled {
			continue
		}
		if p, ok := doc.Registry.Part(ps.Kind); ok && !isAbsent(p) {
			out = append(out, p.Table(doc.Data, ps))
		}
	}
	return out
}

func cellRef(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// writeSummary writes the Summary sheet: heading block, the KPI table
// (Metric, Value, Previous, Change) as an Excel table, notes, the chart
// data and two charts (MFA coverage, licence utilisation).
func (w *workbook) writeSummary(doc *Document, t Table) error {
	d := doc.Data
	name, err := w.sheet(t.Label, "Summary")
	if err != nil {
		return err
	}
	f, st := w.f, w.st
	w.usedRow, w.usedCol = 1, 1
	set := func(col, row int, v any, style int) {
		if err != nil || v == nil {
			return
		}
		w.mark(col, row)
		ref := cellRef(col, row)
		if err = f.SetCellValue(name, ref, v); err == nil && style != 0 {
			err = f.SetCellStyle(name, ref, ref, style)
		}
	}
	title := doc.Title
	if title == "" {
		title = "Tenant review"
		if doc.Client != nil {
			title = "Client review"
		}
	}
	set(1, 1, title+": "+d.TenantName, st.title)
	info := []infoLine{
		{"Tenant", d.TenantName, st.text},
		{"Default domain", d.DefaultDomain, st.text},
		{"Data as of (UTC)", d.DataDate, st.dateTime},
		{"Inactive after (days)", d.InactiveDays, st.integer},
		{"Currency", currencyText(d.Currency), st.text},
	}
	if doc.Client != nil {
		info = w.clientInfo(doc)
	}
	if d.PrevDate != nil {
		info = append(info, infoLine{"Previous version data (UTC)", *d.PrevDate, st.dateTime})
	}
	row := 2
	for _, in := range info {
		set(1, row, in.label, st.label)
		set(2, row, in.value, in.style)
		row++
	}
	for _, wd := range []struct {
		col   string
		width float64
	}{{"A", 34}, {"B", 18}, {"C", 18}, {"D", 16}, {"F", 34}, {"G", 12}, {"H", 12}} {
		if err == nil {
			err = f.SetColWidth(name, wd.col, wd.col, wd.width)
		}
	}

	// KPI table.
	top := row + 1
	for i, c := range t.Columns {
		set(i+1, top, c.Label, st.header)
	}
	vals := make([]Cell, len(t.Columns))
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		for i, c := range vals {
			switch {
			case c.Null && i == 1 && c.Kind == KindPercent:
				set(i+1, top+1+r, "Unavailable", st.mfaOther)
			case c.Null && (i == 1 || i == 2 && d.Prev != nil) && c.Kind == KindCurrency:
				set(i+1, top+1+r, noMoneyText(d.Currency), st.mfaOther)
			case c.Null:
			case i == 0:
				set(i+1, top+1+r, c.Text, st.label)
			default:
				set(i+1, top+1+r, xlsxValue(c), st.styleFor(c, i == 3))
			}
		}
	}
	if err != nil {
		return err
	}
	if len(t.Columns) > 0 {
		if err := f.AddTable(name, &excelize.Table{
			Range: cellRef(1, top) + ":" + cellRef(len(t.Columns), top+max(1, t.Len)),
			Name:  tableName(types.PartSummary, w.tables), StyleName: "TableStyleMedium2",
		}); err != nil {
			return fmt.Errorf("summary table: %w", err)
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: cellRef(1, top+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	row = top + max(1, t.Len) + 2
	for _, n := range d.Notes {
		set(1, row, n, st.note)
		row++
	}
	if err != nil {
		return err
	}
	if doc.Client != nil {
		if err := w.clientBreakdown(name, doc, row+1); err != nil {
			return err
		}
	}
	if err := w.summaryCharts(name, d); err != nil {
		return err
	}
	if err := f.SetSheetDimension(name, "A1:"+cellRef(w.usedCol, w.usedRow)); err != nil {
		return err
	}
	if err := w.printSetup(name); err != nil {
		return err
	}
	w.advance(t.Len)
	return nil
}

// infoLine is one line of the Summary's heading block.
type infoLine struct {
	label string
	value any
	style int
}

// currencyText is the Summary's currency line.
func currencyText(cur string) string {
	if cur == "" || cur == review.Mixed {
		return noMoneyText(cur)
	}
	return cur
}

// mark records a written cell in the Summary's used range.
func (w *workbook) mark(col, row int) {
	w.usedCol, w.usedRow = max(w.usedCol, col), max(w.usedRow, row)
}

// summaryCharts writes the chart data at F..H and the two charts beside it.
func (w *workbook) summaryCharts(name string, d *Dataset) error {
	f, st := w.f, w.st
	var err error
	set := func(ref string, v any, style int) {
		if err == nil {
			col, row, _ := excelize.CellNameToCoordinates(ref)
			w.mark(col, row)
			if err = f.SetCellValue(name, ref, v); err == nil && style != 0 {
				err = f.SetCellStyle(name, ref, ref, style)
			}
		}
	}
	k := d.KPI
	set("F2", "MFA registration", st.label)
	set("G2", "Users", st.label)
	set("F3", "Registered", 0)
	set("G3", k.MFARegistered, st.integer)
	set("F4", "Not registered", 0)
	set("G4", k.MFAEligible-k.MFARegistered, st.integer)

	set("F6", "License utilization", st.label)
	set("G6", "Assigned", st.label)
	set("H6", "Available", st.label)
	n := 0
	for _, l := range d.Licenses {
		if l.Free {
			continue
		}
		r := 7 + n
		set(cellRef(6, r), l.Name, 0)
		set(cellRef(7, r), l.Assigned, st.integer)
		set(cellRef(8, r), l.Available, st.integer)
		n++
	}
	if err != nil {
		return err
	}
	q := "'" + name + "'!"
	if k.MFAAvailable && k.MFAEligible > 0 {
		if err := f.AddChart(name, "J2", &excelize.Chart{
			Type:      excelize.Doughnut,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "MFA coverage"}}},
			Series:    []excelize.ChartSeries{{Name: q + "$G$2", Categories: q + "$F$3:$F$4", Values: q + "$G$3:$G$4"}},
			Legend:    excelize.ChartLegend{Position: "right"},
			PlotArea:  excelize.ChartPlotArea{ShowPercent: true},
			Dimension: excelize.ChartDimension{Width: 480, Height: 260},
		}); err != nil {
			return fmt.Errorf("MFA chart: %w", err)
		}
	}
	if n > 0 {
		last := 6 + n
		if err := f.AddChart(name, "J17", &excelize.Chart{
			Type:  excelize.BarStacked,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "License utilization"}}},
			Series: []excelize.ChartSeries{
				{Name: q + "$G$6", Categories: fmt.Sprintf("%s$F$7:$F$%d", q, last), Values: fmt.Sprintf("%s$G$7:$G$%d", q, last)},
				{Name: q + "$H$6", Categories: fmt.Sprintf("%s$F$7:$F$%d", q, last), Values: fmt.Sprintf("%s$H$7:$H$%d", q, last)},
			},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 480, Height: uint(140 + 24*n)},
		}); err != nil {
			return fmt.Errorf("license chart: %w", err)
		}
	}
	return nil
}
