package graphsim

import "sort"

// IssuedSecrets returns every access token, refresh token and authorization
// code this Sim has issued so far (revoked and used ones included), sorted,
// so a test can prove none of them was ever written or printed anywhere.
// Treat the result as secret: never print an element of it.
func (s *Sim) IssuedSecrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.access)+len(s.refresh)+len(s.codes))
	for k := range s.access {
		out = append(out, k)
	}
	for k := range s.refresh {
		out = append(out, k)
	}
	for k := range s.codes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
