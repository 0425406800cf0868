package report

import (
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/review"
	"tenantlens/backend/types"
)

// Licensing parts (issue 13): the renewal calendar, right-size suggestions
// and assignment errors, each review's view of the document's frozen runs
// (parts_views.go), and the Users part's licence-source and per-service
// columns.
const (
	PartRenewals         types.PartKind = "renewals"
	PartRightSize        types.PartKind = "rightSize"
	PartAssignmentErrors types.PartKind = "assignmentErrors"
)

// Renewals sections, in sheet order.
const (
	SectionAttention = "Needs attention"
	SectionTrial     = "Trial"
	SectionRenewal   = "Renews or expires"
	SectionUnused    = "Unused until renewal"
	SectionNote      = "Note"
)

// renewalLine is one row of the Renewals part: a subscription (Event set),
// a SKU's unused seats (Unused set) or a note (why subscriptions are
// missing, and the fix).
type renewalLine struct {
	Section  string
	Currency string
	Event    *review.RenewalRow
	Unused   *review.UnusedSeatsRow
	Note     string
}

// renewalLines lays a tenant's calendar out: subscriptions that need
// attention, trials, what renews or expires within 365 days, then per SKU
// the unused seats and their cost until renewal.
func renewalLines(v *review.RenewalsView) []*renewalLine {
	var out []*renewalLine
	for _, sec := range []struct {
		name string
		rows []review.RenewalRow
	}{{SectionAttention, v.Attention}, {SectionTrial, v.Trials}, {SectionRenewal, v.Events}} {
		for i := range sec.rows {
			out = append(out, &renewalLine{Section: sec.name, Event: &sec.rows[i]})
		}
	}
	for i := range v.Unused {
		out = append(out, &renewalLine{Section: SectionUnused, Unused: &v.Unused[i], Currency: v.Unused[i].Currency})
	}
	for _, n := range v.Notes {
		out = append(out, &renewalLine{Section: SectionNote, Note: n})
	}
	return out
}

// WindowLabel names a renewal bucket.
func WindowLabel(r *review.RenewalRow) string {
	switch {
	case r.Date == "":
		return ""
	case r.Bucket == 0:
		return "Passed"
	}
	return "Within " + strconv.Itoa(r.Bucket) + " days"
}

// rfcCell is a view's RFC 3339 time as a cell (empty when "").
func rfcCell(kind CellKind, s string) Cell {
	if s == "" {
		return Cell{Kind: kind, Null: true}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Cell{Kind: kind, Null: true}
	}
	return timeCell(kind, &t)
}

func nullCell(kind CellKind) Cell { return Cell{Kind: kind, Null: true} }

type rnc = colDef[*renewalLine]

func rncol(key, label string, kind CellKind, width float64, hidden bool, get func(*renewalLine) Cell) rnc {
	return rnc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden},
		get: func(_ *Dataset, r *renewalLine) Cell { return get(r) }}
}

// either picks the subscription's or the SKU line's value.
func either(r *renewalLine, ev func(*review.RenewalRow) Cell, un func(*review.UnusedSeatsRow) Cell, kind CellKind) Cell {
	switch {
	case r.Event != nil && ev != nil:
		return ev(r.Event)
	case r.Unused != nil && un != nil:
		return un(r.Unused)
	}
	return nullCell(kind)
}

