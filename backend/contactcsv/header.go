package contactcsv

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// HeaderRow is a file's header as read, for a column-mapping step.
type HeaderRow struct {
	Encoding  string   `json:"encoding"`
	Delimiter string   `json:"delimiter"`
	Line      int      `json:"line"`
	Columns   []string `json:"columns"`
}

// Header reads a file's header row only (decoded and with its delimiter
// detected as Parse does), so a caller can offer its columns for the
// generic preset's mapping. It fails like Parse when the file or its first
// row cannot be read.
func Header(data []byte) (h HeaderRow, err error) {
	defer func() {
		if r := recover(); r != nil {
			h, err = HeaderRow{}, fail(1, "report this file to the TenantLens developers", "internal error while reading the file: %v", r)
		}
	}()
	if len(data) > MaxFileSize {
		return HeaderRow{}, fail(1, "split the export into smaller files", "the file is larger than %d MiB", MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return HeaderRow{}, fail(1, "export the contacts again; the file is empty", "the file is empty")
	}
	text, enc, derr := decode(data)
	if derr != nil {
		return HeaderRow{}, derr
	}
	if e := checkText(text); e != nil {
		return HeaderRow{}, e
	}
	text, delim, skipped := detectDelimiter(text)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	rec, rerr := r.Read()
	if rerr != nil {
		return HeaderRow{}, fail(1+skipped, remedyReexport, "the header row cannot be read: %v", rerr)
	}
	cols := make([]string, 0, len(rec))
	for _, c := range rec {
		cols = append(cols, clean(c))
	}
	line, _ := r.FieldPos(0)
	return HeaderRow{Encoding: enc, Delimiter: string(delim), Line: line + skipped, Columns: cols}, nil
}
