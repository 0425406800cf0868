package report

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"

	"tenantlens/backend/types"
)

// htmlCSS is inline: the file is self-contained (no scripts, fonts or
// images) and prints cleanly: each part starts a page, table headers repeat.
const htmlCSS = `
:root{--ink:#1b1b1b;--muted:#5f5f5f;--line:#d6d6d6;--head:#f3f2f1;--accent:#0f6cbd;--bad:#c00000;--good:#1e7b34}
*{box-sizing:border-box}
body{font:13px/1.4 "Segoe UI",system-ui,-apple-system,Arial,sans-serif;color:var(--ink);margin:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;color:var(--accent)}
.meta{color:var(--muted);margin:0 0 16px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.kpi{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:150px}
.kpi b{display:block;font-size:18px}.kpi span{color:var(--muted);font-size:12px}
.kpi i{display:block;font-style:normal;font-size:12px;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
td.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}
.mfa-Disabled{color:var(--bad);font-weight:600}.mfa-Enabled{color:var(--good)}
.mfa-other{color:var(--muted);font-style:italic}
.bar{background:var(--head);height:12px;border-radius:3px;overflow:hidden;min-width:120px}
.bar>div{background:var(--accent);height:100%}
.notes{color:var(--muted)}
@media print{body{margin:0;font-size:10px}section{break-before:page}section:first-of-type{break-before:auto}
thead{display:table-header-group}tr{break-inside:avoid}.kpi{break-inside:avoid}}
@page{size:A4 landscape;margin:12mm}
`

type htmlWriter struct {
	w        *bufio.Writer
	currency string
}

func (h *htmlWriter) s(parts ...string) {
	for _, p := range parts {
		h.w.WriteString(p)
	}
}

func esc(s string) string { return html.EscapeString(s) }

// groupDigits writes an integer with thousands separators.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// displayText is a cell as a person reads it (HTML).
func displayText(c Cell, currency string) string {
	if c.Null {
		return ""
	}
	switch c.Kind {
	case KindInt:
		return groupDigits(int64(c.Num))
	case KindNumber:
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	case KindCurrency:
		cents := int64(math.Round(math.Abs(c.Num) * 100))
		s := groupDigits(cents/100) + fmt.Sprintf(".%02d", cents%100)
		if currency != "" {
			s = currency + " " + s
		}
		if c.Num < 0 {
			s = "-" + s
		}
		return s
	case KindPercent:
		return strconv.FormatFloat(c.Num*100, 'f', 1, 64) + "%"
	case KindDate:
		return c.Time.Format("2006-01-02")
	case KindDateTime:
		return c.Time.Format("2006-01-02 15:04")
	}
	return c.Text
}

func cellClass(c Cell) string {
	switch c.Kind {
	case KindInt, KindNumber, KindCurrency, KindPercent:
		return ` class="n"`
	case KindDate, KindDateTime:
		return ` class="d"`
	case KindMFA:
		if s := types.MFAStatus(c.Text); s == types.MFAEnabled || s == types.MFADisabled {
			return ` class="mfa-` + c.Text + `"`
		}
		return ` class="mfa-other"`
	}
	return ""
}

