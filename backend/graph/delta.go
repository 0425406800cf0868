package graph

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// ErrDeltaExpired matches (errors.Is) a delta link Graph no longer honours:
// 400 syncStateNotFound (token older than about 7 days) or 410 Gone
// ("synchronization reset"). The caller reads everything again.
var ErrDeltaExpired = errors.New("the users delta link expired; a full read is needed")

const deltaEndpoint = "GET /users/delta"

// deltaFields are userFields: delta cannot select signInActivity (400),
// and userFields never includes it.
var deltaFields = userFields

// DeltaResult is one users delta round.
type DeltaResult struct {
	// Items in the order Graph sent them: users added or changed since the
	// link, with every selected property, and users removed (soft- or
	// hard-deleted). A user may appear more than once: apply in order.
	Items []DeltaItem
	// DeltaLink starts the next round.
	DeltaLink string
	Pages     int
}

// UsersDeltaLatest asks for a delta link that starts now
// ($deltatoken=latest): no users, one request. Call it before a full
// /users read so that changes made during the read are replayed by the next
// round (replays are harmless: changed users carry their whole state).
func (c *Client) UsersDeltaLatest(ctx context.Context) (string, error) {
	u := c.adapter.GetBaseUrl() + "/users/delta()?$deltatoken=latest&$select=" + strings.Join(deltaFields, ",")
	r, err := c.UsersDelta(ctx, u)
	if err != nil {
		return "", err
	}
	if len(r.Items) > 0 {
		return "", errorf(ClassMalformed, deltaEndpoint, "$deltatoken=latest returned users")
	}
	return r.DeltaLink, nil
}

// UsersDelta follows a delta link (nextLinks included) to its next delta
// link. A link that points at another host than this client's Graph is
// refused as expired (the caller re-reads in full).
func (c *Client) UsersDelta(ctx context.Context, link string) (DeltaResult, error) {
	var res DeltaResult
	lu, err := url.Parse(link)
	bu, _ := url.Parse(c.adapter.GetBaseUrl())
	if err != nil || bu == nil || !strings.EqualFold(lu.Host, bu.Host) || lu.Scheme != bu.Scheme {
		return res, &Error{Class: ClassFatal, Endpoint: deltaEndpoint, Message: "the stored delta link is not for this Graph endpoint", Err: ErrDeltaExpired}
	}
	b := users.NewUsersRequestBuilderInternal(c.pathParams(), c.adapter).Delta()
	seen := map[string]bool{}
	for link != "" {
		if seen[link] {
			return DeltaResult{}, &Error{Class: ClassMalformed, Endpoint: deltaEndpoint, Page: res.Pages, Message: "the nextLink repeats an earlier page"}
		}
		seen[link] = true
		res.Pages++
		p, err := b.WithUrl(link).GetAsDeltaGetResponse(ctx, nil)
		if err != nil {
			e := classify(deltaEndpoint, res.Pages, err)
			if e.Status == 410 || strings.EqualFold(e.Code, "syncStateNotFound") {
				e.Err = ErrDeltaExpired
				e.Message = "the delta link expired (" + e.Message + ")"
			}
			return DeltaResult{}, e
		}
		if p == nil || p.GetValue() == nil {
			return DeltaResult{}, &Error{Class: ClassMalformed, Endpoint: deltaEndpoint, Page: res.Pages, Message: `the page has no "value" array`}
		}
		for _, u := range p.GetValue() {
			if u == nil {
				continue
			}
			if _, removed := u.GetAdditionalData()["@removed"]; removed {
				res.Items = append(res.Items, DeltaItem{ID: strings.ToLower(str(u.GetId())), Removed: true})
				continue
			}
			du := toUser(u)
			res.Items = append(res.Items, DeltaItem{ID: strings.ToLower(du.ID), User: du})
		}
		next, delta := p.GetOdataNextLink(), p.GetOdataDeltaLink()
		switch {
		case next != nil && *next != "":
			link = *next
		case delta != nil && *delta != "":
			res.DeltaLink = *delta
			link = ""
		default:
			return DeltaResult{}, &Error{Class: ClassMalformed, Endpoint: deltaEndpoint, Page: res.Pages, Message: "the page has neither nextLink nor deltaLink"}
		}
		if err := ctx.Err(); err != nil {
			return DeltaResult{}, classify(deltaEndpoint, res.Pages, err)
		}
	}
	return res, nil
}

// DeltaItem is one user of a delta round.
type DeltaItem struct {
	ID      string // lower case
	Removed bool
	User    DirectoryUser // when not Removed (signInActivity is never set)
}

// IsDeltaExpired reports whether err says the delta link must be dropped.
func IsDeltaExpired(err error) bool { return errors.Is(err, ErrDeltaExpired) }