// renewalsPart is the renewal calendar of the document's tenant(s).
func renewalsPart(vw *docViews) Part {
	return &tablePart[*renewalLine]{
		kind: PartRenewals, label: "Renewals",
		rows: func(d *Dataset) []*renewalLine {
			if tv := vw.of(d); tv != nil {
				return renewalLines(&tv.renewals)
			}
			return nil
		},
		cols: []rnc{
			rncol("section", "Section", KindText, 20, false, func(r *renewalLine) Cell { return textCell(r.Section) }),
			rncol("name", "License Name", KindText, 36, false, func(r *renewalLine) Cell {
				if r.Note != "" {
					return textCell(r.Note)
				}
				return either(r, func(e *review.RenewalRow) Cell { return textCell(e.Name) },
					func(u *review.UnusedSeatsRow) Cell { return textCell(u.Name) }, KindText)
			}),
			rncol("partNumber", "SKU Part Number", KindText, 24, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return textCell(e.PartNumber) },
					func(u *review.UnusedSeatsRow) Cell { return textCell(u.PartNumber) }, KindText)
			}),
			rncol("status", "Status", KindText, 11, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return textCell(e.Status) }, nil, KindText)
			}),
			rncol("trial", "Trial", KindBool, 7, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return boolCell(e.IsTrial) }, nil, KindBool)
			}),
			rncol("licenses", "Licenses", KindInt, 10, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return intCell(e.TotalLicenses) },
					func(u *review.UnusedSeatsRow) Cell { return intCell(u.Purchased) }, KindInt)
			}),
			rncol("date", "Renews / Expires", KindDate, 13, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return rfcCell(KindDate, e.Date) },
					func(u *review.UnusedSeatsRow) Cell { return rfcCell(KindDate, u.RenewsAt) }, KindDate)
			}),
			rncol("daysLeft", "Days Left", KindInt, 10, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell {
					if e.Date == "" {
						return nullCell(KindInt)
					}
					return intCell(e.DaysLeft)
				}, func(u *review.UnusedSeatsRow) Cell {
					if u.RenewsAt == "" {
						return nullCell(KindInt)
					}
					return intCell(u.DaysLeft)
				}, KindInt)
			}),
			rncol("window", "Window", KindText, 15, false, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return textCell(WindowLabel(e)) }, nil, KindText)
			}),
			rncol("unused", "Unused Seats", KindInt, 10, false, func(r *renewalLine) Cell {
				return either(r, nil, func(u *review.UnusedSeatsRow) Cell { return intCell(u.Unused) }, KindInt)
			}),
			rncol("unitPrice", "Unit Price", KindCurrency, 12, false, func(r *renewalLine) Cell {
				return either(r, nil, func(u *review.UnusedSeatsRow) Cell {
					if !u.Priced {
						return nullCell(KindCurrency)
					}
					return moneyCell(u.UnitPrice)
				}, KindCurrency)
			}),
			rncol("costUntilRenewal", "Unused Cost Until Renewal", KindCurrency, 14, false, func(r *renewalLine) Cell {
				return either(r, nil, func(u *review.UnusedSeatsRow) Cell {
					if !u.Priced || u.RenewsAt == "" {
						return nullCell(KindCurrency)
					}
					return moneyCell(u.CostUntilRenewal)
				}, KindCurrency)
			}),
			// Hidden by default.
			rncol("consumed", "Assigned", KindInt, 10, true, func(r *renewalLine) Cell {
				return either(r, nil, func(u *review.UnusedSeatsRow) Cell { return intCell(u.Consumed) }, KindInt)
			}),
			rncol("subscriptionId", "Subscription ID", KindText, 38, true, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return textCell(e.SubscriptionID) }, nil, KindText)
			}),
			rncol("skuId", "SKU ID", KindText, 38, true, func(r *renewalLine) Cell {
				return either(r, func(e *review.RenewalRow) Cell { return textCell(e.SkuID) },
					func(u *review.UnusedSeatsRow) Cell { return textCell(u.SkuID) }, KindText)
			}),
		},
	}
}

type rsc = colDef[*review.RightSizeRow]

func rscol(key, label string, kind CellKind, width float64, hidden bool, get func(*review.RightSizeRow) Cell) rsc {
	return rsc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden},
		get: func(_ *Dataset, r *review.RightSizeRow) Cell { return get(r) }}
}

