package services

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tenantlens/backend/identity"
	"tenantlens/backend/types"
)

// ErrNoClientID is returned by a connect before an app registration exists.
var ErrNoClientID = errors.New("TenantLens has no app registration yet: open Settings and either let TenantLens create one (\"Create the app registration for me\") or paste your application (client) ID")

// Connect signs in (a tenant directly, or the MSP as a partner), stores the
// connection and the tenants it reaches, and retires an earlier connection
// of the same kind to the same home tenant: reconnecting keeps every tenant's
// synced history.
func (s *Services) Connect(ctx context.Context, partner bool, tenant string, in identity.Interaction) (types.ConnectResult, error) {
	if strings.TrimSpace(s.Config().ClientID) == "" {
		return types.ConnectResult{}, ErrNoClientID
	}
	var (
		res types.ConnectResult
		err error
	)
	if partner {
		res, err = s.Identity().ConnectPartner(ctx, strings.TrimSpace(tenant), in)
	} else {
		if strings.TrimSpace(tenant) == "" {
			return res, errors.New("enter the client's tenant ID or one of its domains (for example contoso.onmicrosoft.com)")
		}
		res, err = s.Identity().ConnectDirect(ctx, strings.TrimSpace(tenant), in)
	}
	if err != nil {
		return res, err
	}
	if err := s.saveConnection(ctx, res); err != nil {
		// Nothing refers to the fresh token: do not leave it in the keychain.
		_ = s.Identity().Forget(res.Connection)
		return res, err
	}
	return res, nil
}

func (s *Services) saveConnection(ctx context.Context, res types.ConnectResult) error {
	previous, err := s.Store.Connections(ctx)
	if err != nil {
		return err
	}
	if err := s.Store.UpsertConnection(ctx, res.Connection); err != nil {
		return fmt.Errorf("saving the connection: %w", err)
	}
	for _, t := range res.Tenants {
		t.ConnectionID = res.Connection.ID
		if err := s.Store.UpsertTenant(ctx, t); err != nil {
			return fmt.Errorf("saving tenant %s: %w", t.DisplayName, err)
		}
	}
	for _, old := range previous {
		if old.ID == res.Connection.ID || old.Kind != res.Connection.Kind || !strings.EqualFold(old.HomeTenantID, res.Connection.HomeTenantID) {
			continue
		}
		// A direct connection to the same tenant, or the same partner: the
		// new sign-in replaces it. Its tenants were re-pointed above unless
		// the new sign-in no longer reaches them; those go with it.
		if err := s.retire(ctx, old); err != nil {
			return err
		}
	}
	return nil
}

func (s *Services) retire(ctx context.Context, c types.Connection) error {
	if err := s.Identity().Forget(c); err != nil {
		return fmt.Errorf("removing the old sign-in's token: %w", err)
	}
	return s.Store.DeleteConnection(ctx, c.ID)
}

// DisconnectTenant removes a tenant's synced data, reports and logs; when it
// was its connection's last tenant, the connection and its token go too.
func (s *Services) DisconnectTenant(ctx context.Context, tenantID string) error {
	t, err := s.Store.Tenant(ctx, tenantID)
	if err != nil {
		return err
	}
	s.Sync.Cancel(tenantID)
	// The licence-change sign-in (if licence changes were allowed) leaves
	// the keychain with the tenant.
	if lc, err := s.Store.LicenceChangesOf(ctx, tenantID); err == nil && lc.ConsentKey != "" && t.ConnectionID != "" {
		if c, err := s.Store.Connection(ctx, t.ConnectionID); err == nil {
			if err := s.Identity().ForgetLicenceWrite(c, lc.ConsentKey); err != nil {
				return err
			}
		}
	}
	if err := s.Store.DeleteTenant(ctx, tenantID); err != nil {
		return err
	}
	if t.ConnectionID == "" {
		return nil
	}
	rest, err := s.Store.Tenants(ctx)
	if err != nil {
		return err
	}
	for _, o := range rest {
		if o.ConnectionID == t.ConnectionID {
			return nil
		}
	}
	c, err := s.Store.Connection(ctx, t.ConnectionID)
	if err != nil {
		return nil // already gone
	}
	return s.retire(ctx, c)
}

// DisconnectConnection removes a connection (a partner sign-in and every
// customer it found, or a direct one): tokens, synced data, reports, logs.
func (s *Services) DisconnectConnection(ctx context.Context, connectionID string) error {
	c, err := s.Store.Connection(ctx, connectionID)
	if err != nil {
		return err
	}
	ts, err := s.Store.Tenants(ctx)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if t.ConnectionID == connectionID {
			s.Sync.Cancel(t.ID)
			if lc, err := s.Store.LicenceChangesOf(ctx, t.ID); err == nil && lc.ConsentKey != "" {
				if err := s.Identity().ForgetLicenceWrite(c, lc.ConsentKey); err != nil {
					return err
				}
			}
		}
	}
	return s.retire(ctx, c)
}
