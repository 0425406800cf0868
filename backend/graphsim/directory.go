package graphsim

import (
	"net/http"
	"strings"
)

// consumedBySKU counts non-deleted assignments per SKU.
func consumedBySKU(t *Tenant) map[string]int {
	out := map[string]int{}
	for _, u := range t.Users {
		if u.Deleted {
			continue
		}
		for _, al := range u.AssignedLicenses {
			out[al.SkuID]++
		}
	}
	return out
}

// collectionStart opens {"@odata.context":..., "value":[ .
func collectionStart(j *jw, ctx string) {
	j.obj()
	j.kstr("@odata.context", ctx)
	j.key("value")
	j.arr()
}

func collectionEnd(j *jw) {
	j.endArr()
	j.endObj()
}

func (s *Sim) listSKUs(c *gctx) {
	if !c.needScope("Organization.Read.All", "Directory.Read.All", "Organization.ReadWrite.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	t := c.t
	consumed := consumedBySKU(t)
	var j jw
	collectionStart(&j, c.base+"/$metadata#subscribedSkus")
	for _, k := range t.SKUs {
		j.obj()
		j.kstr("accountName", t.DisplayName)
		j.kstr("accountId", t.ID)
		applies := k.AppliesTo
		if applies == "" {
			applies = "User"
		}
		j.kstr("appliesTo", applies)
		j.kstr("capabilityStatus", k.CapabilityStatus)
		j.knum("consumedUnits", int64(consumed[k.SkuID]))
		j.kstr("id", t.ID+"_"+k.SkuID)
		j.key("prepaidUnits")
		j.obj()
		j.knum("enabled", int64(k.Enabled))
		j.knum("suspended", int64(k.Suspended))
		j.knum("warning", int64(k.Warning))
		j.knum("lockedOut", int64(k.LockedOut))
		j.endObj()
		j.key("servicePlans")
		j.arr()
		if p, ok := productBySkuID(k.SkuID); ok {
			seen := map[string]bool{}
			for _, pi := range p.Plans {
				pl := catalogPlanTable[pi]
				if seen[pl.ID] {
					continue
				}
				seen[pl.ID] = true
				j.obj()
				j.kstr("servicePlanId", pl.ID)
				j.kstr("servicePlanName", pl.Name)
				status := "Success"
				if k.CapabilityStatus == CapabilitySuspended || k.CapabilityStatus == CapabilityLockedOut {
					status = "Disabled"
				} else if pl.Name == "YAMMER_ENTERPRISE" {
					status = "PendingActivation"
				}
				j.kstr("provisioningStatus", status)
				pa := "User"
				if companyPlans[pl.ID] {
					pa = "Company"
				}
				j.kstr("appliesTo", pa)
				j.endObj()
			}
		}
		j.endArr()
		j.kstr("skuId", k.SkuID)
		j.kstr("skuPartNumber", k.SkuPartNumber)
		j.kstrs("subscriptionIds", k.SubscriptionIDs)
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func (s *Sim) listOrganization(c *gctx) {
	if !c.needScope("User.Read", "Directory.Read.All", "Organization.Read.All", "Directory.ReadWrite.All", "Organization.ReadWrite.All") {
		return
	}
	t := c.t
	full := c.grant.Scopes.hasAny("Directory.Read.All", "Organization.Read.All", "Directory.ReadWrite.All", "Organization.ReadWrite.All")
	var j jw
	collectionStart(&j, c.base+"/$metadata#organization")
	j.obj()
	j.kstr("id", t.ID)
	j.knull("deletedDateTime")
	if full {
		j.kstrs("businessPhones", []string{t.Phone})
		j.kstr("city", t.City)
		j.knull("country")
		j.kstr("countryLetterCode", t.Country)
		j.ktime("createdDateTime", t.CreatedDateTime)
		j.knull("defaultUsageLocation")
	} else {
		j.knull("businessPhones")
		j.knull("city")
		j.knull("country")
		j.knull("countryLetterCode")
		j.knull("createdDateTime")
		j.knull("defaultUsageLocation")
	}
	j.kstr("displayName", t.DisplayName)
	j.knull("isMultipleDataLocationsForServicesEnabled")
	j.kstrs("marketingNotificationEmails", nil)
	if full && t.OnPremSync {
		j.ktime("onPremisesLastSyncDateTime", s.refDay.Add(-2*3600e9))
		j.kbool("onPremisesSyncEnabled", true)
	} else {
		j.knull("onPremisesLastSyncDateTime")
		j.knull("onPremisesSyncEnabled")
	}
	if t.IsPartner {
		j.kstr("partnerTenantType", "resellerPartnerDelegatedAdmin")
	} else {
		j.knull("partnerTenantType")
	}
	if full {
		j.kstr("postalCode", t.Postal)
		j.kstr("preferredLanguage", "en")
	} else {
		j.knull("postalCode")
		j.knull("preferredLanguage")
	}
	j.kstrs("securityComplianceNotificationMails", nil)
	j.kstrs("securityComplianceNotificationPhones", nil)
	if full {
		j.kstr("state", t.State)
		j.kstr("street", t.Street)
		j.kstrs("technicalNotificationMails", []string{"it@" + t.DefaultDomain})
	} else {
		j.knull("state")
		j.knull("street")
		j.kstrs("technicalNotificationMails", nil)
	}
	j.kstr("tenantType", "AAD")
	j.key("directorySizeQuota")
	j.obj()
	j.knum("used", int64(len(t.Users)+len(t.Contacts)+20))
	j.knum("total", 300000)
	j.endObj()
	j.key("assignedPlans")
	j.arr()
	if full {
		seen := map[string]bool{}
		for _, k := range t.SKUs {
			p, ok := productBySkuID(k.SkuID)
			if !ok {
				continue
			}
			status := "Enabled"
			switch k.CapabilityStatus {
			case CapabilitySuspended:
				status = "Suspended"
			case CapabilityWarning:
				status = "Warning"
			case CapabilityLockedOut:
				status = "LockedOut"
			}
			for _, pi := range p.Plans {
				pl := catalogPlanTable[pi]
				if seen[pl.ID] {
					continue
				}
				seen[pl.ID] = true
				j.obj()
				j.ktime("assignedDateTime", t.CreatedDateTime.Add(2*3600e9))
				j.kstr("capabilityStatus", status)
				j.kstr("service", planService(pl.Name))
				j.kstr("servicePlanId", pl.ID)
				j.endObj()
			}
		}
	}
	j.endArr()
	j.knull("privacyProfile")
	j.key("provisionedPlans")
	j.arr()
	if full {
		j.obj()
		j.kstr("capabilityStatus", "Enabled")
		j.kstr("provisioningStatus", "Success")
		j.kstr("service", "exchange")
		j.endObj()
	}
	j.endArr()
	j.key("verifiedDomains")
	j.arr()
	for _, d := range t.Domains {
		j.obj()
		j.kstr("capabilities", "Email, OfficeCommunicationsOnline")
		j.kbool("isDefault", strings.EqualFold(d, t.DefaultDomain))
		j.kbool("isInitial", strings.EqualFold(d, t.InitialDomain))
		j.kstr("name", d)
		j.kstr("type", "Managed")
		j.endObj()
	}
	j.endArr()
	j.endObj()
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func (s *Sim) listDomains(c *gctx) {
	if !c.needScope("Domain.Read.All", "Directory.Read.All", "Domain.ReadWrite.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	t := c.t
	var j jw
	collectionStart(&j, c.base+"/$metadata#domains")
	for _, d := range t.Domains {
		initial := strings.EqualFold(d, t.InitialDomain)
		j.obj()
		j.kstr("authenticationType", "Managed")
		j.knull("availabilityStatus")
		j.kstr("id", d)
		j.kbool("isAdminManaged", true)
		j.kbool("isDefault", strings.EqualFold(d, t.DefaultDomain))
		j.kbool("isInitial", initial)
		j.kbool("isRoot", true)
		j.kbool("isVerified", true)
		if initial {
			j.kstrs("supportedServices", []string{"Email", "OfficeCommunicationsOnline"})
		} else {
			j.kstrs("supportedServices", []string{"Email", "OfficeCommunicationsOnline", "Intune"})
		}
		j.knum("passwordValidityPeriodInDays", 2147483647)
		j.knum("passwordNotificationWindowInDays", 14)
		j.knull("state")
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func (s *Sim) listContacts(c *gctx) {
	if !c.needScope("OrgContact.Read.All", "Directory.Read.All", "Directory.ReadWrite.All") {
		return
	}
	if !c.hasRole(rolesDirectoryRead...) {
		c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
		return
	}
	top, offset, ok := c.pageParams(100, 999, false)
	if !ok {
		return
	}
	all := c.t.Contacts
	start := min(offset, len(all))
	end := min(start+top, len(all))
	var j jw
	j.obj()
	j.kstr("@odata.context", c.base+"/$metadata#contacts")
	if end < len(all) {
		j.kstr("@odata.nextLink", c.nextLink(end))
	}
	j.key("value")
	j.arr()
	for _, ct := range all[start:end] {
		j.obj()
		j.kstr("id", ct.ID)
		j.knull("deletedDateTime")
		j.kstrOrNull("companyName", ct.CompanyName)
		j.knull("department")
		j.kstr("displayName", ct.DisplayName)
		j.kstrOrNull("givenName", ct.GivenName)
		j.kstrOrNull("jobTitle", ct.JobTitle)
		j.kstr("mail", ct.Mail)
		local, _, _ := strings.Cut(ct.Mail, "@")
		j.kstr("mailNickname", local)
		j.knull("onPremisesLastSyncDateTime")
		j.knull("onPremisesSyncEnabled")
		j.kstrs("proxyAddresses", ct.ProxyAddresses)
		j.kstrOrNull("surname", ct.Surname)
		j.key("addresses")
		j.arr()
		j.endArr()
		j.key("phones")
		j.arr()
		if ct.Phone != "" {
			j.obj()
			j.kstr("number", ct.Phone)
			j.kstr("type", "business")
			j.endObj()
		}
		j.endArr()
		j.endObj()
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func (s *Sim) listContracts(c *gctx) {
	if !c.needScope("Directory.Read.All", "Directory.ReadWrite.All") {
		return
	}
	var j jw
	collectionStart(&j, c.base+"/$metadata#contracts")
	if c.t.IsPartner && !c.grant.Partner {
		seen := map[string]bool{}
		for _, r := range s.msp.Relationships {
			if seen[r.CustomerID] {
				continue
			}
			seen[r.CustomerID] = true
			ct := s.tenants[r.CustomerID]
			j.obj()
			j.kstr("id", seededGUIDFrom("contract-"+r.CustomerID))
			j.knull("deletedDateTime")
			j.kstr("contractType", "ResellerPartner")
			j.kstr("customerId", r.CustomerID)
			j.kstr("defaultDomainName", ct.InitialDomain)
			j.kstr("displayName", ct.DisplayName)
			j.endObj()
		}
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func (s *Sim) listGDAP(c *gctx, set string) {
	if !c.needScope("DelegatedAdminRelationship.Read.All", "DelegatedAdminRelationship.ReadWrite.All") {
		return
	}
	var j jw
	collectionStart(&j, c.base+"/tenantRelationships/$metadata#"+set)
	if c.t.IsPartner && !c.grant.Partner {
		if set == "delegatedAdminCustomers" {
			seen := map[string]bool{}
			for _, r := range s.msp.Relationships {
				if r.Status != RelationshipActive || seen[r.CustomerID] {
					continue
				}
				seen[r.CustomerID] = true
				j.obj()
				j.kstr("@odata.type", "#microsoft.graph.delegatedAdminCustomer")
				j.kstr("@odata.etag", etag(r.CustomerID))
				j.kstr("id", r.CustomerID)
				j.kstr("tenantId", r.CustomerID)
				j.kstr("displayName", r.CustomerName)
				j.endObj()
			}
		} else {
			for _, r := range s.msp.Relationships {
				writeRelationship(&j, r)
			}
		}
	}
	collectionEnd(&j)
	c.writeJSON(http.StatusOK, j.b)
}

func etag(key string) string {
	return `W/"` + encodeB64Std(`"`+seededGUIDFrom("etag-" + key)[:23]+`"`) + `"`
}

func writeRelationship(j *jw, r Relationship) {
	j.obj()
	j.kstr("@odata.type", "#microsoft.graph.delegatedAdminRelationship")
	j.kstr("@odata.etag", etag(r.ID))
	j.kstr("id", r.ID)
	j.kstr("displayName", r.DisplayName)
	j.kstr("duration", r.Duration)
	j.key("customer")
	j.obj()
	j.kstr("tenantId", r.CustomerID)
	j.kstr("displayName", r.CustomerName)
	j.endObj()
	j.key("accessDetails")
	j.obj()
	j.key("unifiedRoles")
	j.arr()
	for _, id := range r.Roles {
		j.obj()
		j.kstr("roleDefinitionId", id)
		j.endObj()
	}
	j.endArr()
	j.endObj()
	j.kstr("status", r.Status)
	j.kstr("autoExtendDuration", r.AutoExtend)
	j.kstr("createdDateTime", r.CreatedDateTime.UTC().Format("2006-01-02T15:04:05.0000000Z"))
	j.kstr("lastModifiedDateTime", r.LastModifiedTime.UTC().Format("2006-01-02T15:04:05.0000000Z"))
	j.kstr("activatedDateTime", r.ActivatedAt.UTC().Format("2006-01-02T15:04:05.0000000Z"))
	j.kstr("endDateTime", r.EndDateTime.UTC().Format("2006-01-02T15:04:05.0000000Z"))
	j.endObj()
}

// reportSettings answers GET/PATCH /admin/reportSettings.
func (s *Sim) reportSettings(c *gctx) {
	switch c.r.Method {
	case http.MethodGet:
		if !c.needScope("ReportSettings.Read.All", "ReportSettings.ReadWrite.All") {
			return
		}
		if !c.hasRole(rolesReports...) {
			c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
			return
		}
		var j jw
		j.obj()
		j.kstr("@odata.context", c.base+"/$metadata#admin/reportSettings/$entity")
		j.kbool("displayConcealedNames", s.isConcealed(c.t))
		j.endObj()
		c.writeJSON(http.StatusOK, j.b)
	case http.MethodPatch:
		if !c.needScope("ReportSettings.ReadWrite.All") {
			return
		}
		if !c.hasRole(RoleGlobalAdministrator) {
			c.fail(http.StatusForbidden, codeDenied, msgInsufficient)
			return
		}
		var body struct {
			DisplayConcealedNames *bool `json:"displayConcealedNames"`
		}
		if err := decodeJSONBody(c.r, &body); err != nil || body.DisplayConcealedNames == nil {
			c.fail(http.StatusBadRequest, "BadRequest", "Invalid request body.")
			return
		}
		s.mu.Lock()
		s.concealed[c.t.ID] = *body.DisplayConcealedNames
		s.mu.Unlock()
		c.w.Header().Set("request-id", c.reqID)
		c.w.WriteHeader(http.StatusNoContent)
	default:
		c.fail(http.StatusMethodNotAllowed, codeBadRequest, "Specified HTTP method is not allowed for the request target.")
	}
}
