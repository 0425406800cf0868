package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"tenantlens/backend/review"
)

// runPosture: tenantlens posture --tenant ID [--json] — the tenant's
// security posture (review.Posture).
func runPosture(ctx context.Context, env Env, args []string) int {
	s, id, asJSON, code := dataArgs(ctx, env, "posture", args)
	if s == nil {
		return code
	}
	defer s.close()
	v, err := s.rv.Posture(ctx, id)
	if err != nil {
		return fail(env, "posture", err)
	}
	if asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "posture", err)
		}
		return 0
	}
	printPosture(env.Stdout, v)
	return 0
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func printPosture(w io.Writer, v review.Posture) {
	fmt.Fprintf(w, "%s — security posture, data from %s\n\n", v.TenantName, shortTime(v.DataDate))
	for i, f := range v.Findings {
		fmt.Fprintf(w, "%d. %s\n", i+1, f)
	}
	fmt.Fprintf(w, "\nSecurity defaults:      %s\n", v.SecurityDefaults)
	fmt.Fprintf(w, "Conditional Access:     %s\n", v.ConditionalAccess)
	legacy := v.LegacyAuth
	if v.LegacyAuthBy != "" {
		legacy += " (" + v.LegacyAuthBy + ")"
	}
	fmt.Fprintf(w, "Legacy authentication:  %s\n", legacy)
	fmt.Fprintf(w, "Break-glass accounts:   %s\n", orDash(strings.Join(v.BreakGlass, "; ")))
	if sc := v.SecureScore; sc.Available {
		fmt.Fprintf(w, "Secure Score:           %s / %s (%s%%) on %s; %+.2f points of percent since %s\n",
			num(sc.Current), num(sc.Max), num(sc.Percent), sc.Day, sc.Change, sc.Since)
	} else {
		fmt.Fprintf(w, "Secure Score:           -\n")
	}
	if len(v.MFAPolicies)+len(v.ReportOnlyPolicies) > 0 {
		fmt.Fprintln(w)
		t := newTable(w, "POLICY REQUIRING MFA", "STATE", "EXCLUDES", "PARTIAL")
		for _, p := range append(append([]review.PosturePolicy{}, v.MFAPolicies...), v.ReportOnlyPolicies...) {
			t.row(p.Name, p.State, orDash(strings.Join(append(append([]string{}, p.ExcludedUsers...), p.ExcludedGroups...), "; ")),
				orDash(strings.Join(p.PartialReasons, ", ")))
		}
		t.flush()
	}
	if len(v.TopActions) > 0 {
		fmt.Fprintln(w)
		t := newTable(w, "IMPROVEMENT ACTION", "POINTS", "CATEGORY")
		for _, a := range v.TopActions {
			t.row(a.Title, num(a.Points), orDash(a.Category))
		}
		t.flush()
	}
	fmt.Fprintln(w)
	t := newTable(w, "MFA (USERS)", "COUNT")
	for _, c := range v.Combined {
		t.row(c.Label, strconv.Itoa(c.Value))
	}
	t.flush()
	for _, n := range v.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}
