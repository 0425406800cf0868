package graph

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/contacts"
	"github.com/microsoftgraph/msgraph-sdk-go/directory"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"tenantlens/backend/types"
)

// Page sizes: Graph allows 999 users per page, 500 when signInActivity is
// selected (a larger $top is silently capped there).
const (
	MaxUsersPage       = 999
	MaxUsersPageSignIn = 500
)

// SignInNeedsP1 is recorded when the tenant cannot show sign-in activity.
const SignInNeedsP1 = "sign-in data needs Entra ID P1"

// SignInNeedsRole is recorded when the admin's directory roles (for a
// partner: the GDAP relationship's roles) do not allow reading sign-in
// activity.
const SignInNeedsRole = "sign-in data needs Reports Reader, Security Reader or Global Reader (add one to the GDAP relationship)"

// SignInNeedsAuditLog is recorded when the token lacks AuditLog.Read.All.
const SignInNeedsAuditLog = "sign-in data needs the AuditLog.Read.All permission"

// userFields are the only properties TenantLens uses.
var userFields = []string{
	"id", "userPrincipalName", "mail", "displayName", "givenName", "surname",
	"department", "jobTitle", "userType", "accountEnabled", "assignedLicenses",
	"createdDateTime", "onPremisesSyncEnabled", "proxyAddresses", "licenseAssignmentStates",
}

// DirectoryUser is a user as /users shows it.
type DirectoryUser struct {
	types.User
}

// UsersResult is the /users walk.
type UsersResult struct {
	Users []DirectoryUser
	// SignInAvailable reports that signInActivity was read; when false,
	// SignInNote says why (SignInNeedsP1, SignInNeedsAuditLog, or "").
	SignInAvailable bool
	SignInNote      string
	Pages           int
}

// Users lists every user. With withSignIn (the tenant has Entra ID P1) it
// also selects signInActivity; if Graph refuses that with 403 (no P1, or the
// token lacks AuditLog.Read.All) it lists again without it and says why.
func (c *Client) Users(ctx context.Context, withSignIn bool) (UsersResult, error) {
	if withSignIn {
		r, err := c.users(ctx, true)
		if err == nil {
			r.SignInAvailable = true
			return r, nil
		}
		var ge *Error
		if !errors.As(err, &ge) || ge.Status != 403 {
			return r, err
		}
		note := ""
		switch ge.Code {
		case CodeNoPremium:
			note = SignInNeedsP1
		case CodePermissionMissing:
			note = SignInNeedsAuditLog
		case CodeRequestDenied:
			// The signed-in admin's roles (GDAP) do not cover sign-in logs.
			note = SignInNeedsRole
		default:
			return r, err
		}
		r, err = c.users(ctx, false)
		r.SignInNote = note
		return r, err
	}
	r, err := c.users(ctx, false)
	r.SignInNote = SignInNeedsP1
	return r, err
}

func (c *Client) users(ctx context.Context, signIn bool) (UsersResult, error) {
	sel := append([]string(nil), userFields...)
	top := int32(MaxUsersPage)
	if signIn {
		sel = append(sel, "signInActivity")
		top = MaxUsersPageSignIn
	}
	b := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
	var res UsersResult
	err := collect(ctx, "GET /users",
		func(ctx context.Context) (models.UserCollectionResponseable, error) {
			res.Pages++
			return b.Get(ctx, &users.UsersRequestBuilderGetRequestConfiguration{
				QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Select: sel, Top: &top},
			})
		},
		func(ctx context.Context, link string) (models.UserCollectionResponseable, error) {
			res.Pages++
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(u models.Userable) error {
			res.Users = append(res.Users, toUser(u))
			return nil
		})
	if err != nil {
		return UsersResult{}, err
	}
	return res, nil
}

