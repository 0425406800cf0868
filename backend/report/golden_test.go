package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"tenantlens/backend/types"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./backend/report -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gl), len(wl)); i++ {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got %q\nwant %q", name, i+1, g, w)
			}
		}
		t.Fatalf("%s differs", name)
	}
}

// layoutHeader is what layoutColumns shows: MFA Status moved first and
// renamed, Display Name renamed, Email/Job Title/… hidden, the hidden-by-
// default Monthly Cost shown, License Names renamed and moved last.
var layoutHeader = []string{"MFA", "Name", "User Principal Name", "Department", "Monthly Cost", "Licenses"}

func layoutColumns(cols []types.ColumnSetting) []types.ColumnSetting {
	front := []types.ColumnSetting{
		{Key: "mfaStatus", Label: "MFA", Visible: true},
		{Key: "displayName", Label: "Name", Visible: true},
		{Key: "upn", Visible: true},
		{Key: "department", Visible: true},
		{Key: "monthlyCost", Visible: true},
		{Key: "licenseNames", Label: "Licenses", Visible: true},
	}
	out := append([]types.ColumnSetting(nil), front...)
	for _, c := range cols {
		taken := false
		for _, f := range front {
			taken = taken || f.Key == c.Key
		}
		if !taken {
			c.Visible = false
			out = append(out, c)
		}
	}
	return out
}

func layoutDocument(t *testing.T) *Document {
	reg := NewRegistry()
	parts := reg.DefaultParts()
	for i := range parts {
		if parts[i].Kind == types.PartUsers {
			parts[i].Columns = layoutColumns(parts[i].Columns)
		}
	}
	return NewDocument("Quarterly review", fixtureDataset(t, 12, 0, at), parts, reg)
}

func tableOf(doc *Document, k types.PartKind) Table {
	for _, t := range doc.Tables() {
		if t.Kind == k {
			return t
		}
	}
	return Table{}
}

func TestTemplateLayoutGoldenCSV(t *testing.T) {
	doc := layoutDocument(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tableOf(doc, types.PartUsers)); err != nil {
		t.Fatal(err)
	}
	golden(t, "users_layout.csv.golden", buf.Bytes())

	// The default layout of the same data differs only by the template.
	var def bytes.Buffer
	if err := WriteCSV(&def, tableOf(NewDocument("", doc.Data, nil, nil), types.PartUsers)); err != nil {
		t.Fatal(err)
	}
	golden(t, "users_default.csv.golden", def.Bytes())
}

func TestTemplateLayoutInWorkbook(t *testing.T) {
	f := openWorkbook(t, writeWorkbookBytes(t, layoutDocument(t)))
	rows := rawRows(t, f, "Users")
	if !reflect.DeepEqual(rows[0], layoutHeader) {
		t.Errorf("Users header %q, want %q", rows[0], layoutHeader)
	}
	if rows[1][0] != "Enabled" && rows[1][0] != "Disabled" {
		t.Errorf("first column should be the MFA status, got %q", rows[1][0])
	}
	// Other sheets keep DESIGN.md's defaults.
	if rows := rawRows(t, f, "Licenses"); !reflect.DeepEqual(rows[0], designLicensesLabels) {
		t.Errorf("Licenses header changed: %q", rows[0])
	}
}

func TestHTMLGoldenAndSelfContained(t *testing.T) {
	d := fixtureDataset(t, 12, 0, at)
	prev := d.KPI
	prev.Users -= 3
	prev.MonthlySpend -= 44
	prevDate := at.AddDate(0, -3, 0)
	d.Prev, d.PrevDate = &prev, &prevDate
	var buf bytes.Buffer
	if err := WriteHTML(&buf, NewDocument("Quarterly review", d, nil, nil), nil); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	for _, bad := range []string{"<script", "<link", " src=", "url(", "@import"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML is not self-contained: contains %q", bad)
		}
	}
	for _, want := range []string{"@media print", "thead{display:table-header-group}", "&#34;http://x&#34;", "+3 vs. previous"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	golden(t, "report_small.html.golden", buf.Bytes())
}
