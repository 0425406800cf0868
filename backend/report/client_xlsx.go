package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/types"
)

// hasPart reports whether the document shows an enabled part of a kind.
func (doc *Document) hasPart(kind types.PartKind) bool {
	_, ok := doc.table(kind)
	return ok
}

// table lays out the document's enabled part of a kind.
func (doc *Document) table(kind types.PartKind) (Table, bool) {
	for _, ps := range doc.Parts {
		if ps.Kind != kind || !ps.Enabled {
			continue
		}
		if p, ok := doc.Registry.Part(kind); ok {
			return p.Table(doc.Data, ps), true
		}
	}
	return Table{}, false
}

// clientInfo is the heading block of a client's Summary.
func (w *workbook) clientInfo(doc *Document) []infoLine {
	d, cd, st := doc.Data, doc.Client, w.st
	return []infoLine{
		{"Client", cd.Client.Name, st.text},
		{"Tenants in the figures", len(cd.Tenants), st.integer},
		{"Active contacts", cd.Client.Contacts, st.integer},
		{"Data as of (UTC, oldest tenant)", d.DataDate, st.dateTime},
		{"Inactive after (days)", d.InactiveDays, st.integer},
		{"Currency", currencyText(d.Currency), st.text},
	}
}

// breakdownTop is the first row the per-tenant table may use: below the
// MFA chart beside the KPI table.
const breakdownTop = 18

// clientBreakdown writes the per-tenant table (each tenant's own KPIs) on
// the Summary sheet from row (or below the chart), as an Excel table.
func (w *workbook) clientBreakdown(name string, doc *Document, row int) error {
	t, ok := doc.table(PartClientTenants)
	if !ok || len(t.Columns) == 0 {
		return nil
	}
	f, st := w.f, w.st
	row = max(row, breakdownTop)
	var err error
	set := func(col, r int, v any, style int) {
		if err != nil || v == nil {
			return
		}
		w.mark(col, r)
		ref := cellRef(col, r)
		if err = f.SetCellValue(name, ref, v); err == nil && style != 0 {
			err = f.SetCellStyle(name, ref, ref, style)
		}
	}
	set(1, row, t.Label, st.label)
	head := row + 1
	for i, c := range t.Columns {
		set(i+1, head, c.Label, st.header)
	}
	vals := make([]Cell, len(t.Columns))
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		for i, c := range vals {
			set(i+1, head+1+r, xlsxValue(c), st.styleFor(c, false))
		}
	}
	if err != nil {
		return err
	}
	if err := f.AddTable(name, &excelize.Table{
		Range: cellRef(1, head) + ":" + cellRef(len(t.Columns), head+max(1, t.Len)),
		Name:  tableName(PartClientTenants, w.tables), StyleName: "TableStyleMedium2",
	}); err != nil {
		return fmt.Errorf("tenant breakdown table: %w", err)
	}
	return nil
}