// DeletedUsers lists soft-deleted users (/directory/deletedItems/graph.user);
// they come back with Deleted and DeletedAt set and the original UPN (Graph
// prefixes it with the object id).
func (c *Client) DeletedUsers(ctx context.Context) ([]DirectoryUser, error) {
	sel := []string{"id", "userPrincipalName", "mail", "displayName", "givenName", "surname",
		"department", "jobTitle", "userType", "accountEnabled", "assignedLicenses",
		"createdDateTime", "deletedDateTime", "proxyAddresses"}
	top := int32(MaxUsersPage)
	b := directory.NewDirectoryRequestBuilderInternal(c.pathParams(), c.adapter).DeletedItems().GraphUser()
	var out []DirectoryUser
	err := collect(ctx, "GET /directory/deletedItems/microsoft.graph.user",
		func(ctx context.Context) (models.UserCollectionResponseable, error) {
			return b.Get(ctx, &directory.DeletedItemsGraphUserRequestBuilderGetRequestConfiguration{
				QueryParameters: &directory.DeletedItemsGraphUserRequestBuilderGetQueryParameters{Select: sel, Top: &top},
			})
		},
		func(ctx context.Context, link string) (models.UserCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(u models.Userable) error {
			du := toUser(u)
			du.Deleted = true
			du.DeletedAt = timePtr(u.GetDeletedDateTime())
			du.UserPrincipalName = undeletedUPN(du.ID, du.UserPrincipalName)
			out = append(out, du)
			return nil
		})
	return out, err
}

// undeletedUPN strips the object-id prefix (hex, no hyphens) Graph puts in
// front of a soft-deleted user's UPN.
func undeletedUPN(id, upn string) string {
	prefix := strings.ReplaceAll(strings.ToLower(id), "-", "")
	if prefix != "" && len(upn) > len(prefix) && strings.EqualFold(upn[:len(prefix)], prefix) {
		return upn[len(prefix):]
	}
	return upn
}

// Contacts lists organisational (mail) contacts.
func (c *Client) Contacts(ctx context.Context) ([]types.Contact, error) {
	sel := []string{"id", "displayName", "mail", "companyName", "givenName", "surname"}
	top := int32(MaxUsersPage)
	b := contacts.NewContactsRequestBuilderInternal(c.pathParams(), c.adapter)
	var out []types.Contact
	err := collect(ctx, "GET /contacts",
		func(ctx context.Context) (models.OrgContactCollectionResponseable, error) {
			return b.Get(ctx, &contacts.ContactsRequestBuilderGetRequestConfiguration{
				QueryParameters: &contacts.ContactsRequestBuilderGetQueryParameters{Select: sel, Top: &top},
			})
		},
		func(ctx context.Context, link string) (models.OrgContactCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(o models.OrgContactable) error {
			out = append(out, types.Contact{
				ID:          str(o.GetId()),
				DisplayName: str(o.GetDisplayName()),
				Mail:        str(o.GetMail()),
				CompanyName: str(o.GetCompanyName()),
				GivenName:   str(o.GetGivenName()),
				Surname:     str(o.GetSurname()),
			})
			return nil
		})
	return out, err
}

func toUser(u models.Userable) DirectoryUser {
	du := DirectoryUser{User: types.User{
		ID:                    str(u.GetId()),
		UserPrincipalName:     str(u.GetUserPrincipalName()),
		Mail:                  str(u.GetMail()),
		DisplayName:           str(u.GetDisplayName()),
		GivenName:             str(u.GetGivenName()),
		Surname:               str(u.GetSurname()),
		Department:            str(u.GetDepartment()),
		JobTitle:              str(u.GetJobTitle()),
		UserType:              str(u.GetUserType()),
		AccountEnabled:        boolean(u.GetAccountEnabled()),
		CreatedAt:             timePtr(u.GetCreatedDateTime()),
		OnPremisesSyncEnabled: u.GetOnPremisesSyncEnabled(),
		ProxyAddresses:        u.GetProxyAddresses(),
		LicenseStates:         licenseStates(u), // licensing.go
	}}
	for _, l := range u.GetAssignedLicenses() {
		if l == nil || l.GetSkuId() == nil {
			continue
		}
		al := types.AssignedLicense{SkuID: l.GetSkuId().String(), DisabledPlans: []string{}}
		for _, p := range l.GetDisabledPlans() {
			al.DisabledPlans = append(al.DisabledPlans, p.String())
		}
		du.Licenses = append(du.Licenses, al)
	}
	if s := u.GetSignInActivity(); s != nil {
		du.LastSignIn = timePtr(s.GetLastSignInDateTime())
		du.LastNonInteractiveSignIn = timePtr(s.GetLastNonInteractiveSignInDateTime())
	}
	return du
}

// timePtr maps null and the "0001-01-01T00:00:00Z" placeholder to nil.
func timePtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() || t.Year() <= 1 {
		return nil
	}
	v := t.UTC()
	return &v
}
