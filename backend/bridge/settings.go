package bridge

import (
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

// Get returns the effective settings.
func (s *Settings) Get() (SettingsView, error) {
	svc, err := s.svc()
	if err != nil {
		return SettingsView{}, err
	}
	values, err := svc.Settings(s.context())
	if err != nil {
		return SettingsView{}, err
	}
	cfg := svc.Config()
	v := SettingsView{Clouds: config.Clouds(), Demo: cfg.Demo, DataDir: cfg.Home,
		Locale: cfg.EffectiveLocale(), SystemLocale: locale.System(), Values: make([]SettingValue, 0, len(values))}
	for _, x := range values {
		v.Values = append(v.Values, SettingValue(x))
	}
	return v, nil
}

// Save stores changed settings after validating the whole configuration
// and applies them at once (services.SaveSettings); an empty value returns a
// setting to its default.
func (s *Settings) Save(values map[string]string) (SettingsView, error) {
	svc, err := s.svc()
	if err != nil {
		return SettingsView{}, err
	}
	if err := svc.SaveSettings(s.context(), values); err != nil {
		return SettingsView{}, err
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
	return svc.Config().EffectiveLocale()
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
