package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tenantlens/backend/types"
)

// What the tests read from a worksheet part, by hand (not through excelize,
// which recomputes what it reads): dimension, print setup and every cell.
type sheetXML struct {
	Dimension *struct {
		Ref string `xml:"ref,attr"`
	} `xml:"dimension"`
	SheetPr *struct {
		PageSetUpPr *struct {
			FitToPage string `xml:"fitToPage,attr"`
		} `xml:"pageSetUpPr"`
	} `xml:"sheetPr"`
	PageSetup *struct {
		Orientation string `xml:"orientation,attr"`
		FitToWidth  string `xml:"fitToWidth,attr"`
		FitToHeight string `xml:"fitToHeight,attr"`
	} `xml:"pageSetup"`
	HeaderFooter *struct {
		OddFooter string `xml:"oddFooter"`
	} `xml:"headerFooter"`
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R string `xml:"r,attr"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
}

type workbookXML struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
	DefinedNames []struct {
		Name         string `xml:"name,attr"`
		LocalSheetID *int   `xml:"localSheetId,attr"`
		Value        string `xml:",chardata"`
	} `xml:"definedNames>definedName"`
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readParts unzips the workbook: name → bytes.
func readParts(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = data
	}
	return out
}

type parsedSheet struct {
	name string
	xml  sheetXML
}

// sheetsOf parses workbook.xml, its rels and every worksheet, in order.
func sheetsOf(t *testing.T, parts map[string][]byte) ([]parsedSheet, workbookXML) {
	t.Helper()
	var wb workbookXML
	var rels relsXML
	if err := xml.Unmarshal(parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		target[r.ID] = r.Target
	}
	var out []parsedSheet
	for _, s := range wb.Sheets {
		p := strings.TrimPrefix(target[s.RID], "/")
		if !strings.HasPrefix(p, "xl/") {
			p = path.Join("xl", p)
		}
		data, ok := parts[p]
		if !ok {
			t.Fatalf("sheet %s: part %s missing", s.Name, p)
		}
		var sx sheetXML
		if err := xml.Unmarshal(data, &sx); err != nil {
			t.Fatalf("sheet %s (%s) is not well-formed XML: %v", s.Name, p, err)
		}
		out = append(out, parsedSheet{s.Name, sx})
	}
	return out, wb
}

// usedRange is the range the sheet's cells actually cover.
func usedRange(t *testing.T, sx sheetXML) string {
	t.Helper()
	lastRow, lastCol, prevRow := 0, 0, 0
	for _, r := range sx.Rows {
		if r.R <= prevRow {
			t.Fatalf("row %d after row %d", r.R, prevRow)
		}
		prevRow = r.R
		for _, c := range r.Cells {
			col, row, err := excelize.CellNameToCoordinates(c.R)
			if err != nil || row != r.R {
				t.Fatalf("cell %q in row %d (%v)", c.R, r.R, err)
			}
			lastRow, lastCol = max(lastRow, row), max(lastCol, col)
		}
	}
	if lastRow == 0 {
		return "A1"
	}
	return "A1:" + cellRef(lastCol, lastRow)
}

func checkSheetXML(t *testing.T, b []byte, d *Dataset, wantSheets int) {
	t.Helper()
	sheets, wb := sheetsOf(t, readParts(t, b))
	if len(sheets) != wantSheets {
		t.Fatalf("%d sheets, want %d", len(sheets), wantSheets)
	}
	titles := map[int]string{}
	for _, dn := range wb.DefinedNames {
		if dn.Name == "_xlnm.Print_Titles" && dn.LocalSheetID != nil {
			titles[*dn.LocalSheetID] = dn.Value
		}
	}
	for i, s := range sheets {
		sx := s.xml
		if sx.Dimension == nil {
			t.Errorf("%s: no <dimension>", s.name)
		} else if got, want := sx.Dimension.Ref, usedRange(t, sx); got != want {
			t.Errorf("%s: <dimension ref=%q>, cells cover %s", s.name, got, want)
		}
		if sx.PageSetup == nil || sx.PageSetup.Orientation != "landscape" || sx.PageSetup.FitToWidth != "1" || sx.PageSetup.FitToHeight != "0" {
			t.Errorf("%s: pageSetup %+v, want landscape, fitToWidth 1, fitToHeight 0", s.name, sx.PageSetup)
		}
		if sx.SheetPr == nil || sx.SheetPr.PageSetUpPr == nil || (sx.SheetPr.PageSetUpPr.FitToPage != "1" && sx.SheetPr.PageSetUpPr.FitToPage != "true") {
			t.Errorf("%s: sheetPr/pageSetUpPr fitToPage not set: %+v", s.name, sx.SheetPr)
		}
		want := "'" + s.name + "'!$1:$1"
		if titles[i] != want {
			t.Errorf("%s: print titles %q, want %q", s.name, titles[i], want)
		}
		if sx.HeaderFooter == nil {
			t.Errorf("%s: no footer", s.name)
			continue
		}
		foot := sx.HeaderFooter.OddFooter
		for _, part := range []string{strings.ReplaceAll(d.TenantName, "&", "&&"), d.DataDate.Format("2006-01-02"), "Page &P of &N"} {
			if !strings.Contains(foot, part) {
				t.Errorf("%s: footer %q lacks %q", s.name, foot, part)
			}
		}
	}
}

// TestSheetDimensionAndPrintSetup reads every worksheet part: its
// <dimension> equals the range its cells cover (streaming readers trust
// it), and it prints landscape, one page wide, with row 1 repeated and a
// footer naming the tenant, the data date and the page.
func TestSheetDimensionAndPrintSetup(t *testing.T) {
	t.Run("default template", func(t *testing.T) {
		d := fixtureDataset(t, 500, 0, at)
		if len(d.Reclaim) == 0 {
			t.Fatal("fixture has no reclaim rows; the totals below the table would go untested")
		}
		checkSheetXML(t, writeWorkbookBytes(t, NewDocument("Quarterly review", d, nil, nil)), d, len(defaultSheets))
	})
	t.Run("previous version and ampersand in the name", func(t *testing.T) {
		d := fixtureDataset(t, 120, 1, at)
		d.TenantName = "Smith & Sons"
		prev := fixtureDataset(t, 100, 0, at.AddDate(0, -3, 0))
		d.Prev, d.PrevDate = &prev.KPI, &prev.DataDate
		checkSheetXML(t, writeWorkbookBytes(t, NewDocument("QBR", d, nil, nil)), d, len(defaultSheets))
	})
	t.Run("no users", func(t *testing.T) {
		d := fixtureDataset(t, 0, 0, at)
		checkSheetXML(t, writeWorkbookBytes(t, NewDocument("Empty", d, nil, nil)), d, len(defaultSheets))
	})
	t.Run("template without Summary", func(t *testing.T) {
		d := fixtureDataset(t, 60, 0, at)
		parts := NewRegistry().DefaultParts()
		for i := range parts {
			if parts[i].Kind == types.PartSummary {
				parts[i].Enabled = false
			}
		}
		checkSheetXML(t, writeWorkbookBytes(t, NewDocument("No summary", d, parts, nil)), d, len(defaultSheets)-1)
	})
}

// TestNoPriceListSaysSo: without any price the Summary says "No price list
// set" for the currency and every cost instead of 0.00.
func TestNoPriceListSaysSo(t *testing.T) {
	snap := fixtureSnapshot(80, 0, at)
	d := Build(snap, FreezeSKUs(snap, nil, testCatalog(t)), 0)
	if d.Currency != "" {
		t.Fatalf("currency %q without prices", d.Currency)
	}
	f := openWorkbook(t, writeWorkbookBytes(t, NewDocument("QBR", d, nil, nil)))
	rows := rawRows(t, f, "Summary")
	byLabel := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			byLabel[r[0]] = r
		}
	}
	if got := cellAt(byLabel["Currency"], 1); got != NoPriceList {
		t.Errorf("Currency line %q, want %q", got, NoPriceList)
	}
	costs := 0
	for _, k := range kpiDefs() {
		r, shown := byLabel[k.Label]
		if !shown {
			continue
		}
		if k.Kind == KindCurrency {
			costs++
			if got := cellAt(r, 1); got != NoPriceList {
				t.Errorf("%s = %q, want %q", k.Label, got, NoPriceList)
			}
		} else if _, err := strconv.ParseFloat(cellAt(r, 1), 64); err != nil && k.Key != "mfaCoverage" {
			t.Errorf("%s = %q, want a number", k.Label, cellAt(r, 1))
		}
	}
	if costs == 0 {
		t.Fatal("no cost line in the Summary")
	}

	// With prices the costs are numbers again.
	priced := fixtureDataset(t, 80, 0, at)
	f = openWorkbook(t, writeWorkbookBytes(t, NewDocument("QBR", priced, nil, nil)))
	for _, r := range rawRows(t, f, "Summary") {
		if len(r) > 1 && r[0] == "Monthly Spend" {
			if v, err := strconv.ParseFloat(r[1], 64); err != nil || v <= 0 {
				t.Errorf("priced Monthly Spend %q", r[1])
			}
		}
	}
}
