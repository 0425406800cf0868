package graph

import (
	"context"
	"strings"
	"sync"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	core "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// SignIn is a user's signInActivity (nil times: never).
type SignIn struct {
	LastSignIn               *time.Time
	LastNonInteractiveSignIn *time.Time
}

// SignInsSince returns the signInActivity of every user with an interactive
// or a non-interactive sign-in at or after since: two filtered /users reads
// (`signInActivity/lastSignInDateTime ge` and
// `signInActivity/lastNonInteractiveSignInDateTime ge`; Graph does not allow
// a signInActivity filter to be combined with anything else), 500 per page.
// Needs what Users(withSignIn) needs (P1, AuditLog.Read.All).
func (c *Client) SignInsSince(ctx context.Context, since time.Time) (map[string]SignIn, int, error) {
	ts := since.UTC().Format("2006-01-02T15:04:05Z")
	props := []string{"lastSignInDateTime", "lastNonInteractiveSignInDateTime"}
	found := make([][]DirectoryUser, len(props))
	pages := make([]int, len(props))
	errs := make([]error, len(props))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for i, prop := range props { // independent: both at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			filter := "signInActivity/" + prop + " ge " + ts
			sel := []string{"id", "signInActivity"}
			top := int32(MaxUsersPageSignIn)
			b := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
			errs[i] = collect(ctx, "GET /users?$filter=signInActivity/"+prop,
				func(ctx context.Context) (models.UserCollectionResponseable, error) {
					pages[i]++
					return b.Get(ctx, &users.UsersRequestBuilderGetRequestConfiguration{
						QueryParameters: &users.UsersRequestBuilderGetQueryParameters{Select: sel, Top: &top, Filter: &filter},
					})
				},
				func(ctx context.Context, link string) (models.UserCollectionResponseable, error) {
					pages[i]++
					return b.WithUrl(link).Get(ctx, nil)
				},
				func(u models.Userable) error {
					found[i] = append(found[i], toUser(u))
					return nil
				})
			if errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && ClassOf(err) != ClassCancelled {
			return nil, pages[0] + pages[1], err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, pages[0] + pages[1], err
		}
	}
	out := map[string]SignIn{}
	for _, list := range found {
		for _, du := range list {
			out[du.ID] = SignIn{LastSignIn: du.LastSignIn, LastNonInteractiveSignIn: du.LastNonInteractiveSignIn}
		}
	}
	return out, pages[0] + pages[1], nil
}

const signInOfEndpoint = "POST /$batch (GET /users/{id}?$select=signInActivity)"

// SignInsOf reads the signInActivity of a few users by object id through
// $batch (20 per request). A user that is gone (404) is left out.
func (c *Client) SignInsOf(ctx context.Context, ids []string) (map[string]SignIn, error) {
	out := map[string]SignIn{}
	ub := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter)
	for i := 0; i < len(ids); i += c.batchSize {
		chunk := ids[i:min(i+c.batchSize, len(ids))]
		err := c.perUserBatch(ctx, signInOfEndpoint, chunk, func(id string) (*abs.RequestInformation, error) {
			return ub.ByUserId(id).ToGetRequestInformation(ctx, &users.UserItemRequestBuilderGetRequestConfiguration{
				QueryParameters: &users.UserItemRequestBuilderGetQueryParameters{Select: []string{"id", "signInActivity"}},
			})
		}, func(a batchAnswer) error {
			switch {
			case a.status == 404: // gone meanwhile: left out
				return nil
			case a.status < 200 || a.status >= 300:
				return itemFailure(signInOfEndpoint, a)
			}
			u, err := core.GetBatchResponseById[models.Userable](a.resp, a.itemID, models.CreateUserFromDiscriminatorValue)
			if err != nil || u == nil {
				return &Error{Class: ClassMalformed, Endpoint: signInOfEndpoint, Status: a.status,
					Message: "cannot parse the sign-in activity of user " + a.userID, Err: err}
			}
			du := toUser(u)
			out[strings.ToLower(a.userID)] = SignIn{LastSignIn: du.LastSignIn, LastNonInteractiveSignIn: du.LastNonInteractiveSignIn}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