// rightSizePart lists review's right-size suggestions (at the document's
// inactivity threshold as the window).
func rightSizePart(vw *docViews) Part {
	return &tablePart[*review.RightSizeRow]{
		kind: PartRightSize, label: "Right-size",
		rows: func(d *Dataset) []*review.RightSizeRow {
			tv := vw.of(d)
			if tv == nil {
				return nil
			}
			out := make([]*review.RightSizeRow, len(tv.rightSize.Rows))
			for i := range tv.rightSize.Rows {
				out[i] = &tv.rightSize.Rows[i]
			}
			return out
		},
		cols: []rsc{
			rscol("displayName", "Display Name", KindText, 28, false, func(r *review.RightSizeRow) Cell { return textCell(r.DisplayName) }),
			rscol("upn", "User Principal Name", KindText, 36, false, func(r *review.RightSizeRow) Cell { return textCell(r.UserPrincipalName) }),
			rscol("current", "Current License", KindText, 34, false, func(r *review.RightSizeRow) Cell { return textCell(r.CurrentName) }),
			rscol("suggested", "Suggested License", KindText, 34, false, func(r *review.RightSizeRow) Cell { return textCell(r.SuggestedName) }),
			rscol("used", "Services Used", KindText, 30, false, func(r *review.RightSizeRow) Cell { return textCell(strings.Join(r.Used, ", ")) }),
			rscol("monthlySaving", "Monthly Saving", KindCurrency, 13, false, func(r *review.RightSizeRow) Cell { return moneyCell(r.MonthlySaving) }),
			rscol("annualSaving", "Annual Saving", KindCurrency, 13, false, func(r *review.RightSizeRow) Cell { return moneyCell(r.AnnualSaving) }),
			rscol("reason", "Reason", KindText, 60, false, func(r *review.RightSizeRow) Cell { return textCell(r.Reason) }),
			// Hidden by default.
			rscol("kept", "Kept (use not measured)", KindText, 30, true, func(r *review.RightSizeRow) Cell { return textCell(strings.Join(r.Kept, ", ")) }),
			rscol("source", "License Source", KindText, 24, true, func(r *review.RightSizeRow) Cell { return textCell(r.Source) }),
			rscol("currentPrice", "Current Price", KindCurrency, 12, true, func(r *review.RightSizeRow) Cell { return moneyCell(r.CurrentPrice) }),
			rscol("suggestedPrice", "Suggested Price", KindCurrency, 12, true, func(r *review.RightSizeRow) Cell { return moneyCell(r.SuggestedPrice) }),
			rscol("needs", "Needs Current License For", KindText, 24, true, func(r *review.RightSizeRow) Cell { return textCell(strings.Join(r.Needs, ", ")) }),
			rscol("currentSkuId", "Current SKU ID", KindText, 38, true, func(r *review.RightSizeRow) Cell { return textCell(r.CurrentSkuID) }),
			rscol("suggestedSkuId", "Suggested SKU ID", KindText, 38, true, func(r *review.RightSizeRow) Cell { return textCell(r.SuggestedSkuID) }),
			rscol("userId", "User ID", KindText, 38, true, func(r *review.RightSizeRow) Cell { return textCell(r.UserID) }),
		},
	}
}

type aec = colDef[*review.LicenseStateRow]

func aecol(key, label string, kind CellKind, width float64, hidden bool, get func(*review.LicenseStateRow) Cell) aec {
	return aec{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden},
		get: func(_ *Dataset, r *review.LicenseStateRow) Cell { return get(r) }}
}

// assignmentErrorsPart lists licence assignments Microsoft could not apply.
func assignmentErrorsPart(vw *docViews) Part {
	return &tablePart[*review.LicenseStateRow]{
		kind: PartAssignmentErrors, label: "Assignment Errors",
		rows: func(d *Dataset) []*review.LicenseStateRow {
			tv := vw.of(d)
			if tv == nil {
				return nil
			}
			out := make([]*review.LicenseStateRow, len(tv.states.Errors))
			for i := range tv.states.Errors {
				out[i] = &tv.states.Errors[i]
			}
			return out
		},
		cols: []aec{
			aecol("displayName", "Display Name", KindText, 28, false, func(r *review.LicenseStateRow) Cell { return textCell(r.DisplayName) }),
			aecol("upn", "User Principal Name", KindText, 36, false, func(r *review.LicenseStateRow) Cell { return textCell(r.UserPrincipalName) }),
			aecol("license", "License", KindText, 34, false, func(r *review.LicenseStateRow) Cell { return textCell(r.Name) }),
			aecol("source", "License Source", KindText, 26, false, func(r *review.LicenseStateRow) Cell { return textCell(r.Source) }),
			aecol("state", "State", KindText, 14, false, func(r *review.LicenseStateRow) Cell { return textCell(r.State) }),
			aecol("error", "Error", KindText, 24, false, func(r *review.LicenseStateRow) Cell { return textCell(r.Error) }),
			aecol("remedy", "What To Do", KindText, 60, false, func(r *review.LicenseStateRow) Cell { return textCell(r.ErrorText) }),
			// Hidden by default.
			aecol("lastUpdated", "Last Updated", KindDateTime, 17, true, func(r *review.LicenseStateRow) Cell { return rfcCell(KindDateTime, r.LastUpdated) }),
			aecol("partNumber", "SKU Part Number", KindText, 24, true, func(r *review.LicenseStateRow) Cell { return textCell(r.PartNumber) }),
			aecol("disabledPlans", "Disabled Plans", KindText, 30, true, func(r *review.LicenseStateRow) Cell { return textCell(strings.Join(r.DisabledPlans, ", ")) }),
			aecol("userId", "User ID", KindText, 38, true, func(r *review.LicenseStateRow) Cell { return textCell(r.UserID) }),
		},
	}
}

