package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/types"
)

// progressEvery is how many rows pass between progress callbacks.
const progressEvery = 2000

// styles are the workbook's cell styles, created once per file.
type styles struct {
	header, title, label              int
	text, integer, number, pct, money int
	date, dateTime                    int
	mfaEnabled, mfaDisabled, mfaOther int
	changeInt, changePct, moneyChange int
	note                              int
}

func currencyFormat(cur string) string {
	sym := map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "JPY": "¥", "INR": "₹"}[cur]
	switch {
	case cur == "":
		return "#,##0.00"
	case sym != "":
		return `"` + sym + `"#,##0.00;-"` + sym + `"#,##0.00`
	}
	return `#,##0.00" ` + cur + `";-#,##0.00" ` + cur + `"`
}

func newStyles(f *excelize.File, currency string) (*styles, error) {
	var st styles
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	fmtp := func(s string) *string { return &s }
	money := currencyFormat(currency)
	mk(&st.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	mk(&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}})
	mk(&st.text, &excelize.Style{NumFmt: 49}) // "@": typed text stays text
	mk(&st.integer, &excelize.Style{NumFmt: 3})
	mk(&st.number, &excelize.Style{NumFmt: 4})
	mk(&st.pct, &excelize.Style{CustomNumFmt: fmtp("0.0%")})
	mk(&st.money, &excelize.Style{CustomNumFmt: fmtp(money)})
	mk(&st.date, &excelize.Style{CustomNumFmt: fmtp("yyyy-mm-dd")})
	mk(&st.dateTime, &excelize.Style{CustomNumFmt: fmtp("yyyy-mm-dd hh:mm")})
	mk(&st.mfaEnabled, &excelize.Style{Font: &excelize.Font{Color: "1E7B34"}})
	mk(&st.mfaDisabled, &excelize.Style{Font: &excelize.Font{Color: "C00000", Bold: true}})
	mk(&st.mfaOther, &excelize.Style{Font: &excelize.Font{Color: "7F7F7F", Italic: true}})
	mk(&st.changeInt, &excelize.Style{CustomNumFmt: fmtp("+#,##0;-#,##0;0")})
	mk(&st.changePct, &excelize.Style{CustomNumFmt: fmtp("+0.0%;-0.0%;0.0%")})
	mk(&st.moneyChange, &excelize.Style{CustomNumFmt: fmtp("+" + strings.SplitN(money, ";", 2)[0] + ";-" + strings.SplitN(money, ";", 2)[0])})
	mk(&st.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}})
	return &st, err
}

// styleFor picks a cell's style; change is set for Summary deltas.
func (st *styles) styleFor(c Cell, change bool) int {
	switch c.Kind {
	case KindInt:
		if change {
			return st.changeInt
		}
		return st.integer
	case KindNumber:
		return st.number
	case KindCurrency:
		if change {
			return st.moneyChange
		}
		return st.money
	case KindPercent:
		if change {
			return st.changePct
		}
		return st.pct
	case KindDate:
		return st.date
	case KindDateTime:
		return st.dateTime
	case KindMFA:
		switch types.MFAStatus(c.Text) {
		case types.MFAEnabled:
			return st.mfaEnabled
		case types.MFADisabled:
			return st.mfaDisabled
		}
		return st.mfaOther
	}
	return st.text
}

// xlsxValue is the typed value excelize writes: strings stay inline text
// (never a formula, whatever they start with), numbers numbers, dates
// Excel serial dates.
func xlsxValue(c Cell) any {
	if c.Null {
		return nil
	}
	switch c.Kind {
	case KindInt:
		return int64(c.Num)
	case KindNumber, KindCurrency, KindPercent:
		return c.Num
	case KindDate, KindDateTime:
		return c.Time
	}
	return c.Text
}

// sheetNamer makes sheet names Excel accepts: no []:*?/\, at most 31
// characters, not blank, unique ignoring case.
type sheetNamer map[string]bool

