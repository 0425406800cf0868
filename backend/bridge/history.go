package bridge

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"time"

	"tenantlens/backend/report"
	"tenantlens/backend/review"
)

// The history read models are review's (the CLI prints the same ones).
type (
	Trend             = review.Trend
	TrendPoint        = review.TrendPoint
	CompareQuery      = review.CompareQuery
	Comparison        = review.Comparison
	CompareChoices    = review.CompareChoices
	StoredSnapshot    = review.StoredSnapshot
	ClientsOverview   = review.ClientsOverview
	ClientOverviewRow = review.ClientOverviewRow
	Attention         = review.Attention
	AttentionItem     = review.AttentionItem
	Connectivity      = review.Connectivity
)

// History is the stored history made visible: trends over the stored runs,
// compare two stored snapshots, the all-clients overview with its attention
// cards, and the connectivity status for the offline banner. Every figure
// comes from review.
type History struct {
	base
	// probe checks that Microsoft's hosts accept a connection (nil: dial
	// the configured authority and Graph hosts).
	probe func(ctx context.Context, urls ...string) bool
	// saveDialog asks where to save a What changed workbook ("" when
	// cancelled; nil: the caller must give a path).
	saveDialog func(defaultName, title string) (string, error)
}

// TrendRequest names a trend: a tenant or a client, and a range
// (quarter | year | all; "" is quarter).
type TrendRequest struct {
	TenantID string `json:"tenantId"`
	ClientID int64  `json:"clientId"`
	Range    string `json:"range"`
}

// Trends is a tenant's (one point per stored run) or a client's (one point
// per day, its tenants added up) MFA coverage, licensed users, unused
// licences and monthly cost (today's price list) over the range.
func (h *History) Trends(req TrendRequest) (Trend, error) {
	svc, err := h.svc()
	if err != nil {
		return Trend{}, err
	}
	r, err := review.ParseTrendRange(req.Range)
	if err != nil {
		return Trend{}, err
	}
	rv := h.review(svc)
	if (req.TenantID == "") == (req.ClientID == 0) {
		return Trend{}, review.ErrCompareScope
	}
	if req.TenantID != "" {
		return rv.TenantTrend(h.context(), req.TenantID, r)
	}
	return rv.ClientTrend(h.context(), req.ClientID, r)
}

// CompareChoices lists the stored snapshots a compare can pick from (a
// tenant's, or a client's tenants'), newest first, and their days.
func (h *History) CompareChoices(tenantID string, clientID int64) (CompareChoices, error) {
	svc, err := h.svc()
	if err != nil {
		return CompareChoices{}, err
	}
	return h.review(svc).CompareChoicesOf(h.context(), tenantID, clientID)
}

// Compare is what changed between two stored snapshots: a tenant's (by run
// IDs or dates) or a client's tenants' at two dates (YYYY-MM-DD: the latest
// snapshot at or before each). An empty To is the current snapshot.
func (h *History) Compare(q CompareQuery) (Comparison, error) {
	svc, err := h.svc()
	if err != nil {
		return Comparison{}, err
	}
	c, err := h.review(svc).Compare(h.context(), q)
	if err != nil {
		return Comparison{}, err
	}
	return *c, nil
}

// ExportComparison writes a workbook with just the What changed part of
// the comparison q asks for (Compare's, at today's prices); progress
// arrives as export:progress events. Without outPath a save dialog asks
// where.
func (h *History) ExportComparison(q CompareQuery, outPath string) (ExportOutcome, error) {
	svc, err := h.svc()
	if err != nil {
		return ExportOutcome{}, err
	}
	if (q.TenantID == "") == (q.ClientID == 0) {
		return ExportOutcome{}, review.ErrCompareScope
	}
	if outPath == "" {
		if h.saveDialog == nil {
			return ExportOutcome{}, errors.New("choose where to save the export")
		}
		name := "What changed.xlsx"
		if q.TenantID != "" {
			if t, err := svc.Store.Tenant(h.context(), q.TenantID); err == nil {
				name = strings.TrimSpace(unsafeName.ReplaceAllString(t.DisplayName, " ")) + " what changed.xlsx"
			}
		} else if cl, err := svc.Store.Client(h.context(), q.ClientID); err == nil {
			name = strings.TrimSpace(unsafeName.ReplaceAllString(cl.Name, " ")) + " what changed.xlsx"
		}
		p, err := h.saveDialog(name, "Export What changed")
		if err != nil {
			return ExportOutcome{}, err
		}
		if p == "" {
			return ExportOutcome{Cancelled: true, Files: []string{}}, nil
		}
		outPath = p
	}
	res, err := svc.Exporter.ExportComparison(h.context(), q, outPath, report.EmitProgress(svc.Bus))
	if err != nil {
		return ExportOutcome{}, err
	}
	return ExportOutcome{Files: nonNil(res.Files), Rows: res.Rows}, nil
}

// ClientsOverview is one row per client and per tenant not yet mapped,
// ordered by sortKey ("" or "worst": problems first, then waste, then MFA
// coverage; else name, users, licensed, mfa, unused, waste, lastSync,
// status; desc reverses those), with the attention cards.
func (h *History) ClientsOverview(sortKey string, desc bool) (ClientsOverview, error) {
	svc, err := h.svc()
	if err != nil {
		return ClientsOverview{}, err
	}
	o, err := h.review(svc).ClientsOverview(h.context())
	if err != nil {
		return ClientsOverview{}, err
	}
	if err := review.SortOverview(o.Rows, sortKey, desc); err != nil {
		return ClientsOverview{}, err
	}
	if sortKey != "" {
		o.Sort = sortKey
	}
	return o, nil
}

// Attention is the overview's cards alone: failed syncs, reconnect needed,
// licences over-assigned or suspended/warning, MFA coverage that dropped
// since the previous sync.
func (h *History) Attention() (Attention, error) {
	svc, err := h.svc()
	if err != nil {
		return Attention{}, err
	}
	return h.review(svc).Attention(h.context())
}

// Connectivity is the offline banner's status: offline when the latest
// sync attempt could not reach Microsoft, or when Microsoft's sign-in and
// Graph hosts do not accept a connection now (a 2-second probe).
func (h *History) Connectivity() (Connectivity, error) {
	svc, err := h.svc()
	if err != nil {
		return Connectivity{}, err
	}
	ctx := h.context()
	c, err := h.review(svc).Connectivity(ctx)
	if err != nil {
		return Connectivity{}, err
	}
	cfg := svc.Config()
	probe := h.probe
	if probe == nil {
		probe = dialProbe
	}
	return c.WithProbe(probe(ctx, cfg.Authority, cfg.Graph)), nil
}

// dialProbe reports whether every URL's host accepts a TCP connection
// within 2 seconds (DNS included). It sends nothing.
func dialProbe(ctx context.Context, urls ...string) bool {
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil || p.Host == "" {
			continue
		}
		host := p.Host
		if p.Port() == "" {
			port := "443"
			if p.Scheme == "http" {
				port = "80"
			}
			host = net.JoinHostPort(p.Hostname(), port)
		}
		dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := (&net.Dialer{}).DialContext(dctx, "tcp", host)
		cancel()
		if err != nil {
			return false
		}
		conn.Close()
	}
	return true
}
