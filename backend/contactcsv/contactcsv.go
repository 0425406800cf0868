// Package contactcsv parses contact CSV exports of a PSA (ConnectWise PSA,
// Autotask, HaloPSA, or any spreadsheet with a caller-given column mapping)
// into contacts. It is pure: bytes in, a Result or an error out, no I/O.
//
// The column names the PSAs write in their own exports are not documented
// (see ../shared/psa/PSA-FACTS.md section 2), so each preset recognises the
// REST API field names and the descriptive names of the vendor's import
// templates through a case-insensitive alias table.
//
// A file that cannot be read as a whole is rejected with an *Error naming the
// line, the reason and the remedy; there is never a partial Result. Rows that
// are readable but imperfect are kept and listed in Result.Problems.
package contactcsv

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Preset names a column layout.
type Preset string

const (
	// PresetAuto detects the preset from the header row.
	PresetAuto        Preset = ""
	PresetConnectWise Preset = "connectwise"
	PresetAutotask    Preset = "autotask"
	PresetHalo        Preset = "halo"
	PresetGeneric     Preset = "generic"
)

// MaxFileSize is the largest export Parse accepts.
const MaxFileSize = 64 << 20

// Mapping tells the generic preset which header column holds what. Each
// value is a header name as written in the file (matched case-insensitively,
// ignoring spaces and punctuation). Empty values are not mapped.
type Mapping struct {
	ID          string   `json:"id,omitempty"`
	CompanyID   string   `json:"companyId,omitempty"`
	Company     string   `json:"company,omitempty"`
	FirstName   string   `json:"firstName,omitempty"`
	LastName    string   `json:"lastName,omitempty"`
	DisplayName string   `json:"displayName,omitempty"`
	Title       string   `json:"title,omitempty"`
	Emails      []string `json:"emails,omitempty"`
	Phones      []string `json:"phones,omitempty"`
	// Active names a column whose true/yes/1/active means active.
	Active string `json:"active,omitempty"`
	// Inactive names a column whose true/yes/1/inactive means inactive.
	Inactive string `json:"inactive,omitempty"`
}

// Options select the preset. The zero value detects it.
type Options struct {
	Preset Preset
	// Mapping is used by the generic preset; giving it with PresetAuto
	// selects the generic preset. Without it the generic preset uses its
	// own alias table (email, first name, last name, company, ...).
	Mapping *Mapping
}

// Email is one address of a contact.
type Email struct {
	// Address is the address as written in the file, trimmed.
	Address string `json:"address"`
	// Key is the address lower-cased, for matching.
	Key string `json:"key"`
}

// Contact is one accepted row.
type Contact struct {
	// Line is the file line the row starts on (1 = header line).
	Line        int     `json:"line"`
	PSAID       string  `json:"psaId,omitempty"`
	CompanyID   string  `json:"companyId,omitempty"`
	Company     string  `json:"company,omitempty"`
	FirstName   string  `json:"firstName,omitempty"`
	LastName    string  `json:"lastName,omitempty"`
	DisplayName string  `json:"displayName,omitempty"`
	Title       string  `json:"title,omitempty"`
	Emails      []Email `json:"emails"`
	Phone       string  `json:"phone,omitempty"`
	Active      bool    `json:"active"`
}

// ProblemKind classifies a Problem.
type ProblemKind string

const (
	// ProblemNoEmail: the contact is kept but has no usable email.
	ProblemNoEmail ProblemKind = "no_email"
	// ProblemInvalidEmail: a value in an email column is not an address;
	// it is dropped, the contact is kept.
	ProblemInvalidEmail ProblemKind = "invalid_email"
	// ProblemDuplicateEmail: several contacts carry the same address.
	ProblemDuplicateEmail ProblemKind = "duplicate_email"
	// ProblemDuplicateID: several rows carry the same PSA id.
	ProblemDuplicateID ProblemKind = "duplicate_id"
	// ProblemBadValue: an active/inactive value was not understood; the
	// contact is kept as active.
	ProblemBadValue ProblemKind = "bad_value"
	// ProblemUnusableRow: the row was skipped.
	ProblemUnusableRow ProblemKind = "unusable_row"
)