// userViewCol is a Users/MFA column read from the user's review row;
// empty when the document has no views.
func userViewCol(vw *docViews, key, label string, kind CellKind, width float64, hidden bool, get func(*review.UserRow) Cell) uc {
	return ucol(key, label, kind, width, hidden, func(d *Dataset, r *userRow) Cell {
		if u := vw.user(d, r.U.ID); u != nil {
			return get(u)
		}
		return nullCell(kind)
	})
}

func count64Cell(v int64) Cell {
	if v < 0 {
		return nullCell(KindInt)
	}
	return Cell{Kind: KindInt, Num: float64(v)}
}

// BytesPerGB converts OneDrive storage to the column's gigabytes.
const BytesPerGB = 1 << 30

// userLicensingCols are the Users part's licensing columns (issue 13), in
// the column chooser: the Users part's default columns stay DESIGN.md's.
// License Source is aligned with License Names.
func userLicensingCols(vw *docViews) []uc {
	last := func(key, label string, get func(*review.UserRow) string) uc {
		return userViewCol(vw, key, label, KindDate, 13, true, func(u *review.UserRow) Cell { return rfcCell(KindDate, get(u)) })
	}
	return []uc{
		userViewCol(vw, "licenseSources", "License Source", KindText, 30, true, func(u *review.UserRow) Cell {
			return textCell(strings.Join(u.LicenseSources, "; "))
		}),
		userViewCol(vw, "assignmentErrors", "Assignment Errors", KindText, 40, true, func(u *review.UserRow) Cell {
			return textCell(strings.Join(u.AssignmentErrors, "; "))
		}),
		last("exchangeLast", "Exchange Last Activity", func(u *review.UserRow) string { return u.ExchangeLast }),
		last("oneDriveLast", "OneDrive Last Activity", func(u *review.UserRow) string { return u.OneDriveLast }),
		last("sharePointLast", "SharePoint Last Activity", func(u *review.UserRow) string { return u.SharePointLast }),
		last("teamsLast", "Teams Last Activity", func(u *review.UserRow) string { return u.TeamsLast }),
		last("yammerLast", "Viva Engage Last Activity", func(u *review.UserRow) string { return u.YammerLast }),
		last("skypeLast", "Skype Last Activity", func(u *review.UserRow) string { return u.SkypeLast }),
		userViewCol(vw, "oneDriveGB", "OneDrive Storage (GB)", KindNumber, 12, true, func(u *review.UserRow) Cell {
			if u.OneDriveBytes < 0 {
				return nullCell(KindNumber)
			}
			return Cell{Kind: KindNumber, Num: float64(u.OneDriveBytes) / BytesPerGB}
		}),
		userViewCol(vw, "oneDriveFiles", "OneDrive Files", KindInt, 11, true, func(u *review.UserRow) Cell { return count64Cell(u.OneDriveFiles) }),
		userViewCol(vw, "teamsChats", "Teams Chat Messages", KindInt, 11, true, func(u *review.UserRow) Cell { return count64Cell(u.TeamsChatMessages) }),
		userViewCol(vw, "teamsPrivate", "Teams Private Messages", KindInt, 11, true, func(u *review.UserRow) Cell { return count64Cell(u.TeamsPrivateMessages) }),
		userViewCol(vw, "teamsCalls", "Teams Calls", KindInt, 10, true, func(u *review.UserRow) Cell { return count64Cell(u.TeamsCalls) }),
		userViewCol(vw, "teamsMeetings", "Teams Meetings", KindInt, 10, true, func(u *review.UserRow) Cell { return count64Cell(u.TeamsMeetings) }),
	}
}
