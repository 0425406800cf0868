package report

import (
	"strings"
	"tenantlens/backend/derive"

	"tenantlens/backend/types"
)

type uc = colDef[*userRow]

func ucol(key, label string, kind CellKind, width float64, hidden bool, get func(*Dataset, *userRow) Cell) uc {
	return uc{Column: Column{Key: key, Label: label, Kind: kind, Width: width, Hidden: hidden}, get: get}
}

func listedUsers(d *Dataset) []*userRow {
	out := make([]*userRow, len(d.Users))
	for i := range d.Users {
		out[i] = &d.Users[i]
	}
	return out
}

func mfaCell(u *types.User) Cell {
	s := string(u.MFAStatus)
	if s == "" {
		s = string(types.MFAUnavailable)
	}
	return Cell{Kind: KindMFA, Text: s}
}

// Shared user columns (the same key means the same thing in every part).
func colDisplayName(hidden bool) uc {
	return ucol("displayName", "Display Name", KindText, 28, hidden, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.DisplayName) })
}

func colUPN(hidden bool) uc {
	return ucol("upn", "User Principal Name", KindText, 36, hidden, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.UserPrincipalName) })
}

// usersPart is "Users (Office 365)": one row per user account that is not
// deleted. Default columns and labels are DESIGN.md's.
func usersPart() Part { return usersPartWith(nil) }

// usersPartWith is the Users part with the licensing and enforcement
// columns read from a document's views (parts_licensing.go,
// parts_security.go).
func usersPartWith(vw *docViews) Part {
	return &tablePart[*userRow]{
		kind: types.PartUsers, label: "Users", rows: listedUsers,
		cols: append([]uc{
			colDisplayName(false),
			colUPN(false),
			ucol("mail", "Email", KindText, 32, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.Mail) }),
			ucol("department", "Department", KindText, 18, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.Department) }),
			ucol("jobTitle", "Job Title", KindText, 22, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.JobTitle) }),
			ucol("userType", "User Type", KindText, 11, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.UserType) }),
			ucol("accountEnabled", "Account Enabled", KindBool, 10, false, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.AccountEnabled) }),
			ucol("resourceAccount", "Resource Account", KindBool, 10, false, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.ResourceAccount) }),
			ucol("licenseNames", "License Names", KindText, 40, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.LicenseNames) }),
			ucol("licenseValues", "License Values", KindText, 30, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.LicenseValues) }),
			ucol("mfaStatus", "MFA Status", KindMFA, 12, false, func(_ *Dataset, r *userRow) Cell { return mfaCell(r.U) }),
			ucol("mfaMethods", "MFA Methods", KindText, 30, false, func(_ *Dataset, r *userRow) Cell {
				return textCell(strings.Join(derive.MethodLabels(r.U.MFAMethods), "; "))
			}),
			ucol("lastSignIn", "Last Sign-In", KindDateTime, 17, false, func(_ *Dataset, r *userRow) Cell { return timeCell(KindDateTime, r.U.LastSignIn) }),
			ucol("lastActivity", "Last Activity", KindDate, 13, false, func(_ *Dataset, r *userRow) Cell { return timeCell(KindDate, r.U.LastActivity) }),
			ucol("emailsSent", "Emails Sent (30 d)", KindInt, 11, false, func(_ *Dataset, r *userRow) Cell { return intPtrCell(r.U.EmailsSent) }),
			ucol("emailsRead", "Emails Read (30 d)", KindInt, 11, false, func(_ *Dataset, r *userRow) Cell { return intPtrCell(r.U.EmailsRead) }),
			ucol("created", "Created", KindDate, 12, false, func(_ *Dataset, r *userRow) Cell { return timeCell(KindDate, r.U.CreatedAt) }),
			// Hidden by default.
			ucol("givenName", "First Name", KindText, 14, true, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.GivenName) }),
			ucol("surname", "Last Name", KindText, 16, true, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.Surname) }),
			ucol("lastNonInteractive", "Last Non-Interactive Sign-In", KindDateTime, 17, true, func(_ *Dataset, r *userRow) Cell { return timeCell(KindDateTime, r.U.LastNonInteractiveSignIn) }),
			ucol("emailsReceived", "Emails Received (30 d)", KindInt, 11, true, func(_ *Dataset, r *userRow) Cell { return intPtrCell(r.U.EmailsReceived) }),
			ucol("admin", "Admin", KindBool, 8, true, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.IsAdmin) }),
			ucol("onPremSync", "Synced from On-Premises", KindBool, 10, true, func(_ *Dataset, r *userRow) Cell {
				return boolCell(r.U.OnPremisesSyncEnabled != nil && *r.U.OnPremisesSyncEnabled)
			}),
			ucol("mfaDefault", "MFA Default Method", KindText, 20, true, func(_ *Dataset, r *userRow) Cell { return textCell(derive.MethodLabel(r.U.MFADefaultMethod)) }),
			ucol("monthlyCost", "Monthly Cost", KindCurrency, 12, true, func(_ *Dataset, r *userRow) Cell { return moneyCell(r.MonthlyCost) }),
			ucol("recipientType", "Recipient Type", KindText, 16, true, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.RecipientType) }),
			ucol("userId", "User ID", KindText, 38, true, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.ID) }),
		}, append(userLicensingCols(vw), enforcementCols(vw, true)...)...),
	}
}

