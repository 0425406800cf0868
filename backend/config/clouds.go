package config

import (
	"sort"
	"strings"
)

// National clouds (GRAPH-FACTS §21). Choosing a cloud in Settings sets the
// sign-in authority and the Graph root together; TENANTLENS_AUTHORITY and
// TENANTLENS_GRAPH still win over both.

// Cloud is one cloud Microsoft operates, with its sign-in authority and
// Graph root.
type Cloud struct {
	Name      string `json:"name"`  // the setting's value: public | usgov | usgovdod | china
	Label     string `json:"label"` // what Settings shows
	Authority string `json:"authority"`
	Graph     string `json:"graph"`
	// Missing lists the Graph endpoints this cloud does not offer; a sync
	// skips them with a note on the tenant.
	Missing []Capability `json:"missing"`
}

// Cloud names.
const (
	CloudPublic   = "public"
	CloudUSGov    = "usgov"    // US Government L4 (GCC High)
	CloudUSGovDoD = "usgovdod" // US Government L5 (DoD)
	CloudChina    = "china"    // operated by 21Vianet
)

// Capability is a group of Graph endpoints that not every cloud offers.
type Capability string

// Capabilities a cloud may lack (GRAPH-FACTS §21 "Not available"; the
// beta per-user MFA state is "not checked" there, so it counts as offered
// and a refusal is a note like any other).
const (
	// CapSecureScore: security/secureScores and secureScoreControlProfiles (§15).
	CapSecureScore Capability = "secureScore"
	// CapUsageReports: the v1.0 usage-report detail functions, Office 365,
	// email, mailbox, Teams and OneDrive (§4, §20).
	CapUsageReports Capability = "usageReports"
	// CapReportSettings: admin/reportSettings (concealed names, §4).
	CapReportSettings Capability = "reportSettings"
	// CapGDAP: tenantRelationships/delegatedAdminCustomers and
	// delegatedAdminRelationships v1.0 (§6).
	CapGDAP Capability = "gdap"
	// CapAuthMethods: users/{id}/authentication/methods (§3).
	CapAuthMethods Capability = "authMethods"
)

var capabilityLabels = map[Capability]string{
	CapSecureScore:    "Secure Score and its improvement actions",
	CapUsageReports:   "usage reports (Microsoft 365, email, mailbox, Teams and OneDrive activity)",
	CapReportSettings: "the report privacy setting (concealed names)",
	CapGDAP:           "GDAP customer lists",
	CapAuthMethods:    "per-user authentication methods",
}

// Label is a capability's name in notes.
func (c Capability) Label() string {
	if l, ok := capabilityLabels[c]; ok {
		return l
	}
	return string(c)
}

var clouds = []Cloud{
	{Name: CloudPublic, Label: "Global", Authority: "https://login.microsoftonline.com", Graph: "https://graph.microsoft.com"},
	{Name: CloudUSGov, Label: "US Government (GCC High)", Authority: "https://login.microsoftonline.us", Graph: "https://graph.microsoft.us",
		Missing: []Capability{CapUsageReports, CapReportSettings}},
	{Name: CloudUSGovDoD, Label: "US Government (DoD)", Authority: "https://login.microsoftonline.us", Graph: "https://dod-graph.microsoft.us",
		Missing: []Capability{CapUsageReports, CapReportSettings}},
	{Name: CloudChina, Label: "China", Authority: "https://login.chinacloudapi.cn", Graph: "https://microsoftgraph.chinacloudapi.cn",
		Missing: []Capability{CapSecureScore, CapUsageReports, CapReportSettings, CapGDAP, CapAuthMethods}},
}

// cloudAliases are other spellings Settings and the CLI accept.
var cloudAliases = map[string]string{
	"global": CloudPublic, "worldwide": CloudPublic, "gcc": CloudPublic,
	"gcchigh": CloudUSGov, "gcc-high": CloudUSGov, "l4": CloudUSGov,
	"dod": CloudUSGovDoD, "usgov-dod": CloudUSGovDoD, "l5": CloudUSGovDoD,
	"21vianet": CloudChina, "mooncake": CloudChina,
}

// Clouds lists the known clouds (copies).
func Clouds() []Cloud {
	out := make([]Cloud, len(clouds))
	for i, c := range clouds {
		c.Missing = append([]Capability(nil), c.Missing...)
		out[i] = c
	}
	return out
}

// CloudByName finds a cloud by name, label or alias (case-insensitive; ""
// is the global cloud); ok is false for unknown names.
func CloudByName(name string) (Cloud, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		n = CloudPublic
	}
	if a, ok := cloudAliases[n]; ok {
		n = a
	}
	for _, c := range Clouds() {
		if c.Name == n || strings.ToLower(c.Label) == n {
			return c, true
		}
	}
	return Cloud{}, false
}

// Offers reports whether the cloud offers the capability.
func (c Cloud) Offers(cap Capability) bool {
	for _, m := range c.Missing {
		if m == cap {
			return false
		}
	}
	return true
}

// CloudOffers reports whether the named cloud offers the capability; an
// unknown name is treated as the global cloud.
func CloudOffers(name string, cap Capability) bool {
	c, ok := CloudByName(name)
	if !ok {
		return true
	}
	return c.Offers(cap)
}

// NotOfferedNote is the tenant note for a capability the cloud lacks.
func NotOfferedNote(cloud string, cap Capability) string {
	label := cloud
	if c, ok := CloudByName(cloud); ok {
		label = c.Label
	}
	msg := "Microsoft does not offer " + cap.Label() + " in the " + label +
		" cloud, so TenantLens skips them for this tenant (nothing to fix; the other figures are complete)"
	if cap == CapAuthMethods {
		msg += "; there MFA registration is read from the registration report, which needs Microsoft Entra ID P1 (or P2) in the tenant"
	}
	return msg
}

func cloudNames() string {
	var n []string
	for _, c := range clouds {
		n = append(n, c.Name+" ("+c.Label+")")
	}
	sort.Strings(n)
	return strings.Join(n, ", ")
}
