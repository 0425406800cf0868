package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Why the table rows bypass excelize's StreamWriter: a StreamWriter keeps
// each sheet's XML in a 16 MB+ in-memory buffer (spilling to a temp file)
// that stays allocated until the file is closed, builds a struct per cell,
// and excelize's Write assembles the whole .xlsx in memory before copying
// it out. At 100,000 users that was most of the workbook's peak RSS.
//
// Instead excelize builds each table sheet as a small skeleton (header row,
// widths, panes, table, print setup, dimension) and the data rows are
// encoded straight from the dataset into the zip entry while excelize saves
// the file (sheetInjector): no per-sheet buffer, no temp file, no in-memory
// copy of the archive.

// styledCell is a value with the style it is written with.
type styledCell struct {
	Cell
	style int
}

// rowEncoder appends SpreadsheetML rows and cells to a reusable buffer.
// Values are written the way excelize writes them (inline strings, numbers
// with the shortest exact decimal form, dates as 1900-system serials).
type rowEncoder struct {
	buf     []byte
	cols    []string // column letters, 1-based index-1
	scratch bytes.Buffer
}

func (e *rowEncoder) colName(i int) string {
	for len(e.cols) <= i {
		n, _ := excelize.ColumnNumberToName(len(e.cols) + 1)
		e.cols = append(e.cols, n)
	}
	return e.cols[i]
}

func (e *rowEncoder) startRow(r int) {
	e.buf = append(e.buf, `<row r="`...)
	e.buf = strconv.AppendInt(e.buf, int64(r), 10)
	e.buf = append(e.buf, `">`...)
}

func (e *rowEncoder) endRow() { e.buf = append(e.buf, `</row>`...) }

// cell appends cell (col is 0-based) of row r; null and empty text cells
// are left out.
func (e *rowEncoder) cell(col, r int, c Cell, style int) {
	if c.Null {
		return
	}
	var num float64
	isText := false
	switch c.Kind {
	case KindInt:
		num = math.Trunc(c.Num)
	case KindNumber, KindCurrency, KindPercent:
		num = c.Num
	case KindDate, KindDateTime:
		v, ok := excelSerial(c.Time)
		if !ok {
			return
		}
		num = v
	default:
		if c.Text == "" {
			return
		}
		isText = true
	}
	if !isText && (math.IsNaN(num) || math.IsInf(num, 0)) {
		return
	}
	e.buf = append(e.buf, `<c r="`...)
	e.buf = append(e.buf, e.colName(col)...)
	e.buf = strconv.AppendInt(e.buf, int64(r), 10)
	e.buf = append(e.buf, '"')
	if style != 0 {
		e.buf = append(e.buf, ` s="`...)
		e.buf = strconv.AppendInt(e.buf, int64(style), 10)
		e.buf = append(e.buf, '"')
	}
	if isText {
		e.buf = append(e.buf, ` t="inlineStr"><is><t`...)
		s := cellText(c.Text)
		if needsPreserve(s) {
			e.buf = append(e.buf, ` xml:space="preserve"`...)
		}
		e.buf = append(e.buf, '>')
		e.appendEscaped(s)
		e.buf = append(e.buf, `</t></is></c>`...)
		return
	}
	e.buf = append(e.buf, `><v>`...)
	if c.Kind == KindInt {
		e.buf = strconv.AppendInt(e.buf, int64(num), 10)
	} else {
		e.buf = strconv.AppendFloat(e.buf, num, 'f', -1, 64)
	}
	e.buf = append(e.buf, `</v></c>`...)
}