// mfaSourceText is how a client reads which source decided a status.
func mfaSourceText(s types.MFASource) string {
	switch s {
	case types.MFASourceRegistrationDetails:
		return "Registration details"
	case types.MFASourceAuthMethods:
		return "Authentication methods"
	}
	return ""
}

// mfaPart lists every listed user's MFA registration.
func mfaPart() Part { return mfaPartWith(nil) }

// mfaPartWith is the MFA part with the enforcement columns (who requires
// MFA, and the state combined with registration) from a document's views.
func mfaPartWith(vw *docViews) Part {
	return &tablePart[*userRow]{
		kind: types.PartMFA, label: "MFA", rows: listedUsers,
		cols: append([]uc{
			colDisplayName(false),
			colUPN(false),
			ucol("userType", "User Type", KindText, 11, false, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.UserType) }),
			ucol("accountEnabled", "Account Enabled", KindBool, 10, false, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.AccountEnabled) }),
			ucol("admin", "Admin", KindBool, 8, false, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.IsAdmin) }),
			ucol("licensed", "Licensed", KindBool, 9, false, func(_ *Dataset, r *userRow) Cell { return boolCell(r.Licensed) }),
			ucol("mfaStatus", "MFA Status", KindMFA, 12, false, func(_ *Dataset, r *userRow) Cell { return mfaCell(r.U) }),
			ucol("mfaMethods", "MFA Methods", KindText, 34, false, func(_ *Dataset, r *userRow) Cell {
				return textCell(strings.Join(derive.MethodLabels(r.U.MFAMethods), "; "))
			}),
			ucol("mfaDefault", "Default Method", KindText, 20, false, func(_ *Dataset, r *userRow) Cell { return textCell(derive.MethodLabel(r.U.MFADefaultMethod)) }),
			ucol("mfaSource", "Source", KindText, 22, true, func(_ *Dataset, r *userRow) Cell { return textCell(mfaSourceText(r.U.MFASource)) }),
			ucol("mfaNote", "Note", KindText, 40, true, func(_ *Dataset, r *userRow) Cell { return textCell(r.U.MFAReason) }),
			ucol("resourceAccount", "Resource Account", KindBool, 10, true, func(_ *Dataset, r *userRow) Cell { return boolCell(r.U.ResourceAccount) }),
			ucol("lastSignIn", "Last Sign-In", KindDateTime, 17, true, func(_ *Dataset, r *userRow) Cell { return timeCell(KindDateTime, r.U.LastSignIn) }),
		}, enforcementCols(vw, false)...),
	}
}