// WriteHTML writes a self-contained HTML client report of the document.
func WriteHTML(out io.Writer, doc *Document, progress func(done, total int)) error {
	d := doc.Data
	tables := doc.Tables()
	total := 0
	for _, t := range tables {
		total += t.Len
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	h := &htmlWriter{w: bufio.NewWriterSize(out, 64<<10), currency: d.Currency}
	title := doc.Title
	if title == "" {
		title = "Tenant review"
	}
	h.s(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
		`<title>`, esc(title+": "+d.TenantName), `</title><style>`, htmlCSS, `</style></head><body>`)
	h.s(`<h1>`, esc(title+": "+d.TenantName), `</h1><p class="meta">`, esc(d.DefaultDomain), ` · data as of `,
		d.DataDate.Format("2006-01-02 15:04"), ` UTC`)
	if d.PrevDate != nil {
		h.s(` · compared with `, d.PrevDate.Format("2006-01-02"))
	}
	h.s(`</p>`)
	done := 0
	for _, t := range tables {
		h.s(`<section><h2>`, esc(t.Label), `</h2>`)
		if t.Kind == types.PartSummary {
			h.summary(d, t)
		} else {
			h.table(t)
		}
		if t.Kind == types.PartReclaim {
			h.s(`<table style="width:auto"><thead><tr><th>Totals</th><th>Users</th><th>Monthly Cost</th></tr></thead><tbody>`)
			for _, r := range d.ReclaimTotals() {
				h.s(`<tr><td>`, esc(r.Reason), `</td><td class="n">`, groupDigits(int64(r.Users)), `</td><td class="n">`,
					displayText(moneyCell(r.MonthlyCost), d.Currency), `</td></tr>`)
			}
			h.s(`</tbody></table>`)
		}
		h.s(`</section>`)
		done += t.Len
		progress(done, total)
	}
	h.s(`</body></html>`)
	return h.w.Flush()
}

func (h *htmlWriter) table(t Table) {
	h.s(`<table><thead><tr>`)
	for _, c := range t.Columns {
		h.s(`<th>`, esc(c.Label), `</th>`)
	}
	h.s(`</tr></thead><tbody>`)
	vals := make([]Cell, len(t.Columns))
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		h.s(`<tr>`)
		for _, c := range vals {
			h.s(`<td`, cellClass(c), `>`, esc(displayText(c, h.currency)), `</td>`)
		}
		h.s(`</tr>`)
	}
	h.s(`</tbody></table>`)
}

func (h *htmlWriter) summary(d *Dataset, t Table) {
	vals := make([]Cell, len(t.Columns))
	h.s(`<div class="kpis">`)
	for r := 0; r < t.Len; r++ {
		t.Row(r, vals)
		v := displayText(vals[1], h.currency)
		if vals[1].Null {
			v = "Unavailable"
			if vals[1].Kind == KindCurrency {
				v = noMoneyText(d.Currency)
			}
		}
		h.s(`<div class="kpi"><span>`, esc(vals[0].Text), `</span><b>`, esc(v), `</b>`)
		if !vals[3].Null {
			ch := displayText(vals[3], h.currency)
			if vals[3].Num > 0 {
				ch = "+" + ch
			}
			h.s(`<i>`, esc(ch), ` vs. previous (`, esc(displayText(vals[2], h.currency)), `)</i>`)
		}
		h.s(`</div>`)
	}
	h.s(`</div>`)
	k := d.KPI
	if k.MFAAvailable && k.MFAEligible > 0 {
		h.s(`<h3>MFA coverage</h3>`, bar(k.MFACoverage), `<p>`, groupDigits(int64(k.MFARegistered)), ` of `,
			groupDigits(int64(k.MFAEligible)), ` users registered</p>`)
	}
	h.s(`<h3>License utilization</h3><table style="width:auto"><thead><tr><th>License</th><th>Assigned</th><th>Purchased</th><th></th></tr></thead><tbody>`)
	for _, l := range d.Licenses {
		if l.Free || l.Purchased == 0 {
			continue
		}
		h.s(`<tr><td>`, esc(l.Name), `</td><td class="n">`, groupDigits(int64(l.Assigned)), `</td><td class="n">`,
			groupDigits(int64(l.Purchased)), `</td><td>`, bar(float64(l.Assigned)/float64(l.Purchased)), `</td></tr>`)
	}
	h.s(`</tbody></table>`)
	if len(d.Notes) > 0 {
		h.s(`<ul class="notes">`)
		for _, n := range d.Notes {
			h.s(`<li>`, esc(n), `</li>`)
		}
		h.s(`</ul>`)
	}
}

func bar(ratio float64) string {
	pct := math.Max(0, math.Min(100, ratio*100))
	return `<div class="bar"><div style="width:` + strconv.FormatFloat(pct, 'f', 1, 64) + `%"></div></div>`
}
