package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// utf8BOM makes Excel open the CSV as UTF-8.
const utf8BOM = "\uFEFF"

// Neutralize defuses a directory value that a spreadsheet would run as a
// formula: a value beginning with = + - @, tab or carriage return gets a
// leading apostrophe, so it stays text.
func Neutralize(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvText is how a cell reads in CSV: plain numbers with a dot, ISO dates,
// percentages with a % sign, money with two decimals and no symbol.
func csvText(c Cell) string {
	if c.Null {
		return ""
	}
	switch c.Kind {
	case KindInt:
		return strconv.FormatInt(int64(c.Num), 10)
	case KindNumber:
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	case KindCurrency:
		return strconv.FormatFloat(c.Num, 'f', 2, 64)
	case KindPercent:
		return strconv.FormatFloat(c.Num*100, 'f', 1, 64) + "%"
	case KindDate:
		return c.Time.Format("2006-01-02")
	case KindDateTime:
		return c.Time.Format("2006-01-02 15:04")
	}
	return Neutralize(c.Text)
}

// WriteCSV writes one table as CSV: UTF-8 with BOM, CRLF line ends, the
// visible columns' labels as header, text cells neutralised.
func WriteCSV(out io.Writer, t Table) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = Neutralize(c.Label)
	}
	if err := w.Write(rec); err != nil {
		return err
	}
	vals := make([]Cell, len(t.Columns))
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		for i, c := range vals {
			rec[i] = csvText(c)
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// csvFileName is the file for one table of a multi-part CSV export:
// "<stem> - <label>.csv" beside out.
func csvFileName(out string, label string) string {
	stem := strings.TrimSuffix(out, ".csv")
	safe := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"/\|?*`, r) || r < 32 {
			return '-'
		}
		return r
	}, label)
	return stem + " - " + safe + ".csv"
}
