package report

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// printInfo is what every sheet's footer says.
type printInfo struct {
	who  string // client / tenant name
	date string // data date
}

func printInfoOf(d *Dataset) printInfo {
	p := printInfo{who: d.TenantName}
	if !d.DataDate.IsZero() {
		p.date = "Data as of " + d.DataDate.UTC().Format("2006-01-02 15:04") + " UTC"
	}
	return p
}

// footerText escapes s for a header/footer section ("&" starts a code)
// and keeps it short enough for Excel's 255-character limit.
func footerText(s string, maxRunes int) string {
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes-1]) + "…"
	}
	return strings.ReplaceAll(s, "&", "&&")
}

// printSetup makes a sheet print landscape, one page wide (as many pages
// tall as needed), with row 1 repeated on every page and a footer naming
// the client or tenant, the data date and "Page x of y".
func (w *workbook) printSetup(sheet string) error {
	f := w.f
	landscape, one, zero, fit := "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	footer := "&L" + footerText(w.print.who, 80) + "&C" + footerText(w.print.date, 60) + "&RPage &P of &N"
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1",
		Scope:    sheet,
	})
}
