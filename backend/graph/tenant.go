package graph

import (
	"context"
	"strings"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/admin"
	"github.com/microsoftgraph/msgraph-sdk-go/domains"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/organization"
	"github.com/microsoftgraph/msgraph-sdk-go/subscribedskus"

	"tenantlens/backend/types"
)

// Service plans that make a tenant "Entra ID P1 or better".
const (
	PlanAADPremium   = "41781fb2-bc02-4b7c-bd55-b576c07bb09d" // AAD_PREMIUM
	PlanAADPremiumP2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998" // AAD_PREMIUM_P2
)

// Subscriptions is /subscribedSkus.
type Subscriptions struct {
	SKUs []types.SKU
	// HasP1: an Enabled or Warning SKU carries AAD_PREMIUM or
	// AAD_PREMIUM_P2 (the way Entra decides it).
	HasP1 bool
}

// SubscribedSkus lists the tenant's SKUs with their unit counts.
func (c *Client) SubscribedSkus(ctx context.Context) (Subscriptions, error) {
	b := subscribedskus.NewSubscribedSkusRequestBuilderInternal(c.pathParams(), c.adapter)
	var res Subscriptions
	err := collect(ctx, "GET /subscribedSkus",
		func(ctx context.Context) (models.SubscribedSkuCollectionResponseable, error) { return b.Get(ctx, nil) },
		func(ctx context.Context, link string) (models.SubscribedSkuCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(s models.SubscribedSkuable) error {
			sku := types.SKU{
				PartNumber:       str(s.GetSkuPartNumber()),
				AppliesTo:        str(s.GetAppliesTo()),
				CapabilityStatus: str(s.GetCapabilityStatus()),
				Consumed:         int32v(s.GetConsumedUnits()),
				ServicePlans:     []string{},
			}
			if s.GetSkuId() != nil {
				sku.SkuID = s.GetSkuId().String()
			}
			if u := s.GetPrepaidUnits(); u != nil {
				sku.Enabled = int32v(u.GetEnabled())
				sku.Suspended = int32v(u.GetSuspended())
				sku.Warning = int32v(u.GetWarning())
				sku.LockedOut = int32v(u.GetLockedOut())
			}
			active := sku.CapabilityStatus == "Enabled" || sku.CapabilityStatus == "Warning"
			for _, p := range s.GetServicePlans() {
				if p == nil {
					continue
				}
				sku.ServicePlans = append(sku.ServicePlans, str(p.GetServicePlanName()))
				if active && p.GetServicePlanId() != nil {
					switch strings.ToLower(p.GetServicePlanId().String()) {
					case PlanAADPremium, PlanAADPremiumP2:
						res.HasP1 = true
					}
				}
			}
			res.SKUs = append(res.SKUs, sku)
			return nil
		})
	if err != nil {
		return Subscriptions{}, err
	}
	return res, nil
}

func int32v(p *int32) int {
	if p == nil {
		return 0
	}
	return int(*p)
}

// Organization is the tenant's /organization entry.
type Organization struct {
	ID                    string           `json:"id"`
	DisplayName           string           `json:"displayName"`
	TenantType            string           `json:"tenantType"`
	CountryLetterCode     string           `json:"countryLetterCode"`
	CreatedAt             *time.Time       `json:"createdAt"`
	OnPremisesSyncEnabled bool             `json:"onPremisesSyncEnabled"`
	VerifiedDomains       []VerifiedDomain `json:"verifiedDomains"`
	DefaultDomain         string           `json:"defaultDomain"`
	InitialDomain         string           `json:"initialDomain"`
}

// VerifiedDomain is one of organization.verifiedDomains.
type VerifiedDomain struct {
	Name      string `json:"name"`
	IsDefault bool   `json:"isDefault"`
	IsInitial bool   `json:"isInitial"`
	Type      string `json:"type"`
}

// Organization reads /organization (always one entry).
func (c *Client) Organization(ctx context.Context) (Organization, error) {
	const ep = "GET /organization"
	b := organization.NewOrganizationRequestBuilderInternal(c.pathParams(), c.adapter)
	var orgs []Organization
	err := collect(ctx, ep,
		func(ctx context.Context) (models.OrganizationCollectionResponseable, error) {
			return b.Get(ctx, &organization.OrganizationRequestBuilderGetRequestConfiguration{
				QueryParameters: &organization.OrganizationRequestBuilderGetQueryParameters{
					Select: []string{"id", "displayName", "tenantType", "countryLetterCode", "createdDateTime", "onPremisesSyncEnabled", "verifiedDomains"},
				},
			})
		},
		func(ctx context.Context, link string) (models.OrganizationCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(o models.Organizationable) error {
			org := Organization{
				ID:                    str(o.GetId()),
				DisplayName:           str(o.GetDisplayName()),
				TenantType:            str(o.GetTenantType()),
				CountryLetterCode:     str(o.GetCountryLetterCode()),
				CreatedAt:             timePtr(o.GetCreatedDateTime()),
				OnPremisesSyncEnabled: boolean(o.GetOnPremisesSyncEnabled()),
			}
			for _, d := range o.GetVerifiedDomains() {
				if d == nil {
					continue
				}
				vd := VerifiedDomain{Name: str(d.GetName()), IsDefault: boolean(d.GetIsDefault()),
					IsInitial: boolean(d.GetIsInitial()), Type: str(d.GetTypeEscaped())}
				org.VerifiedDomains = append(org.VerifiedDomains, vd)
				if vd.IsDefault {
					org.DefaultDomain = vd.Name
				}
				if vd.IsInitial {
					org.InitialDomain = vd.Name
				}
			}
			orgs = append(orgs, org)
			return nil
		})
	if err != nil {
		return Organization{}, err
	}
	if len(orgs) == 0 {
		return Organization{}, errorf(ClassMalformed, ep, "no organization returned")
	}
	return orgs[0], nil
}

// Domain is one entry of /domains.
type Domain struct {
	Name               string   `json:"name"`
	AuthenticationType string   `json:"authenticationType"`
	IsDefault          bool     `json:"isDefault"`
	IsInitial          bool     `json:"isInitial"`
	IsVerified         bool     `json:"isVerified"`
	SupportedServices  []string `json:"supportedServices"`
}

// Domains lists the tenant's domains.
func (c *Client) Domains(ctx context.Context) ([]Domain, error) {
	b := domains.NewDomainsRequestBuilderInternal(c.pathParams(), c.adapter)
	var out []Domain
	err := collect(ctx, "GET /domains",
		func(ctx context.Context) (models.DomainCollectionResponseable, error) { return b.Get(ctx, nil) },
		func(ctx context.Context, link string) (models.DomainCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(d models.Domainable) error {
			out = append(out, Domain{
				Name:               str(d.GetId()),
				AuthenticationType: str(d.GetAuthenticationType()),
				IsDefault:          boolean(d.GetIsDefault()),
				IsInitial:          boolean(d.GetIsInitial()),
				IsVerified:         boolean(d.GetIsVerified()),
				SupportedServices:  d.GetSupportedServices(),
			})
			return nil
		})
	return out, err
}

// ReportSettings reads /admin/reportSettings: whether usage reports conceal
// user names.
func (c *Client) ReportSettings(ctx context.Context) (concealed bool, err error) {
	const ep = "GET /admin/reportSettings"
	s, err := admin.NewAdminRequestBuilderInternal(c.pathParams(), c.adapter).ReportSettings().Get(ctx, nil)
	if err != nil {
		return false, classify(ep, 0, err)
	}
	if s == nil || s.GetDisplayConcealedNames() == nil {
		return false, errorf(ClassMalformed, ep, "displayConcealedNames missing")
	}
	return *s.GetDisplayConcealedNames(), nil
}
