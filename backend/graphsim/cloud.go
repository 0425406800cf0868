package graphsim

import (
	"net/http"
	"strings"
	"sync"
)

// National clouds (GRAPH-FACTS §21). Options.Cloud makes the emulator answer
// like one cloud: its discovery document names the cloud's instance, token
// requests must name its Graph root (another cloud's root is AADSTS500011,
// as Entra answers), and the endpoints that cloud does not offer answer
// 400 "Resource not found for the segment" (or 404, SetCloudAbsentStatus).
// This table is graphsim's own reading of the facts, independent of the
// app's config package, so a test comparing the two checks both.

// Cloud names for Options.Cloud ("" is the global cloud).
const (
	CloudGlobal   = "public"
	CloudUSGov    = "usgov"    // US Government L4 (GCC High)
	CloudUSGovDoD = "usgovdod" // US Government L5 (DoD)
	CloudChina    = "china"    // 21Vianet
)

// CloudProfile is what differs between clouds on the wire.
type CloudProfile struct {
	Name          string
	AuthorityHost string // login.microsoftonline.com …
	GraphRoot     string // https://graph.microsoft.com … (the resource of scopes)
	Instance      string // discovery cloud_instance_name
	// Absent endpoints (GRAPH-FACTS §21 "Not available").
	NoSecureScore, NoUsageReportsV1, NoReportSettings, NoGDAP, NoAuthMethods bool
}

var cloudProfiles = map[string]CloudProfile{
	CloudGlobal: {Name: CloudGlobal, AuthorityHost: "login.microsoftonline.com", GraphRoot: "https://graph.microsoft.com", Instance: "microsoftonline.com"},
	CloudUSGov: {Name: CloudUSGov, AuthorityHost: "login.microsoftonline.us", GraphRoot: "https://graph.microsoft.us", Instance: "microsoftonline.us",
		NoUsageReportsV1: true, NoReportSettings: true},
	CloudUSGovDoD: {Name: CloudUSGovDoD, AuthorityHost: "login.microsoftonline.us", GraphRoot: "https://dod-graph.microsoft.us", Instance: "microsoftonline.us",
		NoUsageReportsV1: true, NoReportSettings: true},
	CloudChina: {Name: CloudChina, AuthorityHost: "login.chinacloudapi.cn", GraphRoot: "https://microsoftgraph.chinacloudapi.cn", Instance: "partner.microsoftonline.cn",
		NoSecureScore: true, NoUsageReportsV1: true, NoReportSettings: true, NoGDAP: true, NoAuthMethods: true},
}

// CloudProfiles lists the clouds graphsim can play.
func CloudProfiles() []CloudProfile {
	return []CloudProfile{cloudProfiles[CloudGlobal], cloudProfiles[CloudUSGov], cloudProfiles[CloudUSGovDoD], cloudProfiles[CloudChina]}
}

// Cloud is the profile the Sim plays (Options.Cloud; global when empty or
// unknown).
func (s *Sim) Cloud() CloudProfile {
	if p, ok := cloudProfiles[strings.ToLower(s.opts.Cloud)]; ok {
		return p
	}
	return cloudProfiles[CloudGlobal]
}

// graphResource is the scope prefix of the Sim's cloud.
func (s *Sim) graphResource() string { return s.Cloud().GraphRoot + "/" }

var cloudAbsentStatus sync.Map // *Sim -> int

// SetCloudAbsentStatus chooses how an endpoint the cloud lacks answers:
// 400 Request "Resource not found for the segment" (default; what Graph
// answers for a segment its CSDL does not have) or 404 Request_ResourceNotFound.
func (s *Sim) SetCloudAbsentStatus(status int) { cloudAbsentStatus.Store(s, status) }

// CloudAbsent reports whether a Graph request (version, path segments after
// the version) is one the Sim's cloud does not offer.
func (s *Sim) CloudAbsent(version string, segs []string) bool {
	p := s.Cloud()
	n := len(segs)
	if n == 0 {
		return false
	}
	switch {
	case segs[0] == "security" && n >= 2 && (segs[1] == "secureScores" || segs[1] == "secureScoreControlProfiles"):
		return p.NoSecureScore
	case segs[0] == "reports" && n == 2 && version == "v1.0":
		name, _, _, _ := parseReportCall(strings.ReplaceAll(segs[1], "%27", "'"))
		return p.NoUsageReportsV1 && usageReports[name]
	case segs[0] == "admin" && n == 2 && segs[1] == "reportSettings":
		return p.NoReportSettings
	case segs[0] == "tenantRelationships" && version == "v1.0":
		return p.NoGDAP
	case segs[0] == "users" && n == 4 && segs[2] == "authentication" && segs[3] == "methods":
		return p.NoAuthMethods
	}
	return false
}

// routeCloud answers (true) a request for an endpoint the cloud lacks.
func (s *Sim) routeCloud(c *gctx) bool {
	if !s.CloudAbsent(c.version, c.segs) {
		return false
	}
	seg := c.segs[len(c.segs)-1]
	if v, ok := cloudAbsentStatus.Load(s); ok && v.(int) == http.StatusNotFound {
		c.fail(http.StatusNotFound, codeNotFound, "Resource '"+seg+"' does not exist or one of its queried reference-property objects are not present.")
		return true
	}
	c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+seg+"'.")
	return true
}

// refuseOtherCloudScope answers (true) an identity request whose scope
// names another cloud's Graph root: Entra has no such resource principal
// (AADSTS500011). Authorize and admin consent show the error page; the
// token endpoint answers invalid_resource.
func (s *Sim) refuseOtherCloudScope(w *statusWriter, r *http.Request, path string) bool {
	if path != "oauth2/v2.0/authorize" && path != "oauth2/v2.0/token" && path != "v2.0/adminconsent" {
		return false
	}
	mine := s.Cloud()
	var other string
	for _, f := range strings.Fields(r.FormValue("scope")) {
		for _, p := range cloudProfiles {
			if p.GraphRoot != mine.GraphRoot && len(f) > len(p.GraphRoot) && strings.EqualFold(f[:len(p.GraphRoot)+1], p.GraphRoot+"/") {
				other = p.GraphRoot
			}
		}
	}
	if other == "" {
		return false
	}
	msg := "The resource principal named " + other + " was not found in the tenant. This can happen if the application has not been " +
		"installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."
	if path == "oauth2/v2.0/token" {
		s.aadError(w, http.StatusBadRequest, "invalid_resource", 500011, msg, "")
		return true
	}
	errorPage(w, 500011, msg)
	return true
}

// otherCloudRoots are the Graph roots parseScopes strips (every cloud's).
func otherCloudRoots() []string {
	var out []string
	for _, p := range CloudProfiles() {
		out = append(out, p.GraphRoot+"/")
	}
	return out
}
