package graph

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzSeedUsageCSV is a small hand-written active-user report (BOM, CRLF,
// a quoted field with a comma, an empty date) used as a seed next to the
// fixtures in testdata/.
const fuzzSeedUsageCSV = "\xef\xbb\xbfReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Exchange Last Activity Date,Teams Last Activity Date,Last Activity Date,Send Count,Receive Count,Read Count,Recipient Type\r\n" +
	"2024-05-01,adele@contoso.com,\"Vance, Adele\",False,,2024-04-30,,2024-04-30,12,40,33,User\r\n" +
	"2024-05-01,8534B5299C82560FF54340D4018AF368,8534B5299C82560FF54340D4018AF368,False,,,2024-04-29,,0,0,0,Shared\r\n"

var usageReports = []string{ReportActiveUsers, ReportEmailActivity, ReportMailboxUsage}

// FuzzParseUsageReport: ParseUsageReport never panics; every failure is a
// classified *Error (ClassMalformed); a success returns only rows whose
// dates and counts parsed.
func FuzzParseUsageReport(f *testing.F) {
	for i := range usageReports {
		f.Add(uint8(i), []byte(fuzzSeedUsageCSV))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "report_*.csv"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for i, r := range usageReports {
			if strings.Contains(name, r) {
				f.Add(uint8(i), b)
			}
		}
	}
	f.Add(uint8(0), []byte(""))
	f.Add(uint8(1), []byte("User Principal Name\n\"unterminated"))
	f.Add(uint8(2), []byte("User Principal Name,Last Activity Date\nx@y.z,2024-13-45\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		report := usageReports[int(which)%len(usageReports)]
		rows, err := ParseUsageReport(report, data)
		if err != nil {
			var ge *Error
			if !errors.As(err, &ge) || ge.Class != ClassMalformed || !errors.Is(err, ErrMalformed) {
				t.Fatalf("unclassified error %T: %v", err, err)
			}
			if !strings.Contains(err.Error(), report) {
				t.Fatalf("error %q does not name the report", err)
			}
			if rows != nil {
				t.Fatalf("error with %d rows", len(rows))
			}
			return
		}
		for _, r := range rows {
			if r.LastActivity != nil && r.LastActivity.IsZero() {
				t.Fatalf("zero LastActivity in %+v", r)
			}
			if report == ReportActiveUsers {
				for s, d := range r.ServiceLast {
					if r.LastActivity == nil || d.After(*r.LastActivity) {
						t.Fatalf("%s activity %v after LastActivity %v", s, d, r.LastActivity)
					}
				}
			} else if r.ServiceLast != nil {
				t.Fatalf("%s row has per-service dates", report)
			}
			if report != ReportEmailActivity && (r.Sent != nil || r.Received != nil || r.Read != nil) {
				t.Fatalf("%s row has email counts", report)
			}
		}
		// IsConcealedName must not panic on anything a report carries
		for _, r := range rows {
			_ = IsConcealedName(r.UserPrincipalName)
		}
	})
}