// excelEpoch is day 0 of the 1900 date system for dates from 1900-03-01
// (Excel counts the non-existent 1900-02-29).
var (
	excelEpoch     = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelFirstDate = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	excelLastDate  = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

const dayNanos = int64(24 * time.Hour)

// excelSerial is t (its wall clock) as an Excel serial date; dates before
// 1900-03-01 or after 9999 have none.
func excelSerial(t time.Time) (float64, bool) {
	_, off := t.Zone()
	t = t.Add(time.Duration(off) * time.Second).UTC()
	if t.Before(excelFirstDate) || t.After(excelLastDate) {
		return 0, false
	}
	secs := t.Unix() - excelEpoch.Unix()
	days := secs / 86400
	rem := (secs%86400)*int64(time.Second) + int64(t.Nanosecond())
	return float64(days) + float64(rem)/float64(dayNanos), true
}

// maxCellChars is Excel's limit on a cell's text, in UTF-16 units.
const maxCellChars = excelize.TotalCellChars

// bstrEscape matches text Excel would read as an escaped character
// (_xHHHH_); such text is written with its underscore escaped.
var bstrEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// cellText is s as stored in a cell: cut to Excel's limit, and literal
// _xHHHH_ sequences escaped so they read back as typed.
func cellText(s string) string {
	if len(s) > maxCellChars {
		n, cut := 0, len(s)
		for i, r := range s {
			w := 1
			if r >= 0x10000 {
				w = 2
			}
			if n+w > maxCellChars {
				cut = i
				break
			}
			n += w
		}
		s = s[:cut]
	}
	if len(s) >= 7 && bytes.Contains([]byte(s), []byte("_x")) {
		s = bstrEscape.ReplaceAllStringFunc(s, func(m string) string {
			if v, err := strconv.ParseUint(m[2:6], 16, 32); err == nil && utf16.IsSurrogate(rune(v)) {
				return m
			}
			return "_x005F" + m
		})
	}
	return s
}

func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	for _, b := range []byte{'\t', '\n', '\r', ' '} {
		if s[0] == b || s[len(s)-1] == b {
			return true
		}
	}
	return false
}

// appendEscaped appends s as XML text; characters XML cannot carry become
// U+FFFD (as with encoding/xml), new lines stay literal.
func (e *rowEncoder) appendEscaped(s string) {
	plain := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= utf8.RuneSelf || b == '&' || b == '<' || b == '>' {
			plain = false
			break
		}
	}
	if plain {
		e.buf = append(e.buf, s...)
		return
	}
	e.scratch.Reset()
	_ = xml.EscapeText(&e.scratch, []byte(s))
	e.buf = append(e.buf, bytes.ReplaceAll(e.scratch.Bytes(), []byte("&#xA;"), []byte("\n"))...)
}

// sheetRows writes one sheet's data rows into w.
type sheetRows func(w io.Writer) error

// sheetInjector is the zip writer excelize saves through: entries pass to
// the archive (written straight to the output) unchanged, except the
// worksheets in rows, whose data rows are inserted before </sheetData>.
type sheetInjector struct {
	zw      *zip.Writer
	rows    map[string]sheetRows // worksheet part path → its rows
	done    map[string]bool
	name    string
	pending io.Writer
	skel    bytes.Buffer
}

func newSheetInjector(out io.Writer, rows map[string]sheetRows) *sheetInjector {
	return &sheetInjector{zw: zip.NewWriter(out), rows: rows, done: map[string]bool{}}
}

func (z *sheetInjector) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	w, err := z.zw.Create(name)
	if err != nil {
		return nil, err
	}
	if _, ok := z.rows[name]; !ok {
		return w, nil
	}
	z.name, z.pending = name, w
	z.skel.Reset()
	return &z.skel, nil
}

// finish writes the pending worksheet: skeleton up to </sheetData>, the
// rows, the rest of the skeleton.
func (z *sheetInjector) finish() error {
	if z.pending == nil {
		return nil
	}
	w, name := z.pending, z.name
	z.pending = nil
	s := z.skel.Bytes()
	var head, tail []byte
	if i := bytes.Index(s, []byte("</sheetData>")); i >= 0 {
		head, tail = s[:i], s[i:]
	} else if i := bytes.Index(s, []byte("<sheetData/>")); i >= 0 {
		head = append(append([]byte(nil), s[:i]...), "<sheetData>"...)
		tail = append([]byte("</sheetData>"), s[i+len("<sheetData/>"):]...)
	} else {
		return fmt.Errorf("writing %s: the worksheet has no sheetData element; this is a bug in TenantLens, please report it", name)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if _, err := bw.Write(head); err != nil {
		return err
	}
	if err := z.rows[name](bw); err != nil {
		return err
	}
	if _, err := bw.Write(tail); err != nil {
		return err
	}
	z.done[name] = true
	return bw.Flush()
}

func (z *sheetInjector) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *sheetInjector) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	for name := range z.rows {
		if !z.done[name] {
			return fmt.Errorf("writing the workbook: worksheet %s was not written; this is a bug in TenantLens, please report it", name)
		}
	}
	return z.zw.Close()
}
