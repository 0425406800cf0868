package report

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestLibreOfficeOpensClientWorkbook converts a client workbook to PDF and
// each sheet to CSV with LibreOffice: the Summary keeps its title and both
// tables, every part its header row.
func TestLibreOfficeOpensClientWorkbook(t *testing.T) {
	e, c := clientEnv(t)
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "client.xlsx")
	e.export(ExportRequest{ClientID: c.ID, OutPath: xlsx})
	doc, err := e.svc.LiveClient(e.ctx, c.ID, "")
	if err != nil {
		t.Fatal(err)
	}

	soffice(t, dir, "--convert-to", "pdf", "--outdir", dir, xlsx)
	pdf, err := os.ReadFile(filepath.Join(dir, "client.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10_000 {
		t.Fatalf("PDF conversion: %d bytes, %v", len(pdf), err)
	}
	csvDir := filepath.Join(dir, "csv")
	soffice(t, dir, "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", csvDir, xlsx)
	for _, tb := range doc.Tables() {
		if tb.Kind == PartClientTenants {
			continue // on the Summary sheet
		}
		var labels []string
		for _, col := range tb.Columns {
			labels = append(labels, col.Label)
		}
		recs := readCSVFile(t, filepath.Join(csvDir, "client-"+tb.Label+".csv"))
		if tb.Label == "Summary" {
			if !strings.Contains(recs[0][0], "Northwind Group") {
				t.Errorf("Summary title via LibreOffice %q", recs[0])
			}
			found := false
			for _, r := range recs {
				found = found || len(r) > 2 && r[0] == TenantColumn && r[2] == "Users"
			}
			if !found {
				t.Error("the per-tenant table is missing from the Summary via LibreOffice")
			}
			continue
		}
		if !reflect.DeepEqual(recs[0][:len(labels)], labels) {
			t.Errorf("%s header via LibreOffice\n got %q\nwant %q", tb.Label, recs[0], labels)
		}
		if tb.Len > 0 && len(recs) < tb.Len+1 {
			t.Errorf("%s via LibreOffice: %d rows, want %d", tb.Label, len(recs)-1, tb.Len)
		}
	}
}