// Problem is something the user should see in the import preview.
type Problem struct {
	Kind ProblemKind `json:"kind"`
	// Line is the (first) line concerned; Lines lists every line for
	// duplicates.
	Line    int    `json:"line"`
	Lines   []int  `json:"lines,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// Column reports which header column a field was read from.
type Column struct {
	Field  string `json:"field"`
	Header string `json:"header"`
	Index  int    `json:"index"`
}

// Result is a fully parsed file.
type Result struct {
	Preset Preset `json:"preset"`
	// Detected is true when the preset was detected from the header.
	Detected bool `json:"detected"`
	// Encoding is utf-8, utf-8-bom, utf-16le, utf-16be or windows-1252.
	Encoding string `json:"encoding"`
	// Delimiter is ",", ";" or "\t".
	Delimiter string    `json:"delimiter"`
	Columns   []Column  `json:"columns"`
	Rows      int       `json:"rows"`
	Contacts  []Contact `json:"contacts"`
	Problems  []Problem `json:"problems"`
}

// Error is why a file was rejected as a whole.
type Error struct {
	Line   int
	Reason string
	Remedy string
}

func (e *Error) Error() string {
	return fmt.Sprintf("contacts CSV line %d: %s; %s", e.Line, e.Reason, e.Remedy)
}

func fail(line int, remedy, format string, args ...any) *Error {
	if line < 1 {
		line = 1
	}
	return &Error{Line: line, Reason: fmt.Sprintf(format, args...), Remedy: remedy}
}

// ParseReader reads at most MaxFileSize bytes from r and parses them.
func ParseReader(r io.Reader, opt Options) (Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Result{}, fail(1, "check that the file is readable and try again", "cannot read the file: %v", err)
	}
	return Parse(data, opt)
}

// Parse parses a whole export. It never panics; on error the Result is zero.
func Parse(data []byte, opt Options) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{}
			err = fail(1, "report this file to the TenantLens developers", "internal error while reading the file: %v", r)
		}
	}()
	if len(data) > MaxFileSize {
		return Result{}, fail(1, "split the export into smaller files", "the file is larger than %d MiB", MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Result{}, fail(1, "export the contacts again; the file is empty", "the file is empty")
	}
	text, enc, derr := decode(data)
	if derr != nil {
		return Result{}, derr
	}
	if e := checkText(text); e != nil {
		return Result{}, e
	}
	return parseText(text, enc, opt)
}

func parseText(text, enc string, opt Options) (Result, error) {
	firstLine := 1
	text, delim, skipped := detectDelimiter(text)
	firstLine += skipped
	records, lines, perr := readRecords(text, delim, firstLine)
	if perr != nil {
		return Result{}, perr
	}
	if len(records) == 0 {
		return Result{}, fail(firstLine, "export the contacts again including the header row", "the file has no header row")
	}
	header, headerLine := records[0], lines[0]
	lay, preset, detected, lerr := resolveLayout(header, headerLine, opt)
	if lerr != nil {
		return Result{}, lerr
	}
	res := Result{
		Preset:    preset,
		Detected:  detected,
		Encoding:  enc,
		Delimiter: string(delim),
		Columns:   lay.columns(header),
		Contacts:  []Contact{},
		Problems:  []Problem{},
	}
	for i := 1; i < len(records); i++ {
		c, probs, ok := lay.contact(records[i], lines[i], len(header))
		if ok || len(probs) > 0 {
			res.Rows++
		}
		res.Problems = append(res.Problems, probs...)
		if ok {
			res.Contacts = append(res.Contacts, c)
		}
	}
	if res.Rows == 0 {
		return Result{}, fail(headerLine, "export again with the contacts included; an empty import would mark every contact inactive",
			"the file has a header but no contact rows")
	}
	if len(res.Contacts) == 0 {
		return Result{}, fail(headerLine+1, "check that the right file and preset were chosen; an import without contacts would mark every contact inactive",
			"none of the %d rows is a usable contact (first problem: %s)", res.Rows, res.Problems[0].Message)
	}
	res.Problems = append(res.Problems, duplicates(res.Contacts)...)
	sort.SliceStable(res.Problems, func(i, j int) bool { return res.Problems[i].Line < res.Problems[j].Line })
	return res, nil
}

// duplicates reports emails and PSA ids carried by more than one contact.
func duplicates(cs []Contact) []Problem {
	emails := map[string][]int{}
	first := map[string]string{}
	var emailOrder []string
	ids := map[string][]int{}
	var idOrder []string
	for _, c := range cs {
		for _, e := range c.Emails {
			if _, seen := emails[e.Key]; !seen {
				emailOrder = append(emailOrder, e.Key)
				first[e.Key] = e.Address
			}
			emails[e.Key] = append(emails[e.Key], c.Line)
		}
		if c.PSAID != "" {
			if _, seen := ids[c.PSAID]; !seen {
				idOrder = append(idOrder, c.PSAID)
			}
			ids[c.PSAID] = append(ids[c.PSAID], c.Line)
		}
	}
	var out []Problem
	for _, k := range emailOrder {
		if ls := emails[k]; len(ls) > 1 {
			out = append(out, Problem{Kind: ProblemDuplicateEmail, Line: ls[0], Lines: ls, Value: first[k],
				Message: fmt.Sprintf("email %s is on %d contacts (lines %s); the merge will report it, not guess", first[k], len(ls), joinInts(ls))})
		}
	}
	for _, k := range idOrder {
		if ls := ids[k]; len(ls) > 1 {
			out = append(out, Problem{Kind: ProblemDuplicateID, Line: ls[0], Lines: ls, Value: k,
				Message: fmt.Sprintf("PSA id %s is on %d rows (lines %s); only one contact can keep it", k, len(ls), joinInts(ls))})
		}
	}
	return out
}

// joinInts lists at most ten numbers for a message (Problem.Lines has all).
func joinInts(xs []int) string {
	const max = 10
	n := min(len(xs), max)
	s := make([]string, n)
	for i, x := range xs[:n] {
		s[i] = strconv.Itoa(x)
	}
	if len(xs) > max {
		return strings.Join(s, ", ") + fmt.Sprintf(" and %d more", len(xs)-max)
	}
	return strings.Join(s, ", ")
}
