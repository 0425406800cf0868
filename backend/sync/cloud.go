package sync

import (
	"context"

	"tenantlens/backend/config"
	"tenantlens/backend/types"
)

// National clouds (GRAPH-FACTS §21): a tenant lives in the cloud its
// connection signed in to. Endpoints that cloud does not offer
// (config.Cloud.Missing) are not requested; each becomes a note on the
// tenant saying so, never a failed sync.

// notOfferedError is a read skipped because the tenant's cloud lacks it.
type notOfferedError struct {
	cloud string
	cap   config.Capability
}

func (e *notOfferedError) Error() string { return config.NotOfferedNote(e.cloud, e.cap) }

// tenantCloud is the cloud of the tenant's connection (the global cloud for
// tenants without one, such as the demo's).
func (j *job) tenantCloud(ctx context.Context) string {
	t, err := j.e.o.Store.Tenant(ctx, j.tenantID)
	if err != nil || t.ConnectionID == "" {
		return config.CloudPublic
	}
	c, err := j.e.o.Store.Connection(ctx, t.ConnectionID)
	if err != nil || c.Cloud == "" {
		return config.CloudPublic
	}
	return c.Cloud
}

// notOffered returns a *notOfferedError (and logs it) when the tenant's
// cloud lacks the capability, nil when the read should go ahead.
func (j *job) notOffered(ctx context.Context, capability config.Capability) error {
	cloud := j.tenantCloud(ctx)
	if config.CloudOffers(cloud, capability) {
		return nil
	}
	err := &notOfferedError{cloud: cloud, cap: capability}
	j.logf(types.LogInfo, "%s", err.Error())
	return err
}
