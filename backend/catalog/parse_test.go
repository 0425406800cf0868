package catalog

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// realCSVPath is Microsoft's CSV kept in the shared folder next to the repo.
const realCSVPath = "../../../shared/data/licensing.csv"

func realCSV(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(realCSVPath)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("%s not present", realCSVPath)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func parseBytes(t *testing.T, b []byte) *Catalog {
	t.Helper()
	c, err := Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

const (
	skuSPB        = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"
	skuE3         = "6fd2c87f-b296-42f0-b197-1e91e994b900"
	skuBasic      = "3b555118-da6a-4418-894f-7df1e2096870"
	skuP1         = "078d2b04-f1bd-4111-bbd4-b4b1b354cef4"
	planAADP1     = "41781fb2-bc02-4b7c-bd55-b576c07bb09d" // AAD_PREMIUM service plan
	planExchangeS = "9aaf7827-d63c-4b61-89c3-182f06f82e5c" // EXCHANGE_S_STANDARD
)

func TestParseRealFile(t *testing.T) {
	c := parseBytes(t, realCSV(t))
	if c.Len() != 619 {
		t.Errorf("Len = %d, want 619 distinct SKUs", c.Len())
	}
	if c.ServicePlanCount() != 791 {
		t.Errorf("ServicePlanCount = %d, want 791", c.ServicePlanCount())
	}
	if c.SkippedRows() != 0 {
		t.Errorf("SkippedRows = %d, want 0", c.SkippedRows())
	}

	spot := []struct{ pn, sku, name string }{
		{"SPB", skuSPB, "Microsoft 365 Business Premium"},
		{"ENTERPRISEPACK", skuE3, "Office 365 E3"},
		{"O365_BUSINESS_ESSENTIALS", skuBasic, "Microsoft 365 Business Basic"},
		{"AAD_PREMIUM", skuP1, "Microsoft Entra ID P1"},
	}
	for _, s := range spot {
		p, ok := c.ByPartNumber(s.pn)
		if !ok || p.SkuID != s.sku || p.DisplayName != s.name || p.PartNumber != s.pn {
			t.Errorf("ByPartNumber(%s) = %+v, %v; want %s %q", s.pn, p.SkuID+" "+p.DisplayName, ok, s.sku, s.name)
		}
		p, ok = c.Product(strings.ToUpper(s.sku)) // skuId lookups ignore case
		if !ok || p.PartNumber != s.pn {
			t.Errorf("Product(%s) = %q, %v; want %s", s.sku, p.PartNumber, ok, s.pn)
		}
		if got := c.Name(s.sku, s.pn); got != s.name {
			t.Errorf("Name(%s) = %q, want %q", s.pn, got, s.name)
		}
	}

	if !c.HasPlan(skuSPB, planAADP1) || !c.HasPlan(skuSPB, strings.ToUpper(planExchangeS)) {
		t.Error("Business Premium should include Entra ID P1 and Exchange Online plans")
	}
	if c.HasPlan(skuBasic, planAADP1) {
		t.Error("Business Basic must not include Entra ID P1")
	}
	if c.HasPlan("00000000-0000-0000-0000-000000000000", planAADP1) {
		t.Error("unknown SKU has no plans")
	}
	var names []string
	for _, sp := range c.ServicePlans(skuBasic) {
		names = append(names, sp.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "EXCHANGE_S_STANDARD") {
		t.Errorf("Business Basic plans %v lack EXCHANGE_S_STANDARD", names)
	}
	if n, ok := c.PlanName(planAADP1); !ok || n == "" {
		t.Errorf("PlanName(AAD_PREMIUM plan) = %q, %v", n, ok)
	}
}

func TestParseNormalisesWhitespace(t *testing.T) {
	c := parseBytes(t, realCSV(t))
	// String_Id "O365_w/o<NBSP>Teams<NBSP>Bundle_M3" matched with plain spaces.
	if p, ok := c.ByPartNumber("O365_w/o Teams Bundle_M3"); !ok || p.SkuID != "c2fe850d-fbbb-4858-b67d-bd0c6e746da3" {
		t.Errorf("NBSP part number: %+v %v", p, ok)
	}
	// "MCOCAP_FACULTY<NBSP> " and a GUID with the same trailing junk.
	p, ok := c.Product("420c7602-7f70-4895-9394-d3d679ea36fb")
	if !ok || p.PartNumber != "MCOCAP_FACULTY" {
		t.Errorf("GUID with trailing NBSP: %+v %v", p, ok)
	}
	if p, ok := c.ByPartNumber(" mcocap_faculty\u00a0"); !ok || p.SkuID != "420c7602-7f70-4895-9394-d3d679ea36fb" {
		t.Errorf("case/space-insensitive part number: %+v %v", p, ok)
	}
	// "RIGHTSMANAGEMENT_CE_GOV<TAB>"
	if _, ok := c.ByPartNumber("RIGHTSMANAGEMENT_CE_GOV"); !ok {
		t.Error("part number with trailing tab not found")
	}
	for _, p := range c.Products() {
		if p.PartNumber != strings.TrimSpace(p.PartNumber) || strings.ContainsRune(p.PartNumber, '\u00a0') {
			t.Errorf("part number %q not normalised", p.PartNumber)
		}
		seen := map[string]bool{}
		for _, sp := range p.Plans {
			if seen[sp.ID] {
				t.Errorf("%s lists plan %s twice", p.PartNumber, sp.ID)
			}
			seen[sp.ID] = true
		}
	}
}

func TestNameFallbackAndOverrides(t *testing.T) {
	c := parseBytes(t, realCSV(t))
	const unknown = "11111111-2222-3333-4444-555555555555"
	if got := c.Name(unknown, "CONTOSO_NEW_SKU_2027"); got != "CONTOSO_NEW_SKU_2027" {
		t.Errorf("unknown SKU: %q, want its part number", got)
	}
	if got := c.Name(unknown, ""); got != unknown {
		t.Errorf("unknown SKU without part number: %q, want the skuId", got)
	}

	c.SetOverrides(map[string]string{strings.ToUpper(skuSPB): "  Business Premium (BP)  ", unknown: "Contoso Special", skuE3: ""})
	if got := c.Name(skuSPB, "SPB"); got != "Business Premium (BP)" {
		t.Errorf("override: %q", got)
	}
	if got := c.Name(unknown, "CONTOSO_NEW_SKU_2027"); got != "Contoso Special" {
		t.Errorf("override of unknown SKU: %q", got)
	}
	if got := c.Name(skuE3, "ENTERPRISEPACK"); got != "Office 365 E3" {
		t.Errorf("empty override must be ignored: %q", got)
	}
	if got := c.Overrides(); len(got) != 2 || got[skuSPB] != "Business Premium (BP)" {
		t.Errorf("Overrides() = %v", got)
	}
	c.SetOverrides(nil)
	if got := c.Name(skuSPB, "SPB"); got != "Microsoft 365 Business Premium" {
		t.Errorf("after clearing overrides: %q", got)
	}

	var none *Catalog // e.g. the catalog could not be loaded at all
	if got := none.Name(skuSPB, "SPB"); got != "SPB" || none.Len() != 0 || none.HasPlan(skuSPB, planAADP1) {
		t.Errorf("nil catalog: Name=%q", got)
	}
}

func TestParseBOMAndCRLF(t *testing.T) {
	lf := realCSV(t)
	variant := append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...)
	if bytes.Equal(variant, lf) || !bytes.Contains(variant, []byte("\r\n")) {
		t.Fatal("variant not generated")
	}
	a, b := parseBytes(t, lf), parseBytes(t, variant)
	if !reflect.DeepEqual(a.Products(), b.Products()) {
		t.Error("BOM+CRLF variant parses differently")
	}
	if b.Len() != 619 || b.ServicePlanCount() != 791 {
		t.Errorf("variant: %d SKUs, %d plans", b.Len(), b.ServicePlanCount())
	}
}

// reorder rewrites the CSV with columns in a different order and upper-case
// header names, proving columns are found by name.
func reorder(t *testing.T, in []byte, order []int) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(in)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	for i, r := range recs {
		row := make([]string, len(order))
		for j, k := range order {
			row[j] = r[k]
			if i == 0 {
				row[j] = strings.ToUpper(r[k])
			}
		}
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return out.Bytes()
}

func TestParseByHeaderName(t *testing.T) {
	lf := realCSV(t)
	a := parseBytes(t, lf)
	b := parseBytes(t, reorder(t, lf, []int{5, 4, 3, 2, 1, 0}))
	if !reflect.DeepEqual(a.Products(), b.Products()) {
		t.Error("reordered columns parse differently")
	}
	// Without the optional friendly-name column plans fall back to their names.
	c := parseBytes(t, reorder(t, lf, []int{0, 1, 2, 3, 4}))
	if c.Len() != 619 {
		t.Errorf("without friendly names: %d SKUs", c.Len())
	}
	for _, sp := range c.ServicePlans(skuSPB) {
		if sp.FriendlyName != sp.Name {
			t.Errorf("plan %s: friendly name %q, want fallback %q", sp.ID, sp.FriendlyName, sp.Name)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	real := realCSV(t)
	header := strings.Join([]string{"Product_Display_Name", "String_Id", "GUID", "Service_Plan_Name", "Service_Plan_Id",
		"Service_Plans_Included_Friendly_Names"}, ",") + "\n"
	cases := []struct {
		name, input, want string
	}{
		{"empty", "", "empty"},
		{"html page", "\n  <!DOCTYPE html>\n<html><head><title>Page not found</title></head><body>Sorry</body></html>", "HTML"},
		{"html without doctype", "<html><body>Microsoft Download Center</body></html>", "HTML"},
		{"truncated header", "Product_Display_Name,String_Id,GU", "missing required column(s) GUID, Service_Plan_Name, Service_Plan_Id"},
		{"other csv", "Name,Email\nAda,ada@example.com\n", "missing required column(s) Product_Display_Name"},
		{"header only", header, "no product rows"},
		{"only invalid rows", header + "X,Y,not-a-guid,P,Q,R\n", "no product rows (1 rows skipped)"},
		// Cut inside the second column of row 3,000: too few fields. (A cut
		// inside the last column cannot be told from a short value; HTTP
		// downloads are protected by Content-Length there.)
		{"truncated mid-row", string(real[:cutAfterLine(real, 3000)+30]), "truncated"},
		{"unterminated quote", header + "\"Dynamics 365,CRM,977464c4-bfaf-4b67-b761-a9bb735a2196,A,24435e4b-87d0-4d7d-8beb-63a9b1573022,F\n", "truncated"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cat, err := Parse(strings.NewReader(c.input))
			if err == nil || cat != nil {
				t.Fatalf("accepted: %d SKUs", cat.Len())
			}
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v; want ErrMalformed mentioning %q", err, c.want)
			}
		})
	}
}

// cutAfterLine returns the offset just after the n-th newline.
func cutAfterLine(b []byte, n int) int {
	off := 0
	for range n {
		off += bytes.IndexByte(b[off:], '\n') + 1
	}
	return off
}

func BenchmarkParseLicensingCSV(b *testing.B) {
	data := realCSV(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		c, err := Parse(bytes.NewReader(data))
		if err != nil || c.Len() != 619 {
			b.Fatalf("Parse: %v", err)
		}
	}
}
