package services

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/locale"
)

// Setting is one setting with its effective value and where it comes from,
// as the Settings page and `tenantlens settings` show it.
type Setting struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Value  string `json:"value"`
	Source string `json:"source"` // environment | setting | default | demo
	EnvVar string `json:"envVar"` // set when an environment variable can override it
	Help   string `json:"help"`
}

type settingDef struct {
	key, label, env, help string
	value                 func(config.Config) string
}

func settingDefs() []settingDef {
	return []settingDef{
		{config.KeyClientID, "Application (client) ID", config.EnvClientID, "Your multi-tenant app registration. The App registration card above can create it for you.", func(c config.Config) string { return c.ClientID }},
		{config.KeyCloud, "Cloud", "", cloudHelp(), func(c config.Config) string { return c.Cloud }},
		{config.KeyAuthority, "Sign-in authority", config.EnvAuthority, "Microsoft identity platform base URL", func(c config.Config) string { return c.Authority }},
		{config.KeyGraph, "Microsoft Graph", config.EnvGraph, "Graph base URL (without /v1.0)", func(c config.Config) string { return c.Graph }},
		{config.KeyCatalogURL, "Licensing catalog URL", config.EnvCatalogURL, "Microsoft's product names and service plan identifiers CSV", func(c config.Config) string { return c.CatalogURL }},
		{config.KeySyncInterval, "Automatic sync every (hours)", "", "0 turns automatic sync off", func(c config.Config) string { return strconv.Itoa(c.SyncIntervalHours) }},
		{config.KeySyncConcurrency, "Tenants synced at once", "", "1–64", func(c config.Config) string { return strconv.Itoa(c.SyncConcurrency) }},
		{config.KeyInactiveDays, "Inactive after (days)", "", "An account with no activity for this many days counts as inactive in every view, the reclaim list and new reports (a report template may set its own)", func(c config.Config) string { return strconv.Itoa(c.InactiveDays) }},
		{config.KeyLocale, "Number and date format", "", "A locale such as en-US, en-GB or de-DE; empty follows the system (" + locale.System() + ")", func(c config.Config) string { return c.EffectiveLocale() }},
	}
}

// cloudChanged reports whether a saved cloud differs from the stored one.
func cloudChanged(stored, next string) bool {
	a, okA := config.CloudByName(stored)
	b, okB := config.CloudByName(next)
	return !okA || !okB || a.Name != b.Name
}

// cloudHelp lists the clouds Settings offers.
func cloudHelp() string {
	var parts []string
	for _, c := range config.Clouds() {
		parts = append(parts, c.Label+" ("+c.Name+")")
	}
	return strings.Join(parts, ", ") + ". Sets the sign-in authority and Microsoft Graph together; " +
		config.EnvAuthority + " and " + config.EnvGraph + " still win. Endpoints a cloud does not offer are skipped with a note on each tenant."
}

// demoLocked are the settings the demo pins to its emulator.
func demoLocked(key string) bool {
	switch key {
	case config.KeyAuthority, config.KeyGraph, config.KeyClientID, config.KeyCatalogURL:
		return true
	}
	return false
}

// SettingKeys lists every setting's key, in display order.
func SettingKeys() []string {
	var out []string
	for _, d := range settingDefs() {
		out = append(out, d.key)
	}
	return out
}

// Settings returns every setting with its effective value and origin.
func (s *Services) Settings(ctx context.Context) ([]Setting, error) {
	stored, err := s.Store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	cfg := s.Config()
	var out []Setting
	for _, d := range settingDefs() {
		src := "default"
		if _, ok := stored[d.key]; ok {
			src = "setting"
		}
		if d.env != "" && strings.TrimSpace(os.Getenv(d.env)) != "" {
			src = "environment"
		}
		if cfg.Demo && demoLocked(d.key) {
			src = "demo"
		}
		out = append(out, Setting{Key: d.key, Label: d.label, Value: d.value(cfg), Source: src, EnvVar: d.env, Help: d.help})
	}
	return out, nil
}

// SaveSettings validates the whole configuration with the changed values
// and, when it is valid, stores them and applies them at once: new sign-ins
// and syncs use the new endpoints, the sync engine its new concurrency and
// schedule, every view its new threshold and locale. An empty value returns
// a setting to its default. The window and `tenantlens settings set` both
// come here, so they accept and refuse the same values with the same words.
func (s *Services) SaveSettings(ctx context.Context, in map[string]string) error {
	values := make(map[string]string, len(in))
	for k, v := range in {
		values[k] = v
	}
	known := map[string]bool{}
	for _, d := range settingDefs() {
		known[d.key] = true
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		if !known[k] {
			return fmt.Errorf("unknown setting %q (known: %s)", k, strings.Join(SettingKeys(), ", "))
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	// one save at a time: validate, store and apply as a unit
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	stored, err := s.Store.Settings(ctx)
	if err != nil {
		return err
	}
	merged := map[string]string{}
	for k, v := range stored {
		merged[k] = v
	}
	for _, k := range keys {
		merged[k] = strings.TrimSpace(values[k])
	}
	// Choosing a cloud sets the authority and Graph together: stored
	// endpoints of the previous cloud go unless this save sets them too
	// (the environment variables still win over both).
	if v, ok := values[config.KeyCloud]; ok && cloudChanged(stored[config.KeyCloud], v) {
		for _, k := range []string{config.KeyAuthority, config.KeyGraph} {
			if _, set := values[k]; !set && merged[k] != "" {
				merged[k] = ""
				keys = append(keys, k)
				values[k] = ""
			}
		}
	}
	cur := s.Config()
	cfg, err := config.Resolve(cur.Home, merged)
	if err != nil {
		return err
	}
	for _, k := range keys {
		v := strings.TrimSpace(values[k])
		if v == "" {
			err = s.Store.DeleteSetting(ctx, k)
		} else {
			err = s.Store.SetSetting(ctx, k, v)
		}
		if err != nil {
			return err
		}
	}
	// What Open was told for this run only (the demo's emulator endpoints)
	// still holds: a saved setting never points the demo at Microsoft.
	cfg.Demo = cur.Demo
	if s.override != nil {
		s.override(&cfg)
	}
	return s.Reconfigure(cfg)
}

// applyToSync hands the behaviour settings to the sync engine: they take
// effect for the next tenant that starts (concurrency) and the next tick of
// the schedule (interval); Graph's address for the next sync that starts.
func (s *Services) applyToSync(cfg config.Config) {
	if s.Sync == nil {
		return
	}
	s.Sync.Reconfigure(cfg.SyncConcurrency, time.Duration(cfg.SyncIntervalHours)*time.Hour, cfg.Graph)
}
