package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// golden compares v (as indented JSON) with testdata/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden:\n%s", name, got)
	}
}

func TestParseUsageReportsGolden(t *testing.T) {
	for _, c := range []struct{ report, file string }{
		{ReportActiveUsers, "report_getOffice365ActiveUserDetail_D30.csv"},
		{ReportEmailActivity, "report_getEmailActivityUserDetail_D30.csv"},
		{ReportMailboxUsage, "report_getMailboxUsageDetail_D30.csv"},
		{ReportActiveUsers, "report_getOffice365ActiveUserDetail_D30_concealed.csv"},
	} {
		t.Run(c.file, func(t *testing.T) {
			data := readTestdata(t, c.file)
			if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || !bytes.Contains(data, []byte("\r\n")) {
				t.Fatal("fixture should carry a BOM and CRLF like Microsoft's")
			}
			rows, err := ParseUsageReport(c.report, data)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(c.file, ".csv")+".golden.json", rows)
		})
	}
}

// The same report with BOM/CRLF, without BOM, and with LF only parses the same.
func TestParseUsageReportBOMAndLineEndings(t *testing.T) {
	orig := readTestdata(t, "report_getEmailActivityUserDetail_D30.csv")
	want, err := ParseUsageReport(ReportEmailActivity, orig)
	if err != nil {
		t.Fatal(err)
	}
	noBOM := bytes.TrimPrefix(orig, []byte("\xef\xbb\xbf"))
	lf := bytes.ReplaceAll(noBOM, []byte("\r\n"), []byte("\n"))
	for name, data := range map[string][]byte{"noBOM": noBOM, "LF": lf} {
		got, err := ParseUsageReport(ReportEmailActivity, data)
		if err != nil {
			t.Fatal(name, err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s\nwant %s", name, g, w)
		}
	}
	if len(want) != 3 || *want[0].Sent != 214 || *want[0].Read != 1402 || *want[0].Received != 1893 {
		t.Errorf("counts of the first row: %+v", want[0])
	}
}

// Columns are found by name: a reordered header with an extra column parses.
func TestParseUsageReportByHeaderName(t *testing.T) {
	csv := "\ufeffUser Principal Name,New Column,Recipient Type,Report Refresh Date,Last Activity Date\r\n" +
		"a@x.com,zzz,Room,2026-06-01,2026-05-02\r\n" +
		"\"b@x.com\",\"q, r\",Shared,2026-06-01,\r\n"
	rows, err := ParseUsageReport(ReportMailboxUsage, []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].RecipientType != "Room" || rows[1].RecipientType != "Shared" ||
		rows[0].LastActivity == nil || rows[0].LastActivity.Format("2006-01-02") != "2026-05-02" || rows[1].LastActivity != nil {
		t.Fatalf("rows: %+v", rows)
	}
}

func TestParseUsageReportErrors(t *testing.T) {
	for name, data := range map[string]string{
		"empty":     "",
		"no UPN":    "Report Refresh Date,Display Name\r\n2026-06-01,x\r\n",
		"bad date":  "User Principal Name,Last Activity Date\r\na@x.com,yesterday\r\n",
		"bad count": "User Principal Name,Send Count\r\na@x.com,many\r\n",
	} {
		report := ReportMailboxUsage
		if name == "bad count" {
			report = ReportEmailActivity
		}
		_, err := ParseUsageReport(report, []byte(data))
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
}

func TestIsConcealedName(t *testing.T) {
	for v, want := range map[string]bool{
		"8534B5299C82560FF54340D4018AF368":     true,
		"8534b5299c82560ff54340d4018af368":     true,
		"<PII:H105(abc)>@contoso.com":          true,
		"MeganB@contosodental.com":             false,
		"8534B5299C82560FF54340D4018AF36":      false, // 31
		"8534B5299C82560FF54340D4018AF36G":     false, // not hex
		"3d6f2b1a9c8e4f7da6b50e1f2a3b4c5d@x.y": false,
	} {
		if got := IsConcealedName(v); got != want {
			t.Errorf("IsConcealedName(%q) = %v", v, got)
		}
	}
}

func TestUndeletedUPN(t *testing.T) {
	got := undeletedUPN("3d6f2b1a-9c8e-4f7d-a6b5-0e1f2a3b4c5d", "3d6f2b1a9c8e4f7da6b50e1f2a3b4c5dPradeepG@contosodental.com")
	if got != "PradeepG@contosodental.com" {
		t.Errorf("got %q", got)
	}
	if got := undeletedUPN("3d6f2b1a-9c8e-4f7d-a6b5-0e1f2a3b4c5d", "PradeepG@contosodental.com"); got != "PradeepG@contosodental.com" {
		t.Errorf("unprefixed UPN changed: %q", got)
	}
}
