package derive

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalizeCompanyName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Cedar & Pine Law LLP", "cedar pine law"},
		{"Cedar and Pine Law", "cedar pine law"},
		{"CEDAR + PINE LAW, L.L.P.", "cedar pine law"},
		{"Harbor Dental Group, Inc.", "harbor dental group"},
		{"Harbor Dental Group Incorporated", "harbor dental group"},
		{"Müller Bau GmbH", "muller bau"},
		{"Acme Pty Ltd", "acme"},
		{"Acme Co., Ltd.", "acme"},
		{"Acme Corp", "acme"},
		{"Acme Holdings PLC", "acme holdings"},
		{"Société Générale S.A.", "societe generale"},
		{"Van Dijk B.V.", "van dijk"},
		{"O'Brien's Bakery", "obriens bakery"},
		{"The Coffee Company", "coffee"},
		{"Blue-Heron Architects", "blue heron architects"},
		{"Inc", "inc"},             // nothing but a suffix: kept
		{"The Company", "company"}, // leading "the" dropped, the last word kept
		{"Co-Op Grocers Co", "co op grocers"},
	}
	for _, c := range cases {
		if got := strings.Join(NormalizeCompanyName(c.in), " "); got != c.want {
			t.Errorf("NormalizeCompanyName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNameSimilarity(t *testing.T) {
	cases := []struct {
		a, b   string
		lo, hi float64
	}{
		{"Cedar & Pine Law LLP", "Cedar and Pine Law", 1, 1},
		{"BlueHeron Architects", "Blue Heron Architects, Inc.", 1, 1},
		{"Harbour Dental Group", "Harbor Dental Group", 0.9, 0.99}, // a typo is close, not equal
		{"Harbor Dental", "Harbor Dental Group", 0.75, 0.85},
		{"Alder Law Group", "Alder Accounting", 0.3, 0.5},
		{"Summit Ridge Construction", "Granite Peak Engineering", 0, 0},
	}
	for _, c := range cases {
		got := NameSimilarity(c.a, c.b)
		if got < c.lo || got > c.hi {
			t.Errorf("NameSimilarity(%q, %q) = %.3f, want in [%.2f, %.2f]", c.a, c.b, got, c.lo, c.hi)
		}
		if back := NameSimilarity(c.b, c.a); back != got {
			t.Errorf("NameSimilarity is not symmetric for %q/%q: %.3f vs %.3f", c.a, c.b, got, back)
		}
	}
}

func TestWebsiteHost(t *testing.T) {
	cases := map[string]string{
		"https://www.Contoso.com/about?x=1": "contoso.com",
		"contoso.com":                       "contoso.com",
		"http://contoso.com:8080":           "contoso.com",
		"www.shop.contoso.co.uk/":           "shop.contoso.co.uk",
		"n/a":                               "",
		"":                                  "",
	}
	for in, want := range cases {
		if got := WebsiteHost(in); got != want {
			t.Errorf("WebsiteHost(%q) = %q, want %q", in, got, want)
		}
	}
}

var harborTenant = TenantInfo{ID: "t1", DisplayName: "Harbor Dental Group",
	Domains: []string{"harbordental.onmicrosoft.com", "harbordental.com"}}

func TestDomainEvidenceBeatsWeakerName(t *testing.T) {
	cands := []ClientCandidate{
		// the PSA calls it by its trading name; only the domains tie it to the tenant
		{ID: "c-smile", Name: "Smile Harbor PC", Website: "https://www.harbordental.com"},
		{ID: "c-hd", Name: "Harbor Dental Supply"},
		{ID: "c-x", Name: "Granite Peak Engineering", Website: "granitepeakeng.com"},
	}
	s := SuggestClients(harborTenant, cands)
	if len(s) < 2 || s[0].ClientID != "c-smile" {
		t.Fatalf("suggestions %+v: want c-smile first", s)
	}
	if s[0].NameScore >= s[1].NameScore {
		t.Fatalf("fixture broken: the winner should have the weaker name (%.3f vs %.3f)", s[0].NameScore, s[1].NameScore)
	}
	if !anyContains(s[0].Reasons, "website harbordental.com") {
		t.Errorf("reasons %q do not cite the website", s[0].Reasons)
	}
	for _, x := range s {
		if x.ClientID == "c-x" {
			t.Errorf("an unrelated client was suggested: %+v", x)
		}
	}

	// contacts' email domains alone also beat a near name
	cands = []ClientCandidate{
		{ID: "c-smile", Name: "Smile Harbor PC", ContactDomains: []string{"@harbordental.com", "ann@HarborDental.com", "gmail.com"}},
		{ID: "c-hd", Name: "Harbor Dental Supply", ContactDomains: []string{"harborsupply.com"}},
	}
	s = SuggestClients(harborTenant, cands)
	if s[0].ClientID != "c-smile" || !anyContains(s[0].Reasons, "2 of 2 contact addresses") {
		t.Errorf("contact domains: %+v", s)
	}
}

func TestOnMicrosoftPrefixIsWeakEvidence(t *testing.T) {
	tn := TenantInfo{DisplayName: "HDG", Domains: []string{"harbordental.onmicrosoft.com"}}
	s := ScoreClient(tn, ClientCandidate{ID: "c", Name: "Harbor Dental"})
	if s.DomainScore <= 0 || s.DomainScore > 0.4 {
		t.Errorf("onmicrosoft prefix evidence = %.3f, want weak (0, 0.4]", s.DomainScore)
	}
	if !anyContains(s.Reasons, "harbordental.onmicrosoft.com") {
		t.Errorf("reasons %q", s.Reasons)
	}
	if AutoMap([]Suggestion{s}, DefaultAutoMapThreshold).Mapped {
		t.Error("weak evidence alone auto-mapped")
	}
	// and it never counts as a verified-domain match
	s2 := ScoreClient(tn, ClientCandidate{ID: "c", Name: "Zzz", Website: "harbordental.onmicrosoft.com"})
	if s2.DomainScore >= 0.9 {
		t.Errorf("an onmicrosoft website counted as a verified domain: %.3f", s2.DomainScore)
	}
}

func TestAutoMap(t *testing.T) {
	cases := []struct {
		name      string
		cands     []ClientCandidate
		threshold float64
		mapped    bool
		clientID  string
		why       string
	}{
		{"exact name, nothing else close", []ClientCandidate{
			{ID: "a", Name: "Harbor Dental Group, Inc."}, {ID: "b", Name: "Granite Peak Engineering"}},
			DefaultAutoMapThreshold, true, "a", "mapped to"},
		{"ambiguous pair left for the user", []ClientCandidate{
			{ID: "a", Name: "Harbor Dental Group LLC"}, {ID: "b", Name: "Harbor Dental Group"}},
			DefaultAutoMapThreshold, false, "", "too close"},
		{"ambiguous even with a high score", []ClientCandidate{
			{ID: "a", Name: "Harbor Dental Group", Website: "harbordental.com"},
			{ID: "b", Name: "Harbour Dental Group", Website: "harbordental.com"}},
			DefaultAutoMapThreshold, false, "", "too close"},
		{"below threshold", []ClientCandidate{{ID: "a", Name: "Harbour Dental"}},
			DefaultAutoMapThreshold, false, "", "below the minimum"},
		{"stricter threshold refuses a name-only match", []ClientCandidate{{ID: "a", Name: "Harbor Dental Group"}},
			0.9, false, "", "below the minimum"},
		{"domain evidence clears a strict threshold", []ClientCandidate{
			{ID: "a", Name: "Harbor Dental Group", Website: "harbordental.com"}, {ID: "b", Name: "Harbor Dental Group East"}},
			0.95, true, "a", "mapped to"},
		{"invalid threshold", []ClientCandidate{{ID: "a", Name: "Harbor Dental Group"}}, 0, false, "", "between 0 and 1"},
		{"no candidates", nil, DefaultAutoMapThreshold, false, "", "by hand"},
	}
	for _, c := range cases {
		s := SuggestClients(harborTenant, c.cands)
		d := AutoMap(s, c.threshold)
		if d.Mapped != c.mapped || (c.mapped && d.Client.ClientID != c.clientID) || !strings.Contains(d.Reason, c.why) {
			t.Errorf("%s: got mapped=%v client=%q reason=%q (suggestions %+v)", c.name, d.Mapped, d.Client.ClientID, d.Reason, s)
		}
		if d.Mapped && d.Client.Score < c.threshold {
			t.Errorf("%s: mapped below the threshold (%.3f < %.3f)", c.name, d.Client.Score, c.threshold)
		}
	}
}

func TestSuggestClientsOrderIsDeterministic(t *testing.T) {
	cands := []ClientCandidate{
		{ID: "2", Name: "Harbor Dental Group"}, {ID: "1", Name: "harbor dental group"},
		{ID: "3", Name: "Harbor Dental"}, {ID: "4", Name: "Unrelated Ltd"},
	}
	ids := func(s []Suggestion) []string {
		var out []string
		for _, x := range s {
			out = append(out, x.ClientID)
		}
		return out
	}
	a := ids(SuggestClients(harborTenant, cands))
	rev := []ClientCandidate{cands[3], cands[2], cands[1], cands[0]}
	b := ids(SuggestClients(harborTenant, rev))
	if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, []string{"1", "2", "3"}) {
		t.Errorf("order %v / %v", a, b)
	}
}

func anyContains(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// One stray contact of another client on the tenant's domain is weak
// evidence: with no name resemblance it never reaches the auto-map
// threshold, while a client whose contacts all use the domain does.
func TestStrayContactDomainIsWeak(t *testing.T) {
	tn := TenantInfo{ID: "t", DisplayName: "Brightwater Veterinary Clinic", Domains: []string{"brightwatervet.com", "brightwatervet.onmicrosoft.com"}}
	stray := ClientCandidate{ID: "harbor", Name: "Harbor Dental Group", ContactDomains: []string{
		"harbordental.com", "harbordental.com", "harbordental.com", "harbordental.com", "harbordental.com",
		"harbordental.com", "harbordental.com", "brightwatervet.com"}}
	own := ClientCandidate{ID: "bw", Name: "BW Animal Care", ContactDomains: []string{"brightwatervet.com", "brightwatervet.com", "gmail.com"}}
	s := ScoreClient(tn, stray)
	if s.Score >= DefaultAutoMapThreshold {
		t.Fatalf("one stray contact scores %.3f (%v), at or above the auto-map threshold", s.Score, s.Reasons)
	}
	o := ScoreClient(tn, own)
	if o.Score < DefaultAutoMapThreshold || o.Score <= s.Score {
		t.Fatalf("all contacts on the domain score %.3f, the stray one %.3f", o.Score, s.Score)
	}
	if d := AutoMap(SuggestClients(tn, []ClientCandidate{stray}), DefaultAutoMapThreshold); d.Mapped {
		t.Fatalf("auto-mapped on one stray contact: %s", d.Reason)
	}
}