func (n sheetNamer) name(label, fallback string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(label))
	s = strings.Trim(s, "'")
	if s == "" {
		s = fallback
	}
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	base := s
	for i := 2; n[strings.ToLower(s)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(base)
		if len(r)+len(suffix) > 31 {
			r = r[:31-len(suffix)]
		}
		s = string(r) + suffix
	}
	n[strings.ToLower(s)] = true
	return s
}

// tableName is a valid, unique Excel table name for a part kind.
func tableName(kind types.PartKind, used map[string]bool) string {
	var b strings.Builder
	b.WriteString("tbl")
	for _, r := range string(kind) {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	name := b.String()
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s%d", b.String(), i)
	}
	used[name] = true
	return name
}

// workbook writes tables into an excelize file.
type workbook struct {
	f      *excelize.File
	st     *styles
	names  sheetNamer
	tables map[string]bool
	first  bool // the default "Sheet1" not yet reused
	done   int
	total  int
	report func(done, total int)
	print  printInfo
	rows   map[string]sheetRows // sheet name → its streamed data rows

	usedRow, usedCol int // the Summary's used range so far
}

func newWorkbook(currency string, total int, progress func(done, total int)) (*workbook, error) {
	f := excelize.NewFile()
	st, err := newStyles(f, currency)
	if err != nil {
		f.Close()
		return nil, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	return &workbook{f: f, st: st, names: sheetNamer{}, tables: map[string]bool{}, first: true, total: total, report: progress,
		rows: map[string]sheetRows{}}, nil
}

// sheet creates the next sheet (reusing the blank first one).
func (w *workbook) sheet(label, fallback string) (string, error) {
	name := w.names.name(label, fallback)
	if w.first {
		w.first = false
		return name, w.f.SetSheetName(w.f.GetSheetName(0), name)
	}
	_, err := w.f.NewSheet(name)
	return name, err
}

func (w *workbook) advance(n int) {
	w.done += n
	w.report(w.done, w.total)
}

// writeTable lays out one table on a new sheet: widths, a frozen header,
// an Excel table with autofilter, print setup and the used range. The data
// rows (typed, styled cells) and any extra rows after the table (totals)
// are written when the file is saved (see sheetInjector).
func (w *workbook) writeTable(t Table, extra [][]styledCell) error {
	name, err := w.sheet(t.Label, string(t.Kind))
	if err != nil {
		return err
	}
	f := w.f
	ncol := len(t.Columns)
	for i, c := range t.Columns {
		width := c.Width
		if width <= 0 {
			width = 14
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range t.Columns {
		if err := f.SetCellStr(name, cellRef(i+1, 1), c.Label); err != nil {
			return err
		}
	}
	if ncol > 0 {
		if err := f.SetCellStyle(name, "A1", cellRef(ncol, 1), w.st.header); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, 1, 30); err != nil {
			return err
		}
		last := cellRef(ncol, max(2, t.Len+1))
		if err := f.AddTable(name, &excelize.Table{Range: "A1:" + last, Name: tableName(t.Kind, w.tables), StyleName: "TableStyleMedium2"}); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	// Used range: the header, the data rows, the extra rows (two rows
	// below the table).
	lastRow, lastCol := 1, max(1, ncol)
	if ncol > 0 {
		lastRow = t.Len + 1
	}
	extraTop := max(2, t.Len+1) + 2
	if len(extra) > 0 {
		lastRow = extraTop + len(extra) - 1
		for _, r := range extra {
			lastCol = max(lastCol, len(r))
		}
	}
	if err := f.SetSheetDimension(name, "A1:"+cellRef(lastCol, lastRow)); err != nil {
		return err
	}
	if err := w.printSetup(name); err != nil {
		return err
	}
	w.rows[name] = func(out io.Writer) error {
		e := rowEncoder{buf: make([]byte, 0, 64<<10)}
		flush := func() error {
			_, err := out.Write(e.buf)
			e.buf = e.buf[:0]
			return err
		}
		vals := make([]Cell, ncol)
		for r := 0; r < t.Len && ncol > 0; r++ {
			t.Row(r, vals)
			e.startRow(r + 2)
			for i, c := range vals {
				e.cell(i, r+2, c, w.st.styleFor(c, false))
			}
			e.endRow()
			if len(e.buf) >= 48<<10 {
				if err := flush(); err != nil {
					return err
				}
			}
			if (r+1)%progressEvery == 0 {
				w.advance(progressEvery)
			}
		}
		w.advance(t.Len % progressEvery)
		for i, row := range extra {
			e.startRow(extraTop + i)
			for j, c := range row {
				e.cell(j, extraTop+i, c.Cell, c.style)
			}
			e.endRow()
		}
		return flush()
	}
	return nil
}

// reclaimTotals are the per-reason totals written below the Reclaim table.
func (w *workbook) reclaimTotals(d *Dataset) [][]styledCell {
	out := [][]styledCell{{
		{textCell("Totals"), w.st.label},
		{textCell("Users"), w.st.label},
		{textCell("Monthly Cost"), w.st.label},
	}}
	for _, t := range d.ReclaimTotals() {
		style := 0
		if t.Reason == "Total" {
			style = w.st.label
		}
		out = append(out, []styledCell{
			{textCell(t.Reason), style},
			{intCell(t.Users), w.st.integer},
			{moneyCell(t.MonthlyCost), w.st.money},
		})
	}
	return out
}

// write saves the file to out. The archive is written straight to out
// (not assembled in memory first) with the table sheets' rows streamed
// into it.
func (w *workbook) write(out io.Writer) error {
	w.f.SetActiveSheet(0)
	paths := map[string]sheetRows{}
	for id, name := range w.f.GetSheetMap() {
		if rows, ok := w.rows[name]; ok {
			// excelize names a new file's worksheet parts by sheet ID.
			paths[fmt.Sprintf("xl/worksheets/sheet%d.xml", id)] = rows
		}
	}
	if len(paths) != len(w.rows) {
		return fmt.Errorf("writing workbook: %d of %d table sheets found; this is a bug in TenantLens, please report it", len(paths), len(w.rows))
	}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return newSheetInjector(out, paths) })
	if err := w.f.Write(out); err != nil {
		return fmt.Errorf("writing workbook: %w", err)
	}
	return nil
}

// WriteWorkbook writes a report document as an .xlsx workbook: one sheet
// per enabled part in template order (Summary with KPIs, deltas and charts;
// the others as Excel tables). progress is called with rows written so far.
func WriteWorkbook(out io.Writer, doc *Document, progress func(done, total int)) error {
	tables := doc.Tables()
	total := 0
	for _, t := range tables {
		total += t.Len
	}
	w, err := newWorkbook(doc.Data.Currency, total, progress)
	if err != nil {
		return err
	}
	w.print = printInfoOf(doc.Data)
	defer w.f.Close()
	for _, t := range tables {
		switch t.Kind {
		case types.PartSummary:
			err = w.writeSummary(doc, t)
		case types.PartReclaim:
			err = w.writeTable(t, w.reclaimTotals(doc.Data))
		case PartCompare:
			err = w.writeTable(t, w.compareTotals(doc))
		case PartClientTenants:
			if doc.hasPart(types.PartSummary) {
				w.advance(t.Len) // written on the Summary sheet (clientBreakdown)
				continue
			}
			err = w.writeTable(t, nil)
		default:
			err = w.writeTable(t, nil)
		}
		if err != nil {
			return err
		}
	}
	if len(tables) == 0 {
		if err := w.writeSummary(doc, Table{Kind: types.PartSummary, Label: "Summary"}); err != nil {
			return err
		}
	}
	return w.write(out)
}
