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
	return &workbook{f: f, st: st, names: sheetNamer{}, tables: map[string]bool{}, first: true, total: total, report: progress}, nil
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

// writeTable streams one table to a new sheet: widths, frozen header, typed
// cells, an Excel table with autofilter over it. extra rows (totals) may be
// written after the table by the after callback.
func (w *workbook) writeTable(t Table, after func(sw *excelize.StreamWriter, nextRow int) error) error {
	name, err := w.sheet(t.Label, string(t.Kind))
	if err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	ncol := max(1, len(t.Columns))
	for i, c := range t.Columns {
		width := c.Width
		if width <= 0 {
			width = 14
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, ncol)
	cells := make([]excelize.Cell, ncol)
	for i, c := range t.Columns {
		cells[i] = excelize.Cell{StyleID: w.st.header, Value: c.Label}
		row[i] = cells[i]
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	vals := make([]Cell, len(t.Columns))
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		for i, c := range vals {
			if v := xlsxValue(c); v != nil {
				cells[i] = excelize.Cell{StyleID: w.st.styleFor(c, false), Value: v}
				row[i] = &cells[i]
			} else {
				row[i] = nil
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, row); err != nil {
			return err
		}
		if (r+1)%progressEvery == 0 {
			w.advance(progressEvery)
		}
	}
	w.advance(t.Len % progressEvery)
	if len(t.Columns) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(t.Columns), max(2, t.Len+1))
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: tableName(t.Kind, w.tables), StyleName: "TableStyleMedium2"}); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if after != nil {
		if err := after(sw, max(2, t.Len+1)+2); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// reclaimTotals writes the per-reason totals below the Reclaim table.
func (w *workbook) reclaimTotals(d *Dataset) func(*excelize.StreamWriter, int) error {
	return func(sw *excelize.StreamWriter, r int) error {
		hdr := []any{
			excelize.Cell{StyleID: w.st.label, Value: "Totals"},
			excelize.Cell{StyleID: w.st.label, Value: "Users"},
			excelize.Cell{StyleID: w.st.label, Value: "Monthly Cost"},
		}
		ref, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(ref, hdr); err != nil {
			return err
		}
		for i, t := range d.ReclaimTotals() {
			style := 0
			if t.Reason == "Total" {
				style = w.st.label
			}
			ref, _ := excelize.CoordinatesToCellName(1, r+1+i)
			if err := sw.SetRow(ref, []any{
				excelize.Cell{StyleID: style, Value: t.Reason},
				excelize.Cell{StyleID: w.st.integer, Value: t.Users},
				excelize.Cell{StyleID: w.st.money, Value: t.MonthlyCost},
			}); err != nil {
				return err
			}
		}
		return nil
	}
}

func (w *workbook) write(out io.Writer) error {
	w.f.SetActiveSheet(0)
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
	defer w.f.Close()
	for _, t := range tables {
		switch t.Kind {
		case types.PartSummary:
			err = w.writeSummary(doc, t)
		case types.PartReclaim:
			err = w.writeTable(t, w.reclaimTotals(doc.Data))
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
