package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"tenantlens/backend/types"
)

// soffice runs LibreOffice headless with its own profile (so parallel runs
// and other users' instances do not collide) and returns its output.
func soffice(t *testing.T, dir string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice is not on PATH (make test installs libreoffice-calc); skipping the LibreOffice conversion")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile"))
	full := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore"}, args...)
	cmd := exec.CommandContext(ctx, bin, full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("LibreOffice did not write %s: %v", filepath.Base(path), err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return recs
}

// TestLibreOfficeOpensWorkbook converts the workbook to PDF and each sheet
// to CSV with LibreOffice, and checks every sheet's header row (and that the
// injected display name is still text, not a formula result).
func TestLibreOfficeOpensWorkbook(t *testing.T) {
	dir := t.TempDir()
	d := fixtureDataset(t, 200, 0, at)
	doc := NewDocument("Quarterly review", d, nil, nil)
	xlsx := filepath.Join(dir, "review.xlsx")
	if err := os.WriteFile(xlsx, writeWorkbookBytes(t, doc), 0o600); err != nil {
		t.Fatal(err)
	}

	soffice(t, dir, "--convert-to", "pdf", "--outdir", dir, xlsx)
	pdf, err := os.ReadFile(filepath.Join(dir, "review.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10_000 {
		t.Fatalf("PDF conversion: %d bytes, %v", len(pdf), err)
	}

	// Filter options: comma, double quote, UTF-8, from line 1, …, sheet -1 =
	// every sheet to "<name>-<Sheet>.csv" (LibreOffice 7.2+).
	csvDir := filepath.Join(dir, "csv")
	soffice(t, dir, "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", csvDir, xlsx)

	want := map[string][]string{}
	for _, tb := range doc.Tables() {
		var labels []string
		for _, c := range tb.Columns {
			labels = append(labels, c.Label)
		}
		want[tb.Label] = labels
	}
	if !reflect.DeepEqual(want["Users"], designUsersLabels) || !reflect.DeepEqual(want["Licenses"], designLicensesLabels) {
		t.Fatalf("expected headers are not DESIGN.md's: %v", want)
	}
	for _, sheet := range defaultSheets[1:] {
		recs := readCSVFile(t, filepath.Join(csvDir, "review-"+sheet+".csv"))
		if !reflect.DeepEqual(recs[0], want[sheet]) {
			t.Errorf("%s header via LibreOffice\n got %q\nwant %q", sheet, recs[0], want[sheet])
		}
		if sheet == "Users" {
			if len(recs)-1 != len(d.Users) {
				t.Errorf("Users via LibreOffice: %d rows, want %d", len(recs)-1, len(d.Users))
			}
			found := false
			for _, r := range recs {
				found = found || r[0] == injection
			}
			if !found {
				t.Errorf("the injected display name did not survive as text")
			}
		}
	}
	sum := readCSVFile(t, filepath.Join(csvDir, "review-Summary.csv"))
	header := false
	for _, r := range sum {
		if len(r) >= 4 && reflect.DeepEqual(r[:4], []string{SummaryMetric, SummaryValue, SummaryPrevious, SummaryChange}) {
			header = true
		}
	}
	if !header || !strings.Contains(sum[0][0], d.TenantName) {
		t.Errorf("Summary via LibreOffice lacks the title or the KPI header: %q", sum[:min(len(sum), 10)])
	}
}

// TestLibreOfficeOpensTemplateVariants checks a workbook whose template
// hides, renames and reorders, and drops the Summary.
func TestLibreOfficeOpensTemplateVariants(t *testing.T) {
	dir := t.TempDir()
	reg := NewRegistry()
	parts := reg.DefaultParts()
	for i := range parts {
		switch parts[i].Kind {
		case types.PartSummary:
			parts[i].Enabled = false
		case types.PartUsers:
			parts[i].Label = "People: all"
			parts[i].Columns = layoutColumns(parts[i].Columns)
		}
	}
	doc := NewDocument("", fixtureDataset(t, 40, 0, at), parts, reg)
	xlsx := filepath.Join(dir, "variant.xlsx")
	if err := os.WriteFile(xlsx, writeWorkbookBytes(t, doc), 0o600); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`, "--outdir", dir, xlsx)
	recs := readCSVFile(t, filepath.Join(dir, "variant-People- all.csv"))
	if !reflect.DeepEqual(recs[0], layoutHeader) {
		t.Errorf("renamed sheet header %q, want %q", recs[0], layoutHeader)
	}
	if _, err := os.Stat(filepath.Join(dir, "variant-Summary.csv")); err == nil {
		t.Error("a disabled Summary part still produced a sheet")
	}
}
