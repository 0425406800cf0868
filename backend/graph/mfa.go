package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	abs "github.com/microsoft/kiota-abstractions-go"
	core "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/reports"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// RegistrationDetail is one row of userRegistrationDetails.
type RegistrationDetail struct {
	UserID            string   `json:"userId"`
	UserPrincipalName string   `json:"userPrincipalName"`
	DisplayName       string   `json:"displayName"`
	UserType          string   `json:"userType"` // member | guest (lower case on this API)
	IsAdmin           bool     `json:"isAdmin"`
	IsMfaRegistered   bool     `json:"isMfaRegistered"`
	IsMfaCapable      bool     `json:"isMfaCapable"`
	MethodsRegistered []string `json:"methodsRegistered"`
	// DefaultMethod is userPreferredMethodForSecondaryAuthentication (v1.0
	// has no defaultMfaMethod); "" when none.
	DefaultMethod string `json:"defaultMethod"`
}

// RegistrationDetails reads /reports/authenticationMethods/userRegistrationDetails.
// A tenant without Entra ID P1/P2 answers 403; the error then matches
// errors.Is(err, ErrNoP1) and the caller falls back to AuthMethods.
//
// Graph documents no page size for this report, so it asks for the largest
// page it may ($top=999, the directory maximum) and follows nextLink
// whatever size the server picks. Should Graph refuse $top on this report
// (400), the walk starts over without it.
func (c *Client) RegistrationDetails(ctx context.Context) ([]RegistrationDetail, error) {
	top := int32(RegistrationDetailsPage)
	out, err := c.registrationDetails(ctx, &top)
	var ge *Error
	if err != nil && errors.As(err, &ge) && ge.Status == 400 && ge.Page <= 1 {
		return c.registrationDetails(ctx, nil)
	}
	return out, err
}

// RegistrationDetailsPage is the page size asked of userRegistrationDetails.
const RegistrationDetailsPage = 999

