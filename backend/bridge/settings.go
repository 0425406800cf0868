package bridge

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"tenantlens/backend/config"
	"tenantlens/backend/locale"
)

// Settings is the Settings page: connection endpoints, client ID and
// behaviour, each showing where its value comes from.
type Settings struct{ base }

// SettingValue is one setting with its effective value and origin.
type SettingValue struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Value  string `json:"value"`
	Source string `json:"source"` // environment | setting | default
	EnvVar string `json:"envVar"` // set when an environment variable can override it
	Help   string `json:"help"`
}

// SettingsView is every setting plus the clouds to choose from.
type SettingsView struct {
	Values  []SettingValue `json:"values"`
	Clouds  []config.Cloud `json:"clouds"`
	Demo    bool           `json:"demo"`
	DataDir string         `json:"dataDir"`
	// Locale is the BCP 47 tag the UI formats numbers, dates and money in
	// (the Settings' override, else the system's).
	Locale string `json:"locale"`
	// SystemLocale is the operating system's locale, what an empty setting means.
	SystemLocale string `json:"systemLocale"`
}

type settingDef struct {
	key, label, env, help string
	value                 func(config.Config) string
}

func settingDefs() []settingDef {
	return []settingDef{
		{config.KeyClientID, "Application (client) ID", config.EnvClientID, "Your multi-tenant app registration. The App registration card above can create it for you.", func(c config.Config) string { return c.ClientID }},
		{config.KeyCloud, "Cloud", "", "public, usgov or china", func(c config.Config) string { return c.Cloud }},
		{config.KeyAuthority, "Sign-in authority", config.EnvAuthority, "Microsoft identity platform base URL", func(c config.Config) string { return c.Authority }},
		{config.KeyGraph, "Microsoft Graph", config.EnvGraph, "Graph base URL (without /v1.0)", func(c config.Config) string { return c.Graph }},
		{config.KeyCatalogURL, "Licensing catalog URL", config.EnvCatalogURL, "Microsoft's product names and service plan identifiers CSV", func(c config.Config) string { return c.CatalogURL }},
		{config.KeySyncInterval, "Automatic sync every (hours)", "", "0 turns automatic sync off", func(c config.Config) string { return strconv.Itoa(c.SyncIntervalHours) }},
		{config.KeySyncConcurrency, "Tenants synced at once", "", "1–64", func(c config.Config) string { return strconv.Itoa(c.SyncConcurrency) }},
		{config.KeyInactiveDays, "Inactive after (days)", "", "Used by the Users filter and the reclaim list", func(c config.Config) string { return strconv.Itoa(c.InactiveDays) }},
		{config.KeyLocale, "Number and date format", "", "A locale such as en-US, en-GB or de-DE; empty follows the system (" + locale.System() + ")", func(c config.Config) string { return c.EffectiveLocale() }},
	}
}

// Get returns the effective settings.
func (s *Settings) Get() (SettingsView, error) {
	svc, err := s.svc()
	if err != nil {
		return SettingsView{}, err
	}
	stored, err := svc.Store.Settings(s.context())
	if err != nil {
		return SettingsView{}, err
	}
	v := SettingsView{Clouds: config.Clouds(), Demo: svc.Config.Demo, DataDir: svc.Config.Home,
		Locale: svc.Config.EffectiveLocale(), SystemLocale: locale.System()}
	for _, d := range settingDefs() {
		src := "default"
		if _, ok := stored[d.key]; ok {
			src = "setting"
		}
		if d.env != "" && strings.TrimSpace(os.Getenv(d.env)) != "" {
			src = "environment"
		}
		if svc.Config.Demo && (d.key == config.KeyAuthority || d.key == config.KeyGraph || d.key == config.KeyClientID || d.key == config.KeyCatalogURL) {
			src = "demo"
		}
		v.Values = append(v.Values, SettingValue{Key: d.key, Label: d.label, Value: d.value(svc.Config), Source: src, EnvVar: d.env, Help: d.help})
	}
	return v, nil
}

// Save stores changed settings after validating the whole configuration;
// an empty value returns a setting to its default.
func (s *Settings) Save(values map[string]string) (SettingsView, error) {
	svc, err := s.svc()
	if err != nil {
		return SettingsView{}, err
	}
	known := map[string]bool{}
	for _, d := range settingDefs() {
		known[d.key] = true
	}
	stored, err := svc.Store.Settings(s.context())
	if err != nil {
		return SettingsView{}, err
	}
	merged := map[string]string{}
	for k, v := range stored {
		merged[k] = v
	}
	for k, v := range values {
		if !known[k] {
			return SettingsView{}, fmt.Errorf("unknown setting %q", k)
		}
		merged[k] = strings.TrimSpace(v)
	}
	cfg, err := config.Resolve(svc.Config.Home, merged)
	if err != nil {
		return SettingsView{}, err
	}
	for k, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			err = svc.Store.DeleteSetting(s.context(), k)
		} else {
			err = svc.Store.SetSetting(s.context(), k, v)
		}
		if err != nil {
			return SettingsView{}, err
		}
	}
	if !svc.Config.Demo {
		cfg.Demo = false
		if err := svc.Reconfigure(cfg); err != nil {
			return SettingsView{}, err
		}
	} else {
		// The demo keeps its emulator endpoints; only behaviour settings apply.
		svc.Config.SyncIntervalHours, svc.Config.SyncConcurrency, svc.Config.InactiveDays = cfg.SyncIntervalHours, cfg.SyncConcurrency, cfg.InactiveDays
		svc.Config.Locale = cfg.Locale
	}
	return s.Get()
}

// Locale is the BCP 47 tag the UI formats numbers, dates and money in: the
// Settings' override, else the system's. It answers even when the app could
// not start, so the error page is formatted like the rest.
func (s *Settings) Locale() string {
	svc, err := s.svc()
	if err != nil || svc == nil {
		return locale.System()
	}
	return svc.Config.EffectiveLocale()
}

// AppRegistration is the outcome of "Create the app registration for me".
type AppRegistration struct {
	ClientID      string `json:"clientId"`
	TenantID      string `json:"tenantId"`
	GrantedScopes string `json:"grantedScopes"`
}

// SetClientID stores an existing app registration ("I already have one").
func (s *Settings) SetClientID(clientID string) (SettingsView, error) {
	svc, err := s.svc()
	if err != nil {
		return SettingsView{}, err
	}
	if err := svc.SetClientID(s.context(), clientID); err != nil {
		return SettingsView{}, err
	}
	return s.Get()
}

// CreateAppRegistration runs the one-time bootstrap: a Global
// Administrator of the MSP's tenant signs in (steps and the sign-in link
// arrive as connect:status events) and TenantLens creates and consents its
// own app registration there. tenant may be "" (the admin's home tenant).
func (s *Settings) CreateAppRegistration(tenant string) (AppRegistration, error) {
	svc, err := s.svc()
	if err != nil {
		return AppRegistration{}, err
	}
	ui := s.signIn(svc.Bus)
	res, err := svc.CreateAppRegistration(s.context(), tenant, ui.interaction())
	if err != nil {
		ui.failed(err)
		return AppRegistration{}, err
	}
	ui.done("TenantLens' app registration was created: " + res.ClientID)
	return AppRegistration{ClientID: res.ClientID, TenantID: res.TenantID, GrantedScopes: res.GrantedScopes}, nil
}
