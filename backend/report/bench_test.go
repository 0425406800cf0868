package report

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The 100,000-user benchmarks. Time: BenchmarkWorkbook100k against
// BenchmarkBareStreamWriter100k. Peak RSS: BenchmarkPeakRSS100k (each
// writer in its own child process; see rss_bench_test.go).

func bench100k(b *testing.B) *Document {
	b.Helper()
	return NewDocument("Quarterly review", fixtureDataset(b, 100_000, 0, at), nil, nil)
}

// BenchmarkWorkbook100k writes the full workbook: Summary with charts,
// styled Users, Licenses, MFA and Reclaim tables.
func BenchmarkWorkbook100k(b *testing.B) {
	doc := bench100k(b)
	path := filepath.Join(b.TempDir(), "w.xlsx")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteWorkbook(f, doc, nil); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	b.StopTimer()
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB/file")
	}
}

// BenchmarkBareStreamWriter100k writes the same rows of the same tables with
// a bare excelize StreamWriter: plain values, no styles, tables, panes,
// widths, Summary or charts.
func BenchmarkBareStreamWriter100k(b *testing.B) {
	doc := bench100k(b)
	path := filepath.Join(b.TempDir(), "bare.xlsx")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := writeBare(doc, path); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB/file")
	}
}

// writeBare is the bare-excelize reference: a StreamWriter per table,
// plain values, SaveAs.
func writeBare(doc *Document, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	for n, t := range doc.Tables() {
		name := t.Label
		if n == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		row := make([]any, len(t.Columns))
		for j, c := range t.Columns {
			row[j] = c.Label
		}
		if err := sw.SetRow("A1", row); err != nil {
			return err
		}
		vals := make([]Cell, len(t.Columns))
		for r := 0; r < t.Len; r++ {
			t.Row(r, vals)
			for j, c := range vals {
				row[j] = xlsxValue(c)
			}
			ref, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(ref, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return f.SaveAs(path)
}

// BenchmarkBuild100k is the part both workbook benchmarks share: computing
// the dataset (licence names, costs, reclaim, KPIs) from a snapshot.
func BenchmarkBuild100k(b *testing.B) {
	snap := fixtureSnapshot(100_000, 0, at)
	skus := FreezeSKUs(snap, testPrices(), testCatalog(b))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if d := Build(snap, skus, 0); len(d.Users) == 0 {
			b.Fatal("empty dataset")
		}
	}
}
