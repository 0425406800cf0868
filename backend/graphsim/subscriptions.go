package graphsim

import (
	"net/http"
	"strings"
)

// GET /directory/subscriptions, /directory/subscriptions/{id} and
// /directory/subscriptions(commerceSubscriptionId='…') (GRAPH-FACTS §16).

var scopesSubscriptions = []string{"Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All",
	"Directory.ReadWrite.All", "LicenseAssignment.Read.All", "LicenseAssignment.ReadWrite.All"}

// subscriptionProps in the order Graph serves them.
var subscriptionProps = []string{"id", "commerceSubscriptionId", "createdDateTime", "isTrial", "nextLifecycleDateTime",
	"ownerId", "ownerTenantId", "ownerType", "serviceStatus", "skuId", "skuPartNumber", "status", "totalLicenses"}

// subscriptionSelect resolves $select (case-insensitive); ok=false when answered.
func (c *gctx) subscriptionSelect() ([]string, bool) {
	raw := c.q.Get("$select")
	if raw == "" {
		return subscriptionProps, true
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range strings.Split(raw, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		name := ""
		for _, k := range subscriptionProps {
			if strings.EqualFold(k, p) {
				name = k
			}
		}
		if name == "" {
			c.fail(http.StatusBadRequest, "BadRequest", "Could not find a property named '"+p+"' on type 'microsoft.graph.companySubscription'.")
			return nil, false
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out, true
}

// serveSubscriptions answers the companySubscription routes; key is "" for
// the collection, else the id or the alternate-key segment.
func (s *Sim) serveSubscriptions(c *gctx, key string) {
	if c.r.Method != http.MethodGet {
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
		return
	}
	if !c.needScope(scopesSubscriptions...) {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	props, ok := c.subscriptionSelect()
	if !ok {
		return
	}
	l := c.t.lic()
	l.mu.Lock()
	subs := append([]*Subscription(nil), l.Subscriptions...)
	l.mu.Unlock()
	var j jw
	if key == "" {
		j.obj()
		ctx := c.base + "/$metadata#directory/subscriptions"
		if c.q.Get("$select") != "" {
			ctx += "(" + strings.Join(props, ",") + ")"
		}
		j.kstr("@odata.context", ctx)
		j.key("value")
		j.arr()
		for _, x := range subs {
			writeSubscription(&j, x, props, false)
		}
		j.endArr()
		j.endObj()
		c.writeJSON(http.StatusOK, j.b)
		return
	}
	byCommerce := false
	id := key
	if rest, ok := strings.CutPrefix(key, "subscriptions("); ok {
		// subscriptions(commerceSubscriptionId='…')
		rest = strings.TrimSuffix(rest, ")")
		k, v, _ := strings.Cut(rest, "=")
		if !strings.EqualFold(strings.TrimSpace(k), "commerceSubscriptionId") {
			c.fail(http.StatusBadRequest, "BadRequest", "Resource not found for the segment '"+key+"'.")
			return
		}
		id = strings.Trim(strings.ReplaceAll(v, "%27", "'"), "'")
		byCommerce = true
	}
	for _, x := range subs {
		if (!byCommerce && strings.EqualFold(x.ID, id)) || (byCommerce && strings.EqualFold(x.CommerceSubscriptionID, id)) {
			j.obj()
			j.kstr("@odata.context", c.base+"/$metadata#directory/subscriptions/$entity")
			writeSubscriptionFields(&j, x, props)
			j.endObj()
			c.writeJSON(http.StatusOK, j.b)
			return
		}
	}
	c.fail(http.StatusNotFound, codeNotFound, "Resource '"+id+"' does not exist or one of its queried reference-property objects are not present.")
}

func writeSubscription(j *jw, x *Subscription, props []string, _ bool) {
	j.obj()
	writeSubscriptionFields(j, x, props)
	j.endObj()
}

func writeSubscriptionFields(j *jw, x *Subscription, props []string) {
	for _, p := range props {
		switch p {
		case "id":
			j.kstr(p, x.ID)
		case "commerceSubscriptionId":
			j.kstrOrNull(p, x.CommerceSubscriptionID)
		case "createdDateTime":
			j.ktime(p, x.CreatedDateTime)
		case "isTrial":
			j.kbool(p, x.IsTrial)
		case "nextLifecycleDateTime":
			j.ktime(p, x.NextLifecycleDateTime)
		case "ownerId", "ownerType":
			j.knull(p)
		case "ownerTenantId":
			j.kstrOrNull(p, x.OwnerTenantID)
		case "serviceStatus":
			j.key(p)
			j.arr()
			if prod, ok := productBySkuID(x.SkuID); ok {
				status := "Success"
				if x.Status == SubSuspended || x.Status == SubLockedOut || x.Status == SubDeleted {
					status = "Disabled"
				}
				for _, pi := range prod.Plans {
					pl := catalogPlanTable[pi]
					j.obj()
					applies := "User"
					if companyPlans[pl.ID] {
						applies = "Company"
					}
					j.kstr("appliesTo", applies)
					j.kstr("provisioningStatus", status)
					j.kstr("servicePlanId", pl.ID)
					j.kstr("servicePlanName", pl.Name)
					j.endObj()
				}
			}
			j.endArr()
		case "skuId":
			j.kstr(p, x.SkuID)
		case "skuPartNumber":
			j.kstr(p, x.SkuPartNumber)
		case "status":
			j.kstr(p, x.Status)
		case "totalLicenses":
			j.knum(p, int64(x.TotalLicenses))
		}
	}
}
