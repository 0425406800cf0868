package catalog

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// fuzzSeedCSV is a small hand-written licensing CSV in Microsoft's shape
// (BOM, CRLF, a quoted display name with a comma, an NBSP after a part
// number, a row without a GUID), so the target has realistic seeds even when
// ../shared is absent.
// The header is the parser's own column list, in Microsoft's order.
var fuzzSeedCSV = "\xef\xbb\xbf" + strings.Join(knownColumns, ",") + "\r\n" +
	"Microsoft 365 Business Premium,SPB,cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46,EXCHANGE_S_STANDARD,9aaf7827-d63c-4b61-89c3-182f06f82e5c,EXCHANGE ONLINE (PLAN 1)\r\n" +
	"Microsoft 365 Business Premium,SPB,cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46,AAD_PREMIUM,41781fb2-bc02-4b7c-bd55-b576c07bb09d,Microsoft Entra ID P1\r\n" +
	"\"Dynamics 365 Field Service, Enterprise Edition\",CRM_AUTO_ROUTING_ADDON\u00a0,977464c4-bfaf-4b67-b761-a9bb735a2196,CRM_AUTO_ROUTING_ENGINE_ADDON,24435e4b-87d0-4d7d-8beb-63a9b1573022,Field Service – Automated Routing Engine Add-On\r\n" +
	"Broken row,NOGUID,not-a-guid,PLAN,24435e4b-87d0-4d7d-8beb-63a9b1573022,Plan\r\n"

// FuzzParseLicensingCSV: Parse never panics; every error matches
// ErrMalformed; a catalog it returns is consistent (every product is found by
// its skuId and part number, every plan by its id).
func FuzzParseLicensingCSV(f *testing.F) {
	f.Add([]byte(fuzzSeedCSV))
	f.Add([]byte(strings.ReplaceAll(strings.TrimPrefix(fuzzSeedCSV, "\xef\xbb\xbf"), "\r\n", "\n")))
	f.Add([]byte("GUID,String_Id,Product_Display_Name,Service_Plan_Id,Service_Plan_Name\n" +
		"6fd2c87f-b296-42f0-b197-1e91e994b900,ENTERPRISEPACK,Office 365 E3,9aaf7827-d63c-4b61-89c3-182f06f82e5c,EXCHANGE_S_STANDARD\n"))
	f.Add([]byte("<!DOCTYPE html><html><body>moved</body></html>"))
	f.Add([]byte(fuzzSeedCSV[:len(fuzzSeedCSV)/2]))
	f.Add([]byte(""))
	// The head of Microsoft's real file, read from the shared folder (never
	// copied into the repo); the whole 1 MB file would slow every exec.
	if b, err := os.ReadFile(realCSVPath); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		var head bytes.Buffer
		for i := 0; i < 40 && sc.Scan(); i++ {
			head.Write(sc.Bytes())
			head.WriteString("\r\n")
		}
		f.Add(head.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not match ErrMalformed: %v", err)
			}
			if c != nil {
				t.Fatalf("error %v with a non-nil catalog", err)
			}
			return
		}
		if c.Len() == 0 {
			t.Fatal("no error and no products")
		}
		for _, p := range c.Products() {
			if !isGUID(p.SkuID) || p.PartNumber == "" {
				t.Fatalf("product %+v has no valid skuId or part number", p)
			}
			got, ok := c.Product(strings.ToUpper(p.SkuID))
			if !ok || got.SkuID != p.SkuID {
				t.Fatalf("Product(%q) = %+v, %v", p.SkuID, got, ok)
			}
			if _, ok := c.ByPartNumber(p.PartNumber); !ok {
				t.Fatalf("ByPartNumber(%q) not found", p.PartNumber)
			}
			for _, sp := range p.Plans {
				if !c.HasPlan(p.SkuID, sp.ID) {
					t.Fatalf("HasPlan(%s, %s) = false", p.SkuID, sp.ID)
				}
				if _, ok := c.PlanName(sp.ID); !ok {
					t.Fatalf("PlanName(%s) not found", sp.ID)
				}
			}
			if c.Name(p.SkuID, p.PartNumber) == "" {
				t.Fatalf("Name(%s) is empty", p.SkuID)
			}
		}
	})
}
