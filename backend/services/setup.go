package services

import (
	"context"
	"fmt"
	"strings"

	"tenantlens/backend/config"
	"tenantlens/backend/identity"
)

// SetClientID stores TenantLens' app registration (client ID) and uses it
// for new sign-ins from now on. Existing connections keep the client ID
// they were made with.
func (s *Services) SetClientID(ctx context.Context, clientID string) error {
	clientID = strings.TrimSpace(clientID)
	if !identity.IsGUID(clientID) {
		return fmt.Errorf("%q is not an application (client) ID: it looks like 00000000-0000-0000-0000-000000000000", clientID)
	}
	if err := s.Store.SetSetting(ctx, config.KeyClientID, clientID); err != nil {
		return err
	}
	cfg := s.Config()
	cfg.ClientID = clientID
	return s.Reconfigure(cfg)
}

// Reconfigure puts a changed configuration in force at once: new sign-ins
// and token refreshes use the new identity client, the sync engine its new
// concurrency, schedule and Graph address (syncs already running finish
// with the ones they started with), every view the new threshold.
func (s *Services) Reconfigure(cfg config.Config) error {
	id, err := identity.New(identity.OptionsFromConfig(cfg, s.Secrets))
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.cfg, s.id = cfg, id
	s.mu.Unlock()
	s.applyToSync(cfg)
	return nil
}

// CreateAppRegistration signs the MSP's Global Administrator in with
// Microsoft's Graph command-line client, creates TenantLens' own
// multi-tenant public-client app in the MSP's tenant, consents it, and
// stores its client ID.
func (s *Services) CreateAppRegistration(ctx context.Context, tenant string, in identity.Interaction) (identity.BootstrapResult, error) {
	res, err := s.Identity().Bootstrap(ctx, strings.TrimSpace(tenant), in)
	if err != nil {
		return res, err
	}
	if s.Config().Demo {
		// The demo keeps its pre-registered client; the new app is shown only.
		return res, nil
	}
	return res, s.SetClientID(ctx, res.ClientID)
}
