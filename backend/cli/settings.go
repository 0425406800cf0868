package cli

import (
	"context"
	"errors"
	"fmt"

	"tenantlens/backend/services"
)

// runSettings: tenantlens settings [--json] | settings set KEY VALUE |
// settings reset KEY — the Settings page for scripts, with the same
// validation and messages (services.SaveSettings).
func runSettings(ctx context.Context, env Env, args []string) int {
	if len(args) > 0 && (args[0] == "set" || args[0] == "reset") {
		return runSettingsSet(ctx, env, args[0], args[1:])
	}
	fs := newFlags("settings", env)
	asJSON := fs.Bool("json", false, "print a JSON array of settings")
	if !parse(fs, env, args) {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "tenantlens settings: unknown argument %q: use `settings`, `settings set KEY VALUE` or `settings reset KEY`\n", fs.Arg(0))
		return 2
	}
	s, code := open(ctx, env, "settings", nil)
	if s == nil {
		return code
	}
	defer s.close()
	values, err := s.svc.Settings(ctx)
	if err != nil {
		return fail(env, "settings", err)
	}
	if *asJSON {
		if values == nil {
			values = []services.Setting{}
		}
		if err := writeJSON(env.Stdout, values); err != nil {
			return fail(env, "settings", err)
		}
		return 0
	}
	printSettings(env, values)
	return 0
}

func printSettings(env Env, values []services.Setting) {
	t := newTable(env.Stdout, "KEY", "VALUE", "SOURCE", "SETTING")
	for _, v := range values {
		src := v.Source
		if v.EnvVar != "" && v.Source == "environment" {
			src += " (" + v.EnvVar + ")"
		}
		t.row(v.Key, orDash(v.Value), src, v.Label)
	}
	t.flush()
}

func runSettingsSet(ctx context.Context, env Env, verb string, args []string) int {
	name := "settings " + verb
	var key, value string
	switch {
	case verb == "set" && len(args) == 2:
		key, value = args[0], args[1]
	case verb == "reset" && len(args) == 1:
		key = args[0]
	default:
		fmt.Fprintf(env.Stderr, "tenantlens %s: usage: tenantlens settings set KEY VALUE | tenantlens settings reset KEY (keys: `tenantlens settings`)\n", name)
		return 2
	}
	if value == "" && verb == "set" {
		return fail(env, name, errors.New("an empty value: use `tenantlens settings reset "+key+"` to return it to its default"))
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return code
	}
	defer s.close()
	if err := s.svc.SaveSettings(ctx, map[string]string{key: value}); err != nil {
		return fail(env, name, err)
	}
	values, err := s.svc.Settings(ctx)
	if err != nil {
		return fail(env, name, err)
	}
	for _, v := range values {
		if v.Key == key {
			fmt.Fprintf(env.Stdout, "%s = %s (%s)\n", v.Key, orDash(v.Value), v.Source)
			if v.Source == "environment" || v.Source == "demo" {
				fmt.Fprintf(env.Stderr, "tenantlens %s: saved, but the %s value is in force while %s is set\n", name, v.Source, orDash(v.EnvVar))
			}
		}
	}
	return 0
}
