package bench

import (
	"testing"
	"time"
)

func TestChainSmallP1Tenant(t *testing.T) {
	// 45 users, P1, reports readable: users 1 page, registration 1 page,
	// deleted 1, contacts 1, organization, SKUs, 3 reports x 2 = 12 requests;
	// 12/4 in flight -> 3 rounds > dependent chain 2; + token.
	c := testModel.Chain(Shape{Users: 45, P1: true, ReportsRole: true})
	if c.Requests != 12 || c.Dependent != 2 || c.Rounds != 4 {
		t.Fatalf("chain = %+v, want 12 requests, dependent 2, rounds 4", c)
	}
}

func TestChainLargeTenantIsPageBound(t *testing.T) {
	// 5,000 users with sign-in activity: 10 sequential users pages dominate.
	c := testModel.Chain(Shape{Users: 5000, P1: true, ReportsRole: true})
	if c.Dependent != 10 {
		t.Fatalf("dependent = %d, want 10 users pages", c.Dependent)
	}
	// without P1: 6 pages of 999, then the last page's 5 users in one batch
	// (1 round); 250 batches of 20 bound the rounds by volume:
	// 6+1+1+2+250+6 = 266 requests, ceil(266/4) = 67, + token.
	c = testModel.Chain(Shape{Users: 5000, ReportsRole: true})
	if c.Dependent != 7 {
		t.Fatalf("dependent = %d, want 6 pages + 1 batch round", c.Dependent)
	}
	if want := 68; c.Rounds != want {
		t.Fatalf("rounds = %d, want %d (volume bound)", c.Rounds, want)
	}
}

func TestLowerBoundSpreadsOverConcurrency(t *testing.T) {
	small := Shape{Users: 45, P1: true, ReportsRole: true} // 4 rounds
	var shapes []Shape
	for i := 0; i < 16; i++ {
		shapes = append(shapes, small)
	}
	b := testModel.LowerBound(shapes, 8, 50*time.Millisecond)
	if b.Longest != 4 || b.Sum != 64 || b.Rounds != 8 || b.Wall != 400*time.Millisecond {
		t.Fatalf("bound = %+v, want longest 4, sum 64, rounds 8, 400ms", b)
	}
	// one huge tenant dominates
	shapes = append(shapes, Shape{Users: 50000, P1: true, ReportsRole: true})
	b = testModel.LowerBound(shapes, 8, 50*time.Millisecond)
	if b.Rounds != b.Longest || b.Longest < 100 {
		t.Fatalf("bound = %+v, want the 100-page tenant to dominate", b)
	}
}

func TestEndpointNames(t *testing.T) {
	cases := map[string]string{
		"/login/contoso.com/oauth2/v2.0/token":                                          "/login/{tenant}/oauth2/v2.0/token",
		"/graph/v1.0/users/0f8fad5b-d9cb-469f-a165-70867728950e/authentication/methods": "/graph/users/{id}/authentication/methods",
		"/graph/v1.0/users":             "/graph/users",
		"/reports-download/abc/def.csv": "/reports-download/…",
	}
	for in, want := range cases {
		if got := Endpoint(in); got != want {
			t.Errorf("Endpoint(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMedians(t *testing.T) {
	if m := MedianDur([]time.Duration{5, 1, 3}); m != 3 {
		t.Fatalf("median = %v", m)
	}
	if m := MedianInt([]int64{4, 1, 3, 2}); m != 2 {
		t.Fatalf("median = %v", m)
	}
}

// testModel fixes the limits the arithmetic above was worked out with.
var testModel = func() Model {
	m := DefaultModel
	m.InFlight, m.RegPage = 4, 1000
	return m
}()
