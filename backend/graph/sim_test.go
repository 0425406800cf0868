package graph

import (
	"context"
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/derive"
	"tenantlens/backend/graphsim"
)

// These tests run the real msgraph-sdk-go request builders against graphsim
// over HTTP and compare every count with graphsim's ground truth.

func startSim(t testing.TB) *graphsim.Sim {
	t.Helper()
	s := graphsim.New(graphsim.Options{Seed: 1})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func simClient(t testing.TB, s *graphsim.Sim, tenantID string, po PacerOptions) *Client {
	t.Helper()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: s.IssueToken(tenantID), TokenType: "Bearer"})
	c, err := New(Options{GraphBase: s.GraphURL(), TokenSource: ts, TenantID: tenantID, Pacer: NewPacer(po)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// customers returns the demo customers sorted by size (smallest first).
func customers(s *graphsim.Sim) []graphsim.GroundTruth {
	var out []graphsim.GroundTruth
	for _, c := range s.MSP().Customers {
		out = append(out, s.GroundTruth(c.ID))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Users < out[j].Users })
	return out
}

func pick(t testing.TB, s *graphsim.Sim, ok func(graphsim.GroundTruth) bool) graphsim.GroundTruth {
	t.Helper()
	for _, g := range customers(s) {
		if ok(g) {
			return g
		}
	}
	t.Fatal("no demo tenant fits")
	return graphsim.GroundTruth{}
}

func TestFetchersMatchGroundTruth(t *testing.T) {
	s := startSim(t)
	ctx := context.Background()
	var sawNoP1, sawConcealed, sawP1 bool
	for _, g := range customers(s) {
		t.Run(g.DisplayName, func(t *testing.T) {
			c := simClient(t, s, g.TenantID, PacerOptions{})
			tenant, _ := s.Tenant(g.TenantID)

			subs, err := c.SubscribedSkus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if subs.HasP1 != g.HasP1 {
				t.Errorf("HasP1 = %v, truth %v", subs.HasP1, g.HasP1)
			}
			consumed := map[string]int{}
			for _, k := range subs.SKUs {
				if k.Consumed != 0 || g.ConsumedBySKU[k.SkuID] != 0 {
					consumed[k.SkuID] = k.Consumed
				}
			}
			for sku, n := range g.ConsumedBySKU {
				if consumed[sku] != n {
					t.Errorf("consumed %s = %d, truth %d", sku, consumed[sku], n)
				}
			}
			if len(consumed) != len(nonZero(g.ConsumedBySKU)) {
				t.Errorf("SKUs with consumption %v, truth %v", consumed, g.ConsumedBySKU)
			}

			ur, err := c.Users(ctx, subs.HasP1)
			if err != nil {
				t.Fatal(err)
			}
			var members, guests, disabled, licensed int
			ids := make([]string, 0, len(ur.Users))
			for _, u := range ur.Users {
				ids = append(ids, u.ID)
				switch u.UserType {
				case "Member":
					members++
				case "Guest":
					guests++
				default:
					t.Errorf("user %s has userType %q", u.UserPrincipalName, u.UserType)
				}
				if !u.AccountEnabled {
					disabled++
				}
				if len(u.Licenses) > 0 {
					licensed++
				}
			}
			// graphsim counts resource mailboxes (userType Member) apart
			if len(ur.Users) != g.Users || members != g.Members+g.ResourceAccounts || guests != g.Guests || disabled != g.Disabled || licensed != g.LicensedUsers {
				t.Errorf("users %d/%d members %d/%d guests %d/%d disabled %d/%d licensed %d/%d (got/truth)",
					len(ur.Users), g.Users, members, g.Members, guests, g.Guests, disabled, g.Disabled, licensed, g.LicensedUsers)
			}
			if ur.SignInAvailable != g.HasP1 || (!g.HasP1 && ur.SignInNote != SignInNeedsP1) {
				t.Errorf("sign-in available %v note %q, HasP1 %v", ur.SignInAvailable, ur.SignInNote, g.HasP1)
			}
			wantPages := (g.Users + MaxUsersPage - 1) / MaxUsersPage
			if g.HasP1 {
				wantPages = (g.Users + MaxUsersPageSignIn - 1) / MaxUsersPageSignIn
			}
			if ur.Pages != max(wantPages, 1) {
				t.Errorf("pages %d, want %d", ur.Pages, wantPages)
			}

			del, err := c.DeletedUsers(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(del) != g.Deleted {
				t.Errorf("deleted %d, truth %d", len(del), g.Deleted)
			}
			for _, d := range del {
				if !d.Deleted || d.DeletedAt == nil || strings.HasPrefix(strings.ToLower(d.UserPrincipalName), strings.ReplaceAll(d.ID, "-", "")) {
					t.Errorf("deleted user %+v", d.User)
				}
			}
			contacts, err := c.Contacts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(contacts) != g.Contacts {
				t.Errorf("contacts %d, truth %d", len(contacts), g.Contacts)
			}

			org, err := c.Organization(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if org.ID != g.TenantID || org.DisplayName != g.DisplayName || org.DefaultDomain != tenant.DefaultDomain {
				t.Errorf("organization %+v", org)
			}
			doms, err := c.Domains(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(doms) != len(tenant.Domains) {
				t.Errorf("domains %d, truth %d", len(doms), len(tenant.Domains))
			}

			registered := 0
			rd, err := c.RegistrationDetails(ctx)
			switch {
			case g.HasP1 && err != nil:
				t.Fatal(err)
			case g.HasP1:
				sawP1 = true
				for _, d := range rd {
					if d.IsMfaRegistered {
						registered++
					}
				}
			case !IsNoP1(err) || ClassOf(err) != ClassLicense:
				t.Fatalf("no-P1 tenant: err = %v, want ErrNoP1", err)
			default:
				sawNoP1 = true
				ms, err := c.AuthMethods(ctx, ids, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(ms) != len(ids) {
					t.Errorf("methods for %d users, asked %d", len(ms), len(ids))
				}
				for _, m := range ms {
					if m.Err != nil {
						t.Errorf("user %s: %v", m.UserID, m.Err)
					}
					if derive.MFAFromMethods(m.Methods).Status == "Enabled" {
						registered++
					}
				}
			}
			if registered != g.MFARegistered {
				t.Errorf("MFA registered %d, truth %d", registered, g.MFARegistered)
			}

			usage, err := c.Usage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			concealed, err := c.ReportSettings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if usage.Concealed != g.Concealed || concealed != g.Concealed {
				t.Errorf("usage concealed %v, settings %v, truth %v", usage.Concealed, concealed, g.Concealed)
			}
			if g.Concealed {
				sawConcealed = true
				if len(usage.Records) != 0 {
					t.Errorf("concealed tenant imported %d usage records", len(usage.Records))
				}
				return
			}
			resources := 0
			for _, u := range ur.Users {
				if r, ok := usage.Record(u.UserPrincipalName); ok && r.IsResource() {
					resources++
				}
			}
			if resources != g.ResourceAccounts {
				t.Errorf("resource accounts %d, truth %d", resources, g.ResourceAccounts)
			}
		})
	}
	if !sawNoP1 || !sawConcealed || !sawP1 {
		t.Errorf("demo MSP should cover P1 %v, no-P1 %v and concealed %v tenants", sawP1, sawNoP1, sawConcealed)
	}
}

func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// 30 % of requests (and of $batch items) answered 429 with Retry-After: 1:
// every fetch still completes with the right numbers, and after each 429 the
// tenant's next request on the wire waits at least a second.
func TestThrottledTenantCompletesAndHonoursRetryAfter(t *testing.T) {
	s := startSim(t)
	g := pick(t, s, func(g graphsim.GroundTruth) bool { return !g.HasP1 })
	s.SetKnobs(g.TenantID, graphsim.Knobs{ThrottleFraction: 0.3, RetryAfter: time.Second})
	c := simClient(t, s, g.TenantID, PacerOptions{MaxInFlight: 1})
	ctx := context.Background()
	start := time.Now()

	subs, err := c.SubscribedSkus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ur, err := c.Users(ctx, subs.HasP1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ur.Users) != g.Users {
		t.Errorf("users %d, truth %d", len(ur.Users), g.Users)
	}
	del, err := c.DeletedUsers(ctx)
	if err != nil || len(del) != g.Deleted {
		t.Errorf("deleted %d (truth %d), %v", len(del), g.Deleted, err)
	}
	cs, err := c.Contacts(ctx)
	if err != nil || len(cs) != g.Contacts {
		t.Errorf("contacts %d (truth %d), %v", len(cs), g.Contacts, err)
	}
	if org, err := c.Organization(ctx); err != nil || org.ID != g.TenantID {
		t.Errorf("organization %+v, %v", org, err)
	}
	// one $batch worth of users keeps the test short: every re-sent batch
	// then follows a throttled one
	tenant, _ := s.Tenant(g.TenantID)
	var ids []string
	for _, u := range ur.Users[:20] {
		ids = append(ids, u.ID)
	}
	ms, err := c.AuthMethods(ctx, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		su, _ := tenant.UserByID(id)
		got := derive.MFAFromMethods(ms[id].Methods).Status == "Enabled"
		if su == nil || got != su.MFARegistered() {
			t.Errorf("user %s: MFA registered %v, truth %v", id, got, su != nil && su.MFARegistered())
		}
	}

	// graphsim logs wire requests with their arrival time and, before each
	// $batch entry, one entry per batch item.
	type wire struct {
		r         graphsim.Request
		throttled bool // a 429 itself, or a $batch with a 429 item
	}
	var ws []wire
	itemThrottled, httpThrottled, itemRequests := false, 0, 0
	for _, r := range s.Requests() {
		if r.Tenant != g.TenantID || r.Time.Before(start) {
			continue
		}
		if strings.HasSuffix(r.Path, "/authentication/methods") {
			itemRequests++
			itemThrottled = itemThrottled || r.Status == 429
			continue
		}
		w := wire{r: r, throttled: r.Status == 429}
		if r.Status == 429 {
			httpThrottled++
		}
		if strings.HasSuffix(r.Path, "/$batch") {
			w.throttled = itemThrottled
			itemThrottled = false
		}
		ws = append(ws, w)
	}
	itemRetries := 0
	for i := 0; i+1 < len(ws); i++ {
		if !ws[i].throttled {
			continue
		}
		if strings.HasSuffix(ws[i].r.Path, "/$batch") {
			itemRetries++
		}
		if gap := ws[i+1].r.Time.Sub(ws[i].r.Time); gap < time.Second {
			t.Errorf("%s %s came %v after a 429 with Retry-After: 1", ws[i+1].r.Method, ws[i+1].r.Path, gap)
		}
	}
	if httpThrottled == 0 || itemRetries == 0 || itemRequests <= len(ids) {
		t.Errorf("the knob should throttle both requests (%d) and batch items (%d batches re-sent)", httpThrottled, itemRetries)
	}
	t.Logf("%d wire requests (%d answered 429), %d batch items, %d batches with throttled items; pacer %+v",
		len(ws), httpThrottled, itemRequests, itemRetries, c.Pacer().Stats())
}

func TestBrokenUsersPageFailsWithClearError(t *testing.T) {
	s := startSim(t)
	// the second page needs more than one page of users
	g := pick(t, s, func(g graphsim.GroundTruth) bool { return g.Users > MaxUsersPage })
	for name, k := range map[string]graphsim.Knobs{
		"truncated": {TruncatedPage: true},
		"malformed": {MalformedPage: true},
	} {
		t.Run(name, func(t *testing.T) {
			s.SetKnobs(g.TenantID, k)
			defer s.SetKnobs(g.TenantID, graphsim.Knobs{})
			c := simClient(t, s, g.TenantID, PacerOptions{})
			ur, err := c.Users(context.Background(), g.HasP1)
			if !errors.Is(err, ErrMalformed) || ClassOf(err) != ClassMalformed {
				t.Fatalf("err = %v, want a malformed-response error", err)
			}
			if !strings.Contains(err.Error(), "GET /users page 2") {
				t.Errorf("error %q should name the endpoint and page", err)
			}
			if len(ur.Users) != 0 {
				t.Errorf("%d users returned alongside the error", len(ur.Users))
			}
		})
	}
}

// The NoP1 knob on a P1 tenant: registration details answer ErrNoP1 and
// users are listed again without signInActivity.
func TestNoP1KnobFallsBack(t *testing.T) {
	s := startSim(t)
	g := pick(t, s, func(g graphsim.GroundTruth) bool { return g.HasP1 })
	s.SetKnobs(g.TenantID, graphsim.Knobs{NoP1: true})
	c := simClient(t, s, g.TenantID, PacerOptions{})
	ctx := context.Background()
	if _, err := c.RegistrationDetails(ctx); !IsNoP1(err) {
		t.Fatalf("err = %v, want ErrNoP1", err)
	}
	ur, err := c.Users(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if ur.SignInAvailable || ur.SignInNote != SignInNeedsP1 || len(ur.Users) != g.Users {
		t.Errorf("available %v note %q users %d/%d", ur.SignInAvailable, ur.SignInNote, len(ur.Users), g.Users)
	}
}

func TestConcealedKnob(t *testing.T) {
	s := startSim(t)
	g := pick(t, s, func(g graphsim.GroundTruth) bool { return !g.Concealed })
	s.SetKnobs(g.TenantID, graphsim.Knobs{Concealed: true})
	u, err := simClient(t, s, g.TenantID, PacerOptions{}).Usage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !u.Concealed || len(u.Records) != 0 {
		t.Errorf("concealed %v with %d records", u.Concealed, len(u.Records))
	}
}

func TestRevokedTokenIsReauth(t *testing.T) {
	s := startSim(t)
	g := pick(t, s, func(graphsim.GroundTruth) bool { return true })
	c := simClient(t, s, g.TenantID, PacerOptions{})
	s.RevokeGrants(g.TenantID)
	_, err := c.SubscribedSkus(context.Background())
	if ClassOf(err) != ClassReauth {
		t.Fatalf("err = %v (class %s), want reauth", err, ClassOf(err))
	}
	if strings.Contains(err.Error(), s.IssueToken(g.TenantID)[:20]) {
		t.Error("error text contains a token")
	}
}

// BenchmarkFetch2000UserTenant fetches everything a sync reads from the
// 2,000-user demo tenant (users with sign-in, SKUs, registration details,
// three usage reports).
func BenchmarkFetch2000UserTenant(b *testing.B) {
	s := startSim(b)
	g := pick(b, s, func(g graphsim.GroundTruth) bool { return g.Users >= 2000 })
	c := simClient(b, s, g.TenantID, PacerOptions{})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		subs, err := c.SubscribedSkus(ctx)
		if err != nil {
			b.Fatal(err)
		}
		ur, err := c.Users(ctx, subs.HasP1)
		if err != nil || len(ur.Users) != g.Users {
			b.Fatal(err, len(ur.Users))
		}
		if _, err := c.RegistrationDetails(ctx); err != nil && !IsNoP1(err) {
			b.Fatal(err)
		}
		if _, err := c.Usage(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthMethods2000 reads per-user methods of 2,000 users through
// 100 $batch requests (the no-P1 path).
func BenchmarkAuthMethods2000(b *testing.B) {
	s := startSim(b)
	g := pick(b, s, func(g graphsim.GroundTruth) bool { return g.Users >= 2000 })
	c := simClient(b, s, g.TenantID, PacerOptions{})
	ctx := context.Background()
	ur, err := c.Users(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(ur.Users))
	for i, u := range ur.Users {
		ids[i] = u.ID
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ms, err := c.AuthMethods(ctx, ids, nil)
		if err != nil || len(ms) != len(ids) {
			b.Fatal(err, len(ms))
		}
	}
}

// Reports answer 302 to a pre-authenticated download; the SDK's redirect
// handler follows it.
func TestUsageFollowsReportRedirect(t *testing.T) {
	s := startSim(t)
	g := pick(t, s, func(g graphsim.GroundTruth) bool { return !g.Concealed })
	u, err := simClient(t, s, g.TenantID, PacerOptions{}).Usage(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(u.Records) == 0 || u.RefreshDate == "" {
		t.Fatalf("usage %+v", u)
	}
	redirects, downloads := 0, 0
	for _, r := range s.Requests() {
		switch {
		case strings.Contains(r.Path, "/reports/") && r.Status == 302:
			redirects++
		case strings.Contains(r.Path, "download") && r.Status == 200:
			downloads++
		}
	}
	if redirects != 3 || downloads != 3 {
		t.Errorf("%d redirects and %d downloads, want 3 each", redirects, downloads)
	}
}
