package graph

import (
	"context"
	"fmt"
)

// collectionPage is what every msgraph collection response offers.
type collectionPage[T any] interface {
	GetValue() []T
	GetOdataNextLink() *string
}

// collect walks a collection: first page from the request builder, further
// pages by following @odata.nextLink verbatim (the builder's WithUrl), until
// a page carries none. A page that fails, cannot be parsed or lacks its
// "value" array fails the whole walk with an error naming endpoint and page:
// a partial result is never returned.
func collect[T any, P collectionPage[T]](ctx context.Context, endpoint string,
	first func(context.Context) (P, error),
	next func(context.Context, string) (P, error),
	each func(T) error,
) error {
	seen := map[string]bool{}
	page := 1
	p, err := first(ctx)
	for {
		if err != nil {
			return classify(endpoint, page, err)
		}
		if any(p) == nil {
			return &Error{Class: ClassMalformed, Endpoint: endpoint, Page: page, Message: "the response has no body"}
		}
		vals := p.GetValue()
		if vals == nil {
			return &Error{Class: ClassMalformed, Endpoint: endpoint, Page: page, Message: `the page has no "value" array`}
		}
		for _, v := range vals {
			if any(v) == nil {
				// "value":[null] parses to a nil item; skipping it would
				// drop an entity silently
				return &Error{Class: ClassMalformed, Endpoint: endpoint, Page: page, Message: `the page's "value" array holds a null entry`}
			}
			if err := each(v); err != nil {
				return classify(endpoint, page, err)
			}
		}
		link := p.GetOdataNextLink()
		if link == nil || *link == "" {
			return nil
		}
		if seen[*link] {
			return &Error{Class: ClassMalformed, Endpoint: endpoint, Page: page, Message: "the nextLink repeats an earlier page"}
		}
		seen[*link] = true
		if err := ctx.Err(); err != nil {
			return classify(endpoint, page, err)
		}
		page++
		p, err = next(ctx, *link)
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolean(p *bool) bool { return p != nil && *p }

func errorf(class Class, endpoint, format string, a ...any) *Error {
	return &Error{Class: class, Endpoint: endpoint, Message: fmt.Sprintf(format, a...)}
}
