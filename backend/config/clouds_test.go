package config

import (
	"strings"
	"testing"
)

// TestCloudChoice: each cloud's setting (by name, label or alias) gives
// its authority and Graph together; the environment variables win over
// both; an unknown cloud is refused with the choices.
func TestCloudChoice(t *testing.T) {
	t.Setenv(EnvAuthority, "")
	t.Setenv(EnvGraph, "")
	want := map[string][2]string{
		"public":                   {"https://login.microsoftonline.com", "https://graph.microsoft.com"},
		"US Government (GCC High)": {"https://login.microsoftonline.us", "https://graph.microsoft.us"},
		"dod":                      {"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
		"China":                    {"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
	}
	names := map[string]string{"public": CloudPublic, "US Government (GCC High)": CloudUSGov, "dod": CloudUSGovDoD, "China": CloudChina}
	for in, w := range want {
		c, err := Resolve("/x", map[string]string{KeyCloud: in})
		if err != nil {
			t.Fatal(err)
		}
		if c.Cloud != names[in] || c.Authority != w[0] || c.Graph != w[1] {
			t.Errorf("%s: %s %s %s", in, c.Cloud, c.Authority, c.Graph)
		}
	}
	t.Setenv(EnvAuthority, "http://127.0.0.1:9/login")
	t.Setenv(EnvGraph, "http://127.0.0.1:9/graph")
	c, err := Resolve("/x", map[string]string{KeyCloud: "china"})
	if err != nil || c.Cloud != CloudChina || c.Authority != "http://127.0.0.1:9/login" || c.Graph != "http://127.0.0.1:9/graph" {
		t.Errorf("environment did not win: %+v %v", c, err)
	}
	if _, err := Resolve("/x", map[string]string{KeyCloud: "mars"}); err == nil || !strings.Contains(err.Error(), "usgovdod") {
		t.Errorf("unknown cloud: %v", err)
	}
	if len(Clouds()) != 4 {
		t.Errorf("%d clouds", len(Clouds()))
	}
}

// TestCloudCapabilities: GRAPH-FACTS §21's "not available" list.
func TestCloudCapabilities(t *testing.T) {
	for _, tc := range []struct {
		cloud string
		cap   Capability
		want  bool
	}{
		{CloudPublic, CapSecureScore, true}, {CloudPublic, CapUsageReports, true}, {CloudPublic, CapAuthMethods, true},
		{CloudUSGov, CapSecureScore, true}, {CloudUSGov, CapUsageReports, false}, {CloudUSGov, CapGDAP, true},
		{CloudUSGovDoD, CapUsageReports, false}, {CloudUSGovDoD, CapReportSettings, false}, {CloudUSGovDoD, CapAuthMethods, true},
		{CloudChina, CapSecureScore, false}, {CloudChina, CapUsageReports, false}, {CloudChina, CapGDAP, false}, {CloudChina, CapAuthMethods, false},
	} {
		if got := CloudOffers(tc.cloud, tc.cap); got != tc.want {
			t.Errorf("%s offers %s: %v, want %v", tc.cloud, tc.cap, got, tc.want)
		}
	}
	if n := NotOfferedNote(CloudChina, CapSecureScore); !strings.Contains(n, "China") || !strings.Contains(n, "Secure Score") {
		t.Errorf("note %q", n)
	}
}
