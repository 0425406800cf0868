package graphsim

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkGenerate200x1000 generates a 200-tenant / 200,000-user MSP
// (target: < 5 s and < 1 GB allocated per op).
func BenchmarkGenerate200x1000(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := GenerateMSPWith(GenOptions{Seed: int64(i + 1), Tenants: 200, UsersPerTenant: 1000, Now: fixedNow})
		if len(m.Customers) != 200 {
			b.Fatal("wrong size")
		}
	}
}

// BenchmarkServeUsersPage serves one 999-user page with the sync's $select.
func BenchmarkServeUsersPage(b *testing.B) {
	m := GenerateMSPWith(GenOptions{Seed: 1, Tenants: 1, UsersPerTenant: 2000, Now: fixedNow})
	s := NewWithMSP(m, Options{})
	ten := m.Customers[0]
	tok := s.IssueToken(ten.ID)
	h := s.Handler()
	url := "http://127.0.0.1/graph/v1.0/users?$select=id,userPrincipalName,mail,displayName,givenName,surname,department,jobTitle," +
		"userType,accountEnabled,assignedLicenses,createdDateTime,onPremisesSyncEnabled,proxyAddresses&$top=999"
	b.ReportAllocs()
	var bytes int
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest(http.MethodGet, url, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		bytes = rec.Body.Len()
	}
	b.SetBytes(int64(bytes))
}