func (c *Client) registrationDetails(ctx context.Context, top *int32) ([]RegistrationDetail, error) {
	b := reports.NewReportsRequestBuilderInternal(c.pathParams(), c.adapter).AuthenticationMethods().UserRegistrationDetails()
	var out []RegistrationDetail
	var cfg *reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetRequestConfiguration
	if top != nil {
		cfg = &reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetRequestConfiguration{
			QueryParameters: &reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetQueryParameters{Top: top},
		}
	}
	err := collect(ctx, "GET /reports/authenticationMethods/userRegistrationDetails",
		func(ctx context.Context) (models.UserRegistrationDetailsCollectionResponseable, error) {
			return b.Get(ctx, cfg)
		},
		func(ctx context.Context, link string) (models.UserRegistrationDetailsCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(r models.UserRegistrationDetailsable) error {
			d := RegistrationDetail{
				UserID:            str(r.GetId()),
				UserPrincipalName: str(r.GetUserPrincipalName()),
				DisplayName:       str(r.GetUserDisplayName()),
				IsAdmin:           boolean(r.GetIsAdmin()),
				IsMfaRegistered:   boolean(r.GetIsMfaRegistered()),
				IsMfaCapable:      boolean(r.GetIsMfaCapable()),
				MethodsRegistered: r.GetMethodsRegistered(),
			}
			if d.MethodsRegistered == nil {
				d.MethodsRegistered = []string{}
			}
			if t := r.GetUserType(); t != nil {
				d.UserType = t.String()
			}
			if m := r.GetUserPreferredMethodForSecondaryAuthentication(); m != nil && m.String() != "none" {
				d.DefaultMethod = m.String()
			}
			out = append(out, d)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UserMethods is one user's /users/{id}/authentication/methods.
type UserMethods struct {
	UserID string `json:"userId"`
	// Methods are the @odata.type values, e.g.
	// "#microsoft.graph.phoneAuthenticationMethod".
	Methods []string `json:"methods"`
	// Err is set when this user's methods could not be read (e.g. 404: the
	// user was deleted during the sync); Methods is then nil.
	Err *Error `json:"-"`
}

const methodsEndpoint = "POST /$batch (GET /users/{id}/authentication/methods)"

// AuthMethods reads the authentication methods of many users through $batch
// requests of up to 20, a few batches in flight. Items answered 429/503/504
// are re-sent after their Retry-After (the whole tenant holds meanwhile);
// a 401/403 item fails the call (the permission is tenant-wide); a 404 is
// recorded on that user only. progress (may be nil) is called after each
// batch with users done so far.
func (c *Client) AuthMethods(ctx context.Context, userIDs []string, progress func(done, total int)) (map[string]UserMethods, error) {
	out := make(map[string]UserMethods, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	done := 0
	err := eachChunk(ctx, c, methodsEndpoint, userIDs, c.methodsChunk, func(chunk []string, res []UserMethods) {
		for _, r := range res {
			out[r.UserID] = r
		}
		done += len(chunk)
		if progress != nil {
			progress(done, len(userIDs))
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// methodsChunk reads the methods of up to batchSize users in one $batch
// (perUserBatch re-sends throttled items). A 401/403 item fails the call:
// the permission is tenant-wide; other failures are recorded on that user.
func (c *Client) methodsChunk(ctx context.Context, ids []string) ([]UserMethods, error) {
	ub := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
	var out []UserMethods
	err := c.perUserBatch(ctx, methodsEndpoint, ids, func(id string) (*abs.RequestInformation, error) {
		return ub.ByUserId(id).Authentication().Methods().ToGetRequestInformation(ctx, nil)
	}, func(a batchAnswer) error {
		if a.status < 200 || a.status >= 300 {
			e := itemFailure(methodsEndpoint, a)
			if a.status == 401 || a.status == 403 {
				return e
			}
			out = append(out, UserMethods{UserID: a.userID, Err: e})
			return nil
		}
		col, err := core.GetBatchResponseById[models.AuthenticationMethodCollectionResponseable](a.resp, a.itemID, models.CreateAuthenticationMethodCollectionResponseFromDiscriminatorValue)
		if err != nil {
			return &Error{Class: ClassMalformed, Endpoint: methodsEndpoint, Status: a.status,
				Message: "cannot parse the methods of user " + a.userID + ": " + err.Error(), Err: err}
		}
		if col != nil && col.GetValue() == nil {
			return &Error{Class: ClassMalformed, Endpoint: methodsEndpoint, Status: a.status,
				Message: `the methods of user ` + a.userID + ` have no "value" array`}
		}
		um := UserMethods{UserID: a.userID, Methods: []string{}}
		if col != nil {
			for _, m := range col.GetValue() {
				if m != nil && m.GetOdataType() != nil {
					um.Methods = append(um.Methods, *m.GetOdataType())
				}
			}
		}
		out = append(out, um)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func header(h core.RequestHeader, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// itemError reads {"error":{"code","message"}} from a batch item body.
func itemError(body core.RequestBody) (code, msg string) {
	e, ok := body["error"].(map[string]interface{})
	if !ok {
		return "", ""
	}
	code, _ = e["code"].(string)
	msg, _ = e["message"].(string)
	return code, msg
}

// IsNoP1 reports whether err says the tenant lacks Entra ID P1/P2.
func IsNoP1(err error) bool { return errors.Is(err, ErrNoP1) }

// sendBatch is batch.Send without its panic: msgraph-sdk-go-core converts
// the parsed body to BatchResponse unchecked, so a $batch answered 200 with
// an empty or null body panics in the SDK (found by FuzzGraphPages).
func sendBatch(ctx context.Context, batch core.BatchRequest, adapter abs.RequestAdapter) (resp core.BatchResponse, err error) {
	defer func() {
		if r := recover(); r != nil {
			resp, err = nil, &Error{Class: ClassMalformed, Endpoint: methodsEndpoint,
				Message: fmt.Sprintf("the $batch response cannot be read (%v)", r)}
		}
	}()
	resp, err = batch.Send(ctx, adapter)
	if err == nil && resp == nil {
		err = &Error{Class: ClassMalformed, Endpoint: methodsEndpoint, Message: "the $batch response has no body"}
	}
	return resp, err
}
