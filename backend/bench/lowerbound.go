package bench

import (
	"time"

	"tenantlens/backend/graphsim"
)

// Shape is what one tenant's sync has to read, taken from the generated data.
type Shape struct {
	TenantID    string
	Name        string
	Users       int  // non-deleted users
	Deleted     int  // soft-deleted users
	Contacts    int  // organisational contacts
	P1          bool // Entra ID P1/P2: registration details and sign-in activity
	ReportsRole bool // the partner's GDAP roles can read usage reports
}

// Model holds the page sizes and limits a chain is computed with.
type Model struct {
	UsersPage       int // /users $top without signInActivity (Graph max 999)
	UsersPageSignIn int // with signInActivity (Graph caps at 500)
	RegPage         int // userRegistrationDetails rows per page (TenantLens asks $top=999)
	OtherPage       int // deleted users, contacts (999)
	BatchSize       int // requests per $batch (20)
	InFlight        int // requests in flight per tenant (graph.PacerOptions.MaxInFlight default: 8)
	UsageReports    int // D30 usage reports, each GET -> 302 -> download (3)
}

// DefaultModel is TenantLens' documented page sizes and limits.
var DefaultModel = Model{UsersPage: 999, UsersPageSignIn: 500, RegPage: 999, OtherPage: 999,
	BatchSize: 20, InFlight: 8, UsageReports: 3}

// Chain is one tenant's lower bound in round trips.
type Chain struct {
	Dependent int // longest chain of requests that each need the previous answer (after the token)
	Requests  int // Graph requests needed after the token
	Rounds    int // 1 (token) + max(Dependent, ceil(Requests / InFlight))
}

func ceilDiv(a, b int) int {
	if a <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// Chain computes the fewest sequential round trips one tenant's full sync
// needs. Everything waits for the tenant's access token (1). Then these
// branches can run at once, each a chain of dependent requests:
//   - /users pages, sequential through @odata.nextLink: ceil(users / page)
//     (page 500 with signInActivity on P1 tenants, else 999);
//   - P1: userRegistrationDetails pages, sequential: ceil(users / RegPage);
//     no P1: per-user methods through $batch of 20, which need the user ids,
//     so at least the users pages plus the rounds of the last page's
//     batches at InFlight batches at a time;
//   - deleted users and contacts pages; organization; subscribedSkus;
//   - each usage report: GET (302) then the download (2), or one 403
//     without a reports role.
//
// And no more than InFlight requests of the tenant are in flight at once,
// so the rounds are also at least ceil(requests / InFlight).
func (m Model) Chain(s Shape) Chain {
	page := m.UsersPage
	if s.P1 {
		page = m.UsersPageSignIn
	}
	usersPages := max(1, ceilDiv(s.Users, page))
	deleted := max(1, ceilDiv(s.Deleted, m.OtherPage))
	contacts := max(1, ceilDiv(s.Contacts, m.OtherPage))
	req := usersPages + deleted + contacts + 2 // + organization, subscribedSkus
	dep := max(usersPages, deleted, contacts, 1)
	if s.P1 {
		reg := max(1, ceilDiv(s.Users, m.RegPage))
		req += reg
		dep = max(dep, reg)
	} else {
		batches := ceilDiv(s.Users, m.BatchSize)
		lastPage := s.Users - (usersPages-1)*page
		req += batches
		dep = max(dep, usersPages+ceilDiv(ceilDiv(lastPage, m.BatchSize), m.InFlight))
	}
	if s.ReportsRole {
		req += 2 * m.UsageReports
		dep = max(dep, 2)
	} else {
		req += m.UsageReports
	}
	return Chain{Dependent: dep, Requests: req, Rounds: 1 + max(dep, ceilDiv(req, m.InFlight))}
}

// Bound is the whole run's lower bound.
type Bound struct {
	Tenants     int
	Concurrency int
	Latency     time.Duration
	Longest     int // rounds of the longest tenant
	Sum         int // rounds of all tenants
	Rounds      int // max(Longest, ceil(Sum / Concurrency))
	Requests    int // requests the model needs (tokens included)
	Wall        time.Duration
}

// LowerBound spreads the tenants' chains over the concurrency limit: the run
// takes at least its longest tenant, and at least the sum of all chains
// divided by the number of tenants syncing at once.
func (m Model) LowerBound(shapes []Shape, concurrency int, latency time.Duration) Bound {
	b := Bound{Tenants: len(shapes), Concurrency: concurrency, Latency: latency}
	for _, s := range shapes {
		c := m.Chain(s)
		b.Longest = max(b.Longest, c.Rounds)
		b.Sum += c.Rounds
		b.Requests += 1 + c.Requests
	}
	b.Rounds = max(b.Longest, ceilDiv(b.Sum, max(1, concurrency)))
	b.Wall = time.Duration(b.Rounds) * latency
	return b
}

// Shapes reads the customers' shapes from an MSP; only the tenants in ids
// (all customers when ids is nil).
func Shapes(sim *graphsim.Sim, ids map[string]bool) []Shape {
	msp := sim.MSP()
	var out []Shape
	for _, t := range msp.Customers {
		if ids != nil && !ids[t.ID] {
			continue
		}
		s := Shape{TenantID: t.ID, Name: t.DisplayName, Contacts: len(t.Contacts), P1: t.HasP1}
		for _, u := range t.Users {
			if u.Deleted {
				s.Deleted++
			} else {
				s.Users++
			}
		}
		for _, r := range msp.Relationships {
			if r.CustomerID != t.ID || r.Status != graphsim.RelationshipActive {
				continue
			}
			for _, role := range r.Roles {
				switch role {
				case graphsim.RoleGlobalAdministrator, graphsim.RoleGlobalReader, graphsim.RoleReportsReader:
					s.ReportsRole = true
				}
			}
		}
		out = append(out, s)
	}
	return out
}
