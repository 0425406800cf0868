package graph

import (
	"context"
	"errors"
	"strings"

	abs "github.com/microsoft/kiota-abstractions-go"
	absser "github.com/microsoft/kiota-abstractions-go/serialization"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"github.com/google/uuid"
)

// Licence changes (GRAPH-FACTS §17, §18): a user's licence assignment
// states (direct or inherited from a group), a group's name, and
// POST /users/{id}/assignLicense with its errors classified, each with the
// next step.

// AssignReason says why an assignLicense call (or a check before one)
// failed.
type AssignReason string

const (
	// AssignInherited: the licence comes from a group; only removing the
	// user from the group (or the licence from the group) frees it.
	AssignInherited AssignReason = "inherited"
	// AssignNotAssigned: the user no longer holds the SKU (changed since
	// the last sync).
	AssignNotAssigned AssignReason = "not-assigned"
	// AssignPermission: the token lacks the licence-assignment scope, or
	// the signed-in account / GDAP relationship lacks License
	// Administrator or User Administrator.
	AssignPermission AssignReason = "permission"
	// AssignThrottled: Graph kept answering 429 after the pacer's retries.
	AssignThrottled AssignReason = "throttled"
	// AssignUserGone: the user was deleted meanwhile (404).
	AssignUserGone AssignReason = "user-deleted"
	// AssignNoSeats: no free seat to re-add the SKU (undo).
	AssignNoSeats AssignReason = "no-seats"
	// AssignUsageLocation: the user has no usage location (re-adding).
	AssignUsageLocation AssignReason = "usage-location"
	// AssignOther: anything else (network, sign-in, cancelled, …).
	AssignOther AssignReason = "other"
)

// Messages Graph sends with assignLicense's 400s (GRAPH-FACTS §18; Microsoft
// documents none, so they are matched by their distinctive parts).
const (
	msgInheritedPart     = "inherited from a group"
	msgNotAssignedPart   = "does not have a corresponding license"
	msgNoSeatsPart       = "does not have any available licenses"
	msgUsageLocationPart = "invalid usage location"
)

// AssignError is a classified licence change failure with its remedy.
type AssignError struct {
	Reason AssignReason
	UserID string
	SkuID  string
	// Group names the group a licence is inherited from (AssignInherited,
	// when it could be read), else its id.
	Group  string
	Remedy string
	Err    *Error // the Graph failure underneath (nil for checks made before a call)
}

func (e *AssignError) Error() string {
	var msg string
	switch e.Reason {
	case AssignInherited:
		msg = "the licence is inherited from a group"
		if e.Group != "" {
			msg = "the licence is inherited from the group “" + e.Group + "”"
		}
	case AssignNotAssigned:
		msg = "the user no longer has this licence"
	case AssignPermission:
		msg = "missing permission or role to change licences"
	case AssignThrottled:
		msg = "Microsoft Graph is throttling licence changes"
	case AssignUserGone:
		msg = "the user was deleted meanwhile"
	case AssignNoSeats:
		msg = "no free licence of this SKU is left"
	case AssignUsageLocation:
		msg = "the user has no usage location"
	default:
		msg = "the licence change failed"
		if e.Err != nil {
			msg += ": " + e.Err.Error()
		}
	}
	return msg
}

