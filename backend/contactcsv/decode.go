package contactcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const remedyReexport = "export the contacts again as CSV (UTF-8 if offered) and import that file"

// decode turns the file's bytes into UTF-8 text and names the encoding:
// UTF-8 (BOM stripped), UTF-16 LE/BE (with a BOM, or recognised by its NUL
// pattern), otherwise Windows-1252 when the bytes are not valid UTF-8.
func decode(data []byte) (string, string, *Error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		rest := data[3:]
		if !utf8.Valid(rest) {
			return "", "", fail(lineOfInvalidUTF8(rest), remedyReexport, "the file starts with a UTF-8 byte order mark but contains bytes that are not UTF-8")
		}
		return string(rest), "utf-8-bom", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decode16(data[2:], unicode.LittleEndian, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decode16(data[2:], unicode.BigEndian, "utf-16be")
	}
	if len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0 {
		return decode16(data, unicode.LittleEndian, "utf-16le")
	}
	if len(data) >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0 {
		return decode16(data, unicode.BigEndian, "utf-16be")
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fail(1, remedyReexport, "the file is neither UTF-8 nor Windows-1252 text")
	}
	return string(out), "windows-1252", nil
}

func decode16(data []byte, order unicode.Endianness, name string) (string, string, *Error) {
	if len(data)%2 != 0 {
		return "", "", fail(1, remedyReexport, "the file looks like UTF-16 but has an odd number of bytes (it is truncated)")
	}
	out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fail(1, remedyReexport, "the file looks like UTF-16 but cannot be decoded: %v", err)
	}
	if !utf8.Valid(out) {
		return "", "", fail(1, remedyReexport, "the file looks like UTF-16 but cannot be decoded")
	}
	return string(out), name, nil
}

func lineOfInvalidUTF8(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return line
}

// checkText rejects binary content: a NUL character, or more control
// characters than a text export could hold.
func checkText(text string) *Error {
	line, controls, runes, firstCtl := 1, 0, 0, 0
	for _, r := range text {
		runes++
		switch {
		case r == '\n':
			line++
		case r == 0:
			return fail(line, "choose the CSV export of the contacts, not a spreadsheet or other binary file", "the file contains a NUL byte, so it is not a text CSV")
		case r == '\t' || r == '\r' || r == '\f' || r == '\v' || r == 0x1A:
		case r < 0x20 || r == 0x7F || r == utf8.RuneError:
			controls++
			if firstCtl == 0 {
				firstCtl = line
			}
		}
	}
	if controls > 8 && controls*50 > runes {
		return fail(firstCtl, "choose the CSV export of the contacts, not a spreadsheet or other binary file", "the file contains %d control or undecodable characters, so it is not a text CSV", controls)
	}
	return nil
}

// detectDelimiter honours an Excel "sep=X" first line (removing it) and
// otherwise picks the most frequent of comma, semicolon and tab outside
// quotes on the header line; comma wins ties.
func detectDelimiter(text string) (string, rune, int) {
	first, rest, hasNL := strings.Cut(text, "\n")
	f := strings.TrimRight(first, "\r")
	if len(f) == 5 && strings.EqualFold(f[:4], "sep=") && strings.ContainsRune(",;\t|", rune(f[4])) {
		if hasNL {
			return rest, rune(f[4]), 1
		}
		return "", rune(f[4]), 1
	}
	counts := map[rune]int{}
	inQuote := false
	for _, r := range text {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return text, best, 0
}

// readRecords reads every record with the line it starts on. Lines count
// from firstLine (after a removed "sep=" line). Broken quoting rejects the
// whole file.
func readRecords(text string, delim rune, firstLine int) ([][]string, []int, *Error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	var recs [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				start, at := pe.StartLine+firstLine-1, pe.Line+firstLine-1
				switch {
				case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
					return nil, nil, fail(start, "check the quotes in that row: a quoted field must end with a quote followed by the delimiter or the end of the line; export the file again",
						"the quoted field starting on line %d is not closed properly (reading stopped at line %d)", start, at)
				case errors.Is(pe.Err, csv.ErrBareQuote):
					return nil, nil, fail(at, "a field that contains a quote must be enclosed in quotes with the quote doubled (\"\"); export the file again",
						"a quote character appears inside an unquoted field (column %d)", pe.Column)
				case errors.Is(pe.Err, csv.ErrQuote):
					return nil, nil, fail(at, "a quote inside a quoted field must be doubled (\"\"); export the file again",
						"a quoted field is followed by text before the next delimiter (column %d; the field started on line %d)", pe.Column, start)
				}
				return nil, nil, fail(at, remedyReexport, "the row cannot be read: %v", pe.Err)
			}
			return nil, nil, fail(1, remedyReexport, "the file cannot be read: %v", err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line+firstLine-1)
	}
	return recs, lines, nil
}
