package graph

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

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
		pending := chunk
		for round := 0; len(pending) > 0; round++ {
			if round > c.pacer.opt.MaxRetries {
				return nil, &Error{Class: ClassRetryable, Endpoint: signInOfEndpoint, Status: 429, Code: CodeTooManyRequests,
					Message: fmt.Sprintf("%d users still throttled after %d rounds", len(pending), round)}
			}
			batch := core.NewBatchRequest(c.adapter)
			byItem := map[string]string{}
			for _, id := range pending {
				ri, err := ub.ByUserId(id).ToGetRequestInformation(ctx, &users.UserItemRequestBuilderGetRequestConfiguration{
					QueryParameters: &users.UserItemRequestBuilderGetQueryParameters{Select: []string{"id", "signInActivity"}},
				})
				if err != nil {
					return nil, classify(signInOfEndpoint, 0, err)
				}
				item, err := batch.AddBatchRequestStep(*ri)
				if err != nil {
					return nil, classify(signInOfEndpoint, 0, err)
				}
				byItem[*item.GetId()] = id
			}
			resp, err := sendBatch(ctx, batch, c.adapter)
			if err != nil {
				return nil, classify(signInOfEndpoint, 0, err)
			}
			var retry []string
			var wait time.Duration
			for itemID, userID := range byItem {
				item := resp.GetResponseById(itemID)
				if item == nil || item.GetStatus() == nil {
					retry = append(retry, userID)
					continue
				}
				switch status := int(*item.GetStatus()); {
				case status >= 200 && status < 300:
					u, err := core.GetBatchResponseById[models.Userable](resp, itemID, models.CreateUserFromDiscriminatorValue)
					if err != nil || u == nil {
						return nil, &Error{Class: ClassMalformed, Endpoint: signInOfEndpoint, Status: status,
							Message: "cannot parse the sign-in activity of user " + userID, Err: err}
					}
					du := toUser(u)
					out[strings.ToLower(userID)] = SignIn{LastSignIn: du.LastSignIn, LastNonInteractiveSignIn: du.LastNonInteractiveSignIn}
				case status == 404:
				case status == 429 || status == 503 || status == 504:
					d, ok := RetryAfter(header(item.GetHeaders(), "Retry-After"), time.Now())
					if !ok {
						d = c.pacer.backoff(round + 1)
					}
					wait = max(wait, d)
					retry = append(retry, userID)
				default:
					code, msg := itemError(item.GetBody())
					if msg == "" {
						msg = "request for user " + userID + " failed"
					}
					return nil, &Error{Endpoint: signInOfEndpoint, Status: status, Code: code, Message: msg, Class: classForStatus(status, code)}
				}
			}
			if len(retry) > 0 {
				c.pacer.Hold(wait)
			}
			pending = retry
		}
	}
	return out, nil
}