// Unwrap exposes the Graph error.
func (e *AssignError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// Advice is the remedy (fault.Advised).
func (e *AssignError) Advice() string { return e.Remedy }

// FaultClass is the Graph error's class (fault.Classed).
func (e *AssignError) FaultClass() Class {
	switch e.Reason {
	case AssignPermission:
		return ClassPermission
	case AssignThrottled:
		return ClassRetryable
	}
	if e.Err != nil {
		return e.Err.Class
	}
	return ClassFatal
}

// Remedies of the reasons.
const (
	RemedyInherited     = "Remove the user from the group (or the licence from the group) in the Microsoft 365 admin center; TenantLens does not change group membership."
	RemedyNotAssigned   = "Nothing to remove: sync the tenant again to refresh the list."
	RemedyPermission    = "Allow licence changes for this tenant again (TenantLens asks for LicenseAssignment.ReadWrite.All), and sign in with an account that is License Administrator or User Administrator; through GDAP the relationship needs one of those roles."
	RemedyThrottled     = "Wait a few minutes and apply again; rows already done are not sent twice."
	RemedyUserGone      = "Nothing to remove: the user is gone. Sync the tenant again to refresh the list."
	RemedyNoSeats       = "Buy or free a seat of this licence first, then undo again."
	RemedyUsageLocation = "Set the user's usage location in the Microsoft 365 admin center, then undo again."
)

// RemedyFor returns the remedy of a reason (group names the group when
// known).
func RemedyFor(r AssignReason, group string) string {
	switch r {
	case AssignInherited:
		if group != "" {
			return "Remove the user from the group “" + group + "” (or the licence from that group) in the Microsoft 365 admin center; TenantLens does not change group membership."
		}
		return RemedyInherited
	case AssignNotAssigned:
		return RemedyNotAssigned
	case AssignPermission:
		return RemedyPermission
	case AssignThrottled:
		return RemedyThrottled
	case AssignUserGone:
		return RemedyUserGone
	case AssignNoSeats:
		return RemedyNoSeats
	case AssignUsageLocation:
		return RemedyUsageLocation
	}
	return ""
}

// LicenceState is one entry of a user's licenseAssignmentStates.
type LicenceState struct {
	SkuID   string
	GroupID string // "" when assigned directly
	State   string // Active, ActiveWithError, Disabled, Error
	Error   string // None, CountViolation, …
}

// UserLicences is what a licence change needs to know about a user now.
type UserLicences struct {
	ID                string
	UserPrincipalName string
	UsageLocation     string
	States            []LicenceState
}

// Direct reports whether the user holds skuID directly, and the group ids
// it is inherited from.
func (u UserLicences) Direct(skuID string) (direct bool, groups []string) {
	for _, s := range u.States {
		if !strings.EqualFold(s.SkuID, skuID) {
			continue
		}
		if s.GroupID == "" {
			direct = true
		} else {
			groups = append(groups, s.GroupID)
		}
	}
	return direct, groups
}

const userLicencesEndpoint = "GET /users/{id}?$select=licenseAssignmentStates"

// UserLicences reads a user's licence assignment states now. A user that
// is gone is an *AssignError with AssignUserGone.
func (c *Client) UserLicences(ctx context.Context, userID string) (UserLicences, error) {
	ub := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
	u, err := ub.ByUserId(userID).Get(ctx, &users.UserItemRequestBuilderGetRequestConfiguration{
		QueryParameters: &users.UserItemRequestBuilderGetQueryParameters{
			Select: []string{"id", "userPrincipalName", "usageLocation", "assignedLicenses", "licenseAssignmentStates"}},
	})
	if err != nil {
		ge := classify(userLicencesEndpoint, 0, err)
		if ge.Status == 404 {
			return UserLicences{}, &AssignError{Reason: AssignUserGone, UserID: userID, Remedy: RemedyUserGone, Err: ge}
		}
		return UserLicences{}, ge
	}
	out := UserLicences{ID: str(u.GetId()), UserPrincipalName: str(u.GetUserPrincipalName()), UsageLocation: str(u.GetUsageLocation())}
	for _, s := range u.GetLicenseAssignmentStates() {
		if s == nil {
			continue
		}
		st := LicenceState{GroupID: str(s.GetAssignedByGroup()), State: str(s.GetState()), Error: str(s.GetError())}
		if s.GetSkuId() != nil {
			st.SkuID = strings.ToLower(s.GetSkuId().String())
		}
		out.States = append(out.States, st)
	}
	return out, nil
}

// GroupName reads a group's display name (the id when unreadable).
func (c *Client) GroupName(ctx context.Context, groupID string) string {
	ri := abs.NewRequestInformationWithMethodAndUrlTemplateAndPathParameters(abs.GET, "{+baseurl}/groups/{group%2Did}{?%24select}", c.pathParams())
	ri.PathParameters["group%2Did"] = groupID
	ri.QueryParameters["%24select"] = "id,displayName"
	ri.Headers.TryAdd("Accept", "application/json")
	res, err := c.adapter.Send(ctx, ri, models.CreateGroupFromDiscriminatorValue, map[string]absser.ParsableFactory{
		"XXX": odataerrors.CreateODataErrorFromDiscriminatorValue})
	if err != nil || res == nil {
		return groupID
	}
	g, ok := res.(models.Groupable)
	if !ok || str(g.GetDisplayName()) == "" {
		return groupID
	}
	return str(g.GetDisplayName())
}

const assignEndpoint = "POST /users/{id}/assignLicense"

// AssignLicense adds and removes licences of one user in one call (Graph
// applies all or nothing). Failures are *AssignError; an inherited licence
// names its group when the user's states can be read.
func (c *Client) AssignLicense(ctx context.Context, userID string, add, remove []string) error {
	body := users.NewItemAssignLicensePostRequestBody()
	adds := make([]models.AssignedLicenseable, 0, len(add))
	for _, id := range add {
		u, err := uuid.Parse(id)
		if err != nil {
			return &AssignError{Reason: AssignOther, UserID: userID, SkuID: id, Remedy: "Pick a licence from the list; “" + id + "” is not a SKU id.",
				Err: &Error{Class: ClassFatal, Endpoint: assignEndpoint, Message: "not a SKU id: " + id}}
		}
		l := models.NewAssignedLicense()
		l.SetSkuId(&u)
		l.SetDisabledPlans([]uuid.UUID{})
		adds = append(adds, l)
	}
	removes := make([]uuid.UUID, 0, len(remove))
	for _, id := range remove {
		u, err := uuid.Parse(id)
		if err != nil {
			return &AssignError{Reason: AssignOther, UserID: userID, SkuID: id, Remedy: "Pick a licence from the list; “" + id + "” is not a SKU id.",
				Err: &Error{Class: ClassFatal, Endpoint: assignEndpoint, Message: "not a SKU id: " + id}}
		}
		removes = append(removes, u)
	}
	body.SetAddLicenses(adds)
	body.SetRemoveLicenses(removes)
	ub := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
	_, err := ub.ByUserId(userID).AssignLicense().Post(ctx, body, nil)
	if err == nil {
		return nil
	}
	sku := ""
	if len(remove) == 1 && len(add) == 0 {
		sku = remove[0]
	} else if len(add) == 1 && len(remove) == 0 {
		sku = add[0]
	}
	ge := classify(assignEndpoint, 0, err)
	if m := odataMessage(err); m != "" {
		ge.Message = m // classify keeps "request failed" when the message is the error's text
	}
	ae := classifyAssign(userID, sku, ge)
	if ae.Reason == AssignInherited {
		ae.Group = c.inheritedFrom(ctx, userID, remove)
		ae.Remedy = RemedyFor(AssignInherited, ae.Group)
	}
	return ae
}

// inheritedFrom names the group(s) a user inherits one of skus from.
func (c *Client) inheritedFrom(ctx context.Context, userID string, skus []string) string {
	ul, err := c.UserLicences(ctx, userID)
	if err != nil {
		return ""
	}
	var names []string
	seen := map[string]bool{}
	for _, sku := range skus {
		_, groups := ul.Direct(sku)
		for _, g := range groups {
			if !seen[g] {
				seen[g] = true
				names = append(names, c.GroupName(ctx, g))
			}
		}
	}
	return strings.Join(names, ", ")
}

// odataMessage is the error.message of a Graph error body ("" when none).
func odataMessage(err error) (msg string) {
	defer func() {
		if recover() != nil {
			msg = ""
		}
	}()
	var oe *odataerrors.ODataError
	if errors.As(err, &oe) {
		if m := oe.GetErrorEscaped(); m != nil && m.GetMessage() != nil {
			return *m.GetMessage()
		}
	}
	return ""
}

// classifyAssign maps a Graph failure of assignLicense to its reason.
func classifyAssign(userID, sku string, ge *Error) *AssignError {
	ae := &AssignError{Reason: AssignOther, UserID: userID, SkuID: sku, Err: ge}
	msg := strings.ToLower(ge.Message)
	switch {
	case ge.Status == 400 && strings.Contains(msg, msgInheritedPart):
		ae.Reason = AssignInherited
	case ge.Status == 400 && strings.Contains(msg, msgNotAssignedPart):
		ae.Reason = AssignNotAssigned
	case ge.Status == 400 && strings.Contains(msg, msgNoSeatsPart):
		ae.Reason = AssignNoSeats
	case ge.Status == 400 && strings.Contains(msg, msgUsageLocationPart):
		ae.Reason = AssignUsageLocation
	case ge.Status == 403, ge.Class == ClassConsent, ge.Class == ClassPermission:
		ae.Reason = AssignPermission
	case ge.Status == 429 || ge.Code == CodeTooManyRequests:
		ae.Reason = AssignThrottled
	case ge.Status == 404:
		ae.Reason = AssignUserGone
	}
	ae.Remedy = RemedyFor(ae.Reason, "")
	if ae.Remedy == "" {
		ae.Remedy = remedyOfClass(ge)
	}
	return ae
}

func remedyOfClass(ge *Error) string {
	switch ge.Class {
	case ClassReauth:
		return "Reconnect the tenant, then allow licence changes again."
	case ClassCancelled:
		return "Apply again when you are ready; rows already done are not sent twice."
	case ClassRetryable:
		return RemedyThrottled
	}
	return "Apply again; if it repeats, run `tenantlens doctor` and report the problem."
}

// ReasonOf returns the AssignReason of err (AssignOther when it is none).
func ReasonOf(err error) AssignReason {
	var ae *AssignError
	if errors.As(err, &ae) {
		return ae.Reason
	}
	return AssignOther
}
