package report

import (
	"context"
	"sort"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// TrendPoint is a client's figures on one day (UTC) of stored runs: every
// tenant's latest run of that day or before, added up with review.SumKPIs
// (only the counts and MFA figures a stored run keeps are set).
type TrendPoint struct {
	Day     time.Time
	Tenants int // tenants with a run on or before Day
	KPI     KPIs
}

// metricsKPIs is the part of a run's stored figures the trend sums (the
// stored unused count follows another free-SKU rule than the Summary's, so
// it is left out).
func metricsKPIs(m types.Metrics) KPIs {
	return KPIs{Users: m.Users, Licensed: m.Licensed, Guests: m.Guests, Disabled: m.Disabled,
		MFARegistered: m.MFARegistered, MFAEligible: m.MFAEligible, MFAAvailable: m.MFAEligible > 0, Inactive: -1}
}

// clientTrend reads the stored run figures of each tenant (runs up to the
// given run ID; 0: every run) and sums them per day. A day counts a tenant
// from its first run on: its latest run at the end of the day.
func (s *Service) clientTrend(ctx context.Context, upTo map[string]int64) ([]TrendPoint, error) {
	hist := map[string][]types.Metrics{}
	days := map[time.Time]bool{}
	for tid, limit := range upTo {
		ms, err := s.src.MetricsHistory(ctx, tid)
		if err != nil {
			return nil, err
		}
		var keep []types.Metrics
		for _, m := range ms {
			if limit == 0 || m.RunID <= limit {
				keep = append(keep, m)
				days[dayOf(m.At)] = true
			}
		}
		hist[tid] = keep // oldest first (store order)
	}
	order := make([]time.Time, 0, len(days))
	for d := range days {
		order = append(order, d)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].Before(order[j]) })
	out := make([]TrendPoint, 0, len(order))
	for _, d := range order {
		end := d.AddDate(0, 0, 1)
		var parts []KPIs
		for _, ms := range hist {
			i := sort.Search(len(ms), func(k int) bool { return !ms[k].At.Before(end) })
			if i > 0 {
				parts = append(parts, metricsKPIs(ms[i-1]))
			}
		}
		out = append(out, TrendPoint{Day: d, Tenants: len(parts), KPI: review.SumKPIs(parts)})
	}
	return out, nil
}

func dayOf(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
}

type trc = colDef[*TrendPoint]

// trendPart is one row per day of stored runs.
func trendPart(points []TrendPoint) Part {
	col := func(key, label string, kind CellKind, width float64, get func(*TrendPoint) Cell) trc {
		return trc{Column: Column{Key: key, Label: label, Kind: kind, Width: width},
			get: func(_ *Dataset, p *TrendPoint) Cell { return get(p) }}
	}
	return &tablePart[*TrendPoint]{
		kind: PartTrend, label: "Trend",
		rows: func(*Dataset) []*TrendPoint {
			out := make([]*TrendPoint, len(points))
			for i := range points {
				out[i] = &points[i]
			}
			return out
		},
		cols: []trc{
			col("day", "Date", KindDate, 12, func(p *TrendPoint) Cell { return timeCell(KindDate, &p.Day) }),
			col("tenants", "Tenants", KindInt, 9, func(p *TrendPoint) Cell { return intCell(p.Tenants) }),
			col("users", "Users", KindInt, 9, func(p *TrendPoint) Cell { return intCell(p.KPI.Users) }),
			col("licensed", "Licensed Users", KindInt, 10, func(p *TrendPoint) Cell { return intCell(p.KPI.Licensed) }),
			col("mfaRegistered", "MFA Registered Users", KindInt, 11, func(p *TrendPoint) Cell { return intCell(p.KPI.MFARegistered) }),
			col("mfaEligible", "MFA Known Users", KindInt, 11, func(p *TrendPoint) Cell { return intCell(p.KPI.MFAEligible) }),
			col("mfaCoverage", "MFA Coverage", KindPercent, 10, func(p *TrendPoint) Cell {
				if !p.KPI.MFAAvailable {
					return Cell{Kind: KindPercent, Null: true}
				}
				return pctCell(p.KPI.MFACoverage)
			}),
		},
	}
}
