package review

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"tenantlens/backend/derive"
	"tenantlens/backend/types"
)

// MappingSource adds what the mapping page reads to ClientSource.
type MappingSource interface {
	ClientSource
	Mappings(ctx context.Context) ([]types.TenantMapping, error)
	AllContacts(ctx context.Context) ([]types.PSAContact, error)
}

// MappingSuggestion is one scored client for an unmapped tenant.
type MappingSuggestion struct {
	ClientID    int64    `json:"clientId"`
	ClientName  string   `json:"clientName"`
	Score       float64  `json:"score"`
	NameScore   float64  `json:"nameScore"`
	DomainScore float64  `json:"domainScore"`
	Reasons     []string `json:"reasons"`
}

// MappingRow is one tenant on the mapping page.
type MappingRow struct {
	TenantID      string  `json:"tenantId"`
	TenantName    string  `json:"tenantName"`
	DefaultDomain string  `json:"defaultDomain"`
	ClientID      int64   `json:"clientId"` // 0: unmapped
	ClientName    string  `json:"clientName"`
	MappedBy      string  `json:"mappedBy"`
	Confidence    float64 `json:"confidence"`
	// Suggestions, best first (unmapped tenants only).
	Suggestions []MappingSuggestion `json:"suggestions"`
	// AutoMap says whether `map --auto` at the view's threshold would map
	// this tenant, and AutoReason why (not).
	AutoMap    bool   `json:"autoMap"`
	AutoReason string `json:"autoReason"`
}

// MappingView is the mapping page.
type MappingView struct {
	Total     int          `json:"total"`
	Mapped    int          `json:"mapped"`
	Unmapped  int          `json:"unmapped"`
	Threshold float64      `json:"threshold"`
	Tenants   []MappingRow `json:"tenants"`
}

// Candidates are the clients as the matcher sees them: name, website and
// the email domain of every contact address.
func Candidates(clients []types.Client, contacts []types.PSAContact) []derive.ClientCandidate {
	domains := map[int64][]string{}
	for _, c := range contacts {
		if c.ClientID == 0 {
			continue
		}
		for _, e := range c.Emails {
			if at := strings.LastIndexByte(e, '@'); at >= 0 {
				domains[c.ClientID] = append(domains[c.ClientID], strings.ToLower(e[at+1:]))
			}
		}
	}
	out := make([]derive.ClientCandidate, 0, len(clients))
	for _, c := range clients {
		out = append(out, derive.ClientCandidate{ID: strconv.FormatInt(c.ID, 10), Name: c.Name, Website: c.Website,
			ContactDomains: domains[c.ID], Inactive: strings.EqualFold(strings.TrimSpace(c.Status), "inactive")})
	}
	return out
}

// TenantInfoOf is the matcher's view of a tenant.
func TenantInfoOf(t types.Tenant) derive.TenantInfo {
	ds := append([]string(nil), t.Domains...)
	if t.DefaultDomain != "" {
		ds = append(ds, t.DefaultDomain)
	}
	return derive.TenantInfo{ID: t.ID, DisplayName: t.DisplayName, Domains: ds}
}

// Mapping builds the mapping page at an auto-map threshold (<= 0: the
// default, derive.DefaultAutoMapThreshold).
func (s *Service) Mapping(ctx context.Context, threshold float64) (MappingView, error) {
	src, ok := s.Clients.(MappingSource)
	if !ok {
		return MappingView{}, ErrNoClients
	}
	if threshold <= 0 {
		threshold = derive.DefaultAutoMapThreshold
	}
	tenants, err := s.Src.Tenants(ctx)
	if err != nil {
		return MappingView{}, err
	}
	clients, err := src.Clients(ctx)
	if err != nil {
		return MappingView{}, err
	}
	contacts, err := src.AllContacts(ctx)
	if err != nil {
		return MappingView{}, err
	}
	maps, err := src.Mappings(ctx)
	if err != nil {
		return MappingView{}, err
	}
	byTenant := map[string]types.TenantMapping{}
	for _, m := range maps {
		byTenant[m.TenantID] = m
	}
	names := map[int64]string{}
	for _, c := range clients {
		names[c.ID] = c.Name
	}
	cands := Candidates(clients, contacts)
	v := MappingView{Total: len(tenants), Threshold: threshold, Tenants: make([]MappingRow, 0, len(tenants))}
	for _, t := range tenants {
		r := MappingRow{TenantID: t.ID, TenantName: t.DisplayName, DefaultDomain: t.DefaultDomain, Suggestions: []MappingSuggestion{}}
		if m, ok := byTenant[t.ID]; ok {
			r.ClientID, r.ClientName, r.MappedBy, r.Confidence = m.ClientID, names[m.ClientID], string(m.MappedBy), m.Confidence
			v.Mapped++
		} else {
			v.Unmapped++
			sugg := derive.SuggestClients(TenantInfoOf(t), cands)
			for i, sg := range sugg {
				if i == 5 {
					break
				}
				id, _ := strconv.ParseInt(sg.ClientID, 10, 64)
				r.Suggestions = append(r.Suggestions, MappingSuggestion{ClientID: id, ClientName: sg.ClientName,
					Score: sg.Score, NameScore: sg.NameScore, DomainScore: sg.DomainScore, Reasons: nonNil(sg.Reasons)})
			}
			d := derive.AutoMap(sugg, threshold)
			r.AutoMap, r.AutoReason = d.Mapped, d.Reason
		}
		v.Tenants = append(v.Tenants, r)
	}
	// Unmapped first (the work to do), then by tenant name.
	sort.SliceStable(v.Tenants, func(i, j int) bool {
		a, b := v.Tenants[i], v.Tenants[j]
		if (a.ClientID == 0) != (b.ClientID == 0) {
			return a.ClientID == 0
		}
		return strings.ToLower(a.TenantName) < strings.ToLower(b.TenantName)
	})
	return v, nil
}
