// Package config resolves TenantLens' configuration: environment variables
// first, then stored settings, then the defaults for Microsoft's public cloud.
package config

import (
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"tenantlens/backend/locale"
)

// Version is stamped at build time with -ldflags "-X tenantlens/backend/config.Version=…".
var Version = "0.1.0-dev"

// Clouds Microsoft operates: see clouds.go (Cloud, Clouds, CloudByName and
// the endpoints each cloud does not offer).

// DefaultCatalogURL is Microsoft's "Product names and service plan
// identifiers for licensing" CSV.
const DefaultCatalogURL = "https://download.microsoft.com/download/e/3/e/e3e9faf2-f28b-490a-9ada-c6089a1fc5b0/Product%20names%20and%20service%20plan%20identifiers%20for%20licensing.csv"

// Environment variable names; each is also a setting key (lower-case, dotted).
const (
	EnvHome       = "TENANTLENS_HOME"
	EnvAuthority  = "TENANTLENS_AUTHORITY"
	EnvGraph      = "TENANTLENS_GRAPH"
	EnvClientID   = "TENANTLENS_CLIENT_ID"
	EnvCatalogURL = "TENANTLENS_CATALOG_URL"
)

// Setting keys mirroring the environment.
const (
	KeyCloud      = "cloud"
	KeyAuthority  = "authority"
	KeyGraph      = "graph"
	KeyClientID   = "client_id"
	KeyCatalogURL = "catalog_url"
	// Behaviour settings (no environment variable).
	KeySyncInterval    = "sync.interval_hours"
	KeySyncConcurrency = "sync.concurrency"
	KeyInactiveDays    = "review.inactive_days"
	// KeyLocale overrides the system locale numbers, dates and money are
	// formatted in (a BCP 47 tag; empty follows the system).
	KeyLocale = "ui.locale"
)

// Defaults for the behaviour settings.
const (
	DefaultSyncIntervalHours = 24
	DefaultSyncConcurrency   = 8
	DefaultInactiveDays      = 90
)

// Config is the resolved configuration.
type Config struct {
	Home       string `json:"home"`
	Cloud      string `json:"cloud"`
	Authority  string `json:"authority"`
	Graph      string `json:"graph"`
	ClientID   string `json:"clientId"`
	CatalogURL string `json:"catalogUrl"`
	Demo       bool   `json:"demo"`
	// SyncIntervalHours is the automatic sync period while the app is open
	// (0 turns automatic sync off).
	SyncIntervalHours int `json:"syncIntervalHours"`
	// SyncConcurrency bounds how many tenants sync at once.
	SyncConcurrency int `json:"syncConcurrency"`
	// InactiveDays is the review's inactivity threshold.
	InactiveDays int `json:"inactiveDays"`
	// Locale is the Settings' formatting locale (canonical BCP 47 tag), ""
	// when the system's applies; see EffectiveLocale.
	Locale string `json:"locale"`
}

// EffectiveLocale is the locale the UI formats in: the setting, else the system's.
func (c Config) EffectiveLocale() string {
	if c.Locale != "" {
		return c.Locale
	}
	return locale.System()
}

// Resolve applies environment over settings over defaults. settings may be nil.
func Resolve(home string, settings map[string]string) (Config, error) {
	get := func(env, key string) string {
		if v := strings.TrimSpace(os.Getenv(env)); v != "" {
			return v
		}
		return strings.TrimSpace(settings[key])
	}
	c := Config{Home: home, Cloud: settings[KeyCloud]}
	if c.Cloud == "" {
		c.Cloud = "public"
	}
	cloud, ok := CloudByName(c.Cloud)
	if !ok {
		return c, fmt.Errorf("unknown cloud %q: set the cloud setting to one of %s", c.Cloud, cloudNames())
	}
	c.Cloud = cloud.Name
	c.Authority = orDefault(get(EnvAuthority, KeyAuthority), cloud.Authority)
	c.Graph = orDefault(get(EnvGraph, KeyGraph), cloud.Graph)
	c.ClientID = get(EnvClientID, KeyClientID)
	c.CatalogURL = orDefault(get(EnvCatalogURL, KeyCatalogURL), DefaultCatalogURL)
	for name, v := range map[string]string{"authority": c.Authority, "graph": c.Graph, "catalog URL": c.CatalogURL} {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return c, fmt.Errorf("the %s %q is not an http(s) URL", name, v)
		}
	}
	var err error
	if c.SyncIntervalHours, err = intSetting(settings, KeySyncInterval, DefaultSyncIntervalHours, 0, 24*31); err != nil {
		return c, err
	}
	if c.SyncConcurrency, err = intSetting(settings, KeySyncConcurrency, DefaultSyncConcurrency, 1, 64); err != nil {
		return c, err
	}
	if c.InactiveDays, err = intSetting(settings, KeyInactiveDays, DefaultInactiveDays, 1, 3650); err != nil {
		return c, err
	}
	if v := strings.TrimSpace(settings[KeyLocale]); v != "" {
		if c.Locale, err = locale.Canonical(v); err != nil {
			return c, fmt.Errorf("setting %s: %w", KeyLocale, err)
		}
	}
	c.Authority = strings.TrimRight(c.Authority, "/")
	c.Graph = strings.TrimRight(c.Graph, "/")
	return c, nil
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func intSetting(settings map[string]string, key string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(settings[key])
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return def, fmt.Errorf("setting %s must be a whole number from %d to %d, not %q", key, lo, hi, v)
	}
	return n, nil
}
