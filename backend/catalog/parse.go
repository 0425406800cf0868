package catalog

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// ErrMalformed is matched (errors.Is) by every error Parse returns for input
// that is not a usable licensing CSV.
var ErrMalformed = errors.New("not a usable licensing CSV")

// Column names of Microsoft's CSV. Matching ignores case and surrounding
// whitespace; the order of columns does not matter.
const (
	colProduct      = "Product_Display_Name"
	colStringID     = "String_Id"
	colGUID         = "GUID"
	colPlanName     = "Service_Plan_Name"
	colPlanID       = "Service_Plan_Id"
	colPlanFriendly = "Service_Plans_Included_Friendly_Names"
)

var (
	requiredColumns = []string{colProduct, colStringID, colGUID, colPlanName, colPlanID}
	knownColumns    = []string{colProduct, colStringID, colGUID, colPlanName, colPlanID, colPlanFriendly}
)

// Parse reads Microsoft's licensing CSV (UTF-8, with or without BOM, CRLF or
// LF). Columns are found by header name; Service_Plans_Included_Friendly_Names
// is optional. Rows without a valid GUID or String_Id are skipped and
// counted (SkippedRows). An input without the required columns, without any
// product row, or with rows of the wrong width (a truncated file) is
// rejected with an error matching ErrMalformed.
func Parse(r io.Reader) (*Catalog, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	if looksLikeHTML(br) {
		return nil, fmt.Errorf("%w: got an HTML page instead of CSV (the download URL may have moved)", ErrMalformed)
	}

	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: the file is empty", ErrMalformed)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: reading header: %v", ErrMalformed, err)
	}
	idx, err := columnIndex(header)
	if err != nil {
		return nil, err
	}

	b := newBuilder()
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v (file truncated or not the licensing CSV)", ErrMalformed, err)
		}
		b.add(
			rec[idx[colProduct]], rec[idx[colStringID]], rec[idx[colGUID]],
			rec[idx[colPlanName]], rec[idx[colPlanID]], field(rec, idx, colPlanFriendly),
		)
	}
	if len(b.c.products) == 0 {
		return nil, fmt.Errorf("%w: header found but no product rows (%d rows skipped)", ErrMalformed, b.c.skipped)
	}
	return b.c, nil
}

func columnIndex(header []string) (map[string]int, error) {
	idx := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(normText(strings.TrimPrefix(h, "\ufeff")))
		for _, want := range knownColumns {
			if h == strings.ToLower(want) {
				if _, dup := idx[want]; !dup {
					idx[want] = i
				}
			}
		}
	}
	var missing []string
	for _, want := range requiredColumns {
		if _, ok := idx[want]; !ok {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: missing required column(s) %s; header was %q", ErrMalformed,
			strings.Join(missing, ", "), truncate(strings.Join(header, ","), 200))
	}
	return idx, nil
}

func field(rec []string, idx map[string]int, col string) string {
	if i, ok := idx[col]; ok {
		return rec[i]
	}
	return ""
}

// looksLikeHTML peeks at the first non-space bytes.
func looksLikeHTML(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	head = bytes.TrimLeftFunc(head, unicode.IsSpace)
	lower := bytes.ToLower(head[:min(len(head), 15)])
	return bytes.HasPrefix(lower, []byte("<!doctype")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<head")) ||
		bytes.HasPrefix(lower, []byte("<body"))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// builder accumulates rows into a Catalog.
type builder struct {
	c       *Catalog
	seenRow map[[2]string]bool
}

func newBuilder() *builder {
	return &builder{
		c: &Catalog{
			bySku:   map[string]int{},
			byPN:    map[string]int{},
			plans:   map[string]string{},
			planSet: map[string]map[string]bool{},
		},
		seenRow: map[[2]string]bool{},
	}
}

func (b *builder) add(display, partNumber, guid, planName, planID, planFriendly string) {
	c := b.c
	sku, pn := normID(guid), normText(partNumber)
	if !isGUID(sku) || pn == "" {
		c.skipped++
		return
	}
	i, ok := c.bySku[sku]
	if !ok {
		i = len(c.products)
		c.products = append(c.products, Product{SkuID: sku, PartNumber: pn, DisplayName: normText(display)})
		c.bySku[sku] = i
		c.planSet[sku] = map[string]bool{}
		if _, taken := c.byPN[matchKey(pn)]; !taken {
			c.byPN[matchKey(pn)] = i
		}
	}
	plan := normID(planID)
	if !isGUID(plan) || b.seenRow[[2]string{sku, plan}] {
		return
	}
	b.seenRow[[2]string{sku, plan}] = true
	sp := ServicePlan{ID: plan, Name: normText(planName), FriendlyName: normText(planFriendly)}
	if sp.FriendlyName == "" {
		sp.FriendlyName = sp.Name
	}
	c.products[i].Plans = append(c.products[i].Plans, sp)
	c.planSet[sku][plan] = true
	if _, ok := c.plans[plan]; !ok {
		c.plans[plan] = sp.FriendlyName
	}
}

// normText maps every Unicode space (NBSP included) to ' ', collapses runs
// and trims. Microsoft's file has NBSPs and tabs inside and after String_Id
// values and GUIDs.
func normText(s string) string {
	if isCleanASCII(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\ufeff'
	}), " ")
}

// isCleanASCII reports whether s is printable ASCII without leading,
// trailing or doubled spaces, i.e. already normalised (most fields are).
func isCleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			return false
		}
	}
	return true
}

// normID normalises a GUID for use as a key.
func normID(s string) string {
	s = normText(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// matchKey is the comparison key for part numbers.
func matchKey(pn string) string { return strings.ToLower(normText(pn)) }

// isGUID checks the 8-4-4-4-12 lower-case hex form.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}
