package connectwise

import (
	"errors"
	"strings"
	"testing"
)

func TestSiteEndpoints(t *testing.T) {
	for _, tc := range []struct{ in, info, api string }{
		{"na.myconnectwise.net", "https://na.myconnectwise.net", "https://api-na.myconnectwise.net"},
		{"  https://EU.myconnectwise.net/ ", "https://eu.myconnectwise.net", "https://api-eu.myconnectwise.net"},
		{"api-au.myconnectwise.net", "https://au.myconnectwise.net", "https://api-au.myconnectwise.net"},
		{"https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US", "https://na.myconnectwise.net", "https://api-na.myconnectwise.net"},
		{"staging.connectwisedev.com", "https://staging.connectwisedev.com", "https://api-staging.connectwisedev.com"},
		{"xy.myconnectwise.net", "https://xy.myconnectwise.net", "https://api-xy.myconnectwise.net"},
		{"psa.example.com", "https://psa.example.com", "https://psa.example.com"},
		{"https://psa.example.com:8443/v4_6_release/", "https://psa.example.com:8443", "https://psa.example.com:8443"},
		{"http://127.0.0.1:5000", "http://127.0.0.1:5000", "http://127.0.0.1:5000"},
	} {
		ep, err := Site{URL: tc.in}.endpoints(DefaultCloudHosts)
		if err != nil || ep.info != tc.info || ep.api != tc.api {
			t.Errorf("%q: %+v %v; want info %s api %s", tc.in, ep, err, tc.info, tc.api)
		}
	}
	// configurable mapping
	ep, err := Site{URL: "eu.myconnectwise.net"}.endpoints(map[string]string{"eu.myconnectwise.net": "api-europe.example.net"})
	if err != nil || ep.api != "https://api-europe.example.net" {
		t.Errorf("custom cloud hosts: %+v %v", ep, err)
	}
}

func TestSiteValidate(t *testing.T) {
	good := Site{URL: "na.myconnectwise.net", CompanyID: "contoso_msp", ClientID: "6c2f7a8e-3b1d-4e5f-9a0b-1c2d3e4f5a6b"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mod  func(*Site)
		hint string // in the remedy: what to type
	}{
		{func(s *Site) { s.URL = "" }, "na.myconnectwise.net"},
		{func(s *Site) { s.URL = "http://psa.example.com" }, "https://psa.example.com"},
		{func(s *Site) { s.URL = "ftp://psa.example.com" }, "na.myconnectwise.net"},
		{func(s *Site) { s.URL = "https://contoso+pub:priv@na.myconnectwise.net" }, "only the host"},
		{func(s *Site) { s.CompanyID = "" }, "login screen"},
		{func(s *Site) { s.CompanyID = "Contoso MSP Ltd" }, "login screen"},
		{func(s *Site) { s.ClientID = "" }, "developer.connectwise.com/ClientID"},
		{func(s *Site) { s.ClientID = "my-integration" }, "6c2f7a8e-"},
	} {
		s := good
		tc.mod(&s)
		err := s.Validate()
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Remedy, tc.hint) {
			t.Errorf("%+v: %v (want remedy with %q)", s, err, tc.hint)
		}
		if strings.Contains(err.Error(), "priv") {
			t.Errorf("error echoes a password: %s", err)
		}
	}
}
