package identity

import (
	"strings"

	"tenantlens/backend/config"
)

// National clouds (GRAPH-FACTS §21): tokens are not interchangeable between
// clouds and an app only sees tenants of its cloud. The discovery document
// names the tenant's cloud in cloud_instance_name.

// cloudInstances are the cloud_instance_name values of each cloud.
var cloudInstances = map[string][]string{
	config.CloudPublic:   {"microsoftonline.com"},
	config.CloudUSGov:    {"microsoftonline.us"},
	config.CloudUSGovDoD: {"microsoftonline.us"},
	config.CloudChina:    {"partner.microsoftonline.cn", "chinacloudapi.cn"},
}

// cloudOfInstance names the cloud a cloud_instance_name belongs to ("" when
// unknown; for .us it is the GCC High label, which DoD shares).
func cloudOfInstance(instance string) string {
	for _, name := range []string{config.CloudPublic, config.CloudUSGov, config.CloudChina} {
		for _, v := range cloudInstances[name] {
			if strings.EqualFold(v, instance) {
				return name
			}
		}
	}
	return ""
}

// checkCloudInstance refuses a tenant whose discovery document names
// another cloud than the one TenantLens is set to, with the fix. An empty
// or unknown instance name passes (emulators, future clouds).
func (c *Client) checkCloudInstance(tenant, instance string) error {
	other := cloudOfInstance(instance)
	if other == "" {
		return nil
	}
	for _, v := range cloudInstances[c.o.Cloud] {
		if strings.EqualFold(v, instance) {
			return nil
		}
	}
	want, _ := config.CloudByName(other)
	have, _ := config.CloudByName(c.o.Cloud)
	e := newError(KindInvalidInput, "cloud_instance_name "+instance, nil)
	e.Tenant = tenant
	e.Message = "The tenant “" + tenant + "” is in the " + want.Label + " cloud, but TenantLens is set to " + have.Label + "."
	e.Remedy = "Choose " + want.Label + " under Settings → Cloud (or `tenantlens settings set cloud " + want.Name + "`), then connect again."
	return e
}

// gdapOffered refuses a partner (GDAP) connection in a cloud without the
// GDAP customer list, with the fix.
func (c *Client) gdapOffered() error {
	if config.CloudOffers(c.o.Cloud, config.CapGDAP) {
		return nil
	}
	have, _ := config.CloudByName(c.o.Cloud)
	e := newError(KindInvalidInput, "GDAP v1.0 not offered in "+c.o.Cloud, nil)
	e.Message = "Microsoft does not offer GDAP customer lists in the " + have.Label + " cloud."
	e.Remedy = "Connect each customer tenant directly (Add tenant → sign in as that tenant's administrator)."
	return e
}
