package connectwise

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Companies reads every company. progress, when not nil, gets the running
// total after each page.
func (c *Client) Companies(ctx context.Context, progress func(done int)) ([]Company, error) {
	return listAll(ctx, c, "companies", "/company/companies", companyFields, progress,
		func(w wireCompany) (int, Company) { return w.ID, w.company() })
}

// Contacts reads every contact, active and inactive, with all its email
// addresses. progress, when not nil, gets the running total after each page.
func (c *Client) Contacts(ctx context.Context, progress func(done int)) ([]Contact, error) {
	return listAll(ctx, c, "contacts", "/company/contacts", contactFields, progress,
		func(w wireContact) (int, Contact) { return w.ID, w.contact() })
}

// listAll pages through a list endpoint (PSA-FACTS 1.6): forward-only
// pagination (pagination-type header, no orderBy), following the Link
// rel="next" until it is empty or absent. Only the next link's query is
// taken; it is sent to this client's own API host and path, so the
// credentials never go to a host named in a header (on-premises servers
// may put an internal server name there). A server that ignores
// forward-only and sends no Link at all on a full first page is read by
// page number instead (PSA-FACTS 1.6: some endpoints lack forward-only). Pages that bring no new id end the read with an
// error rather than looping; MaxPages caps it too.
func listAll[W any, T any](ctx context.Context, c *Client, resource, path, fields string,
	progress func(int), conv func(W) (int, T)) ([]T, error) {
	size := c.opt.PageSize
	query := url.Values{"pageSize": {strconv.Itoa(size)}, "fields": {fields}}.Encode()
	forward, pageNo := true, 1
	seen := map[int]bool{}
	var out []T
	for pages := 0; ; pages++ {
		if pages >= c.opt.MaxPages {
			return nil, &Error{Reason: fmt.Sprintf("reading %s did not end after %d pages", resource, pages),
				Remedy: "ConnectWise kept sending a next page; try again, and report it if it persists"}
		}
		body, h, err := c.getAPI(ctx, path, query, resource, forward)
		if err != nil {
			return nil, err
		}
		var page []W
		if err := json.Unmarshal(body, &page); err != nil {
			return nil, notAPI(h, resource)
		}
		fresh := 0
		for _, w := range page {
			id, t := conv(w)
			if seen[id] {
				continue
			}
			seen[id] = true
			fresh++
			out = append(out, t)
		}
		if progress != nil {
			progress(len(out))
		}
		if len(page) == 0 {
			break
		}
		if fresh == 0 {
			return nil, &Error{Reason: "ConnectWise sent the same " + resource + " page again",
				Remedy: "Try again; if it persists, report it with your ConnectWise version"}
		}
		links, hasLink := h["Link"]
		if next := nextLink(strings.Join(links, ", ")); next != "" {
			nu, err := url.Parse(next)
			if err != nil || nu.RawQuery == "" {
				return nil, &Error{Reason: "ConnectWise sent a next-page link TenantLens cannot read",
					Remedy: "Try again; if it persists, report it with your ConnectWise version"}
			}
			query = nu.RawQuery
			continue
		}
		if forward && pages == 0 && !hasLink && len(page) >= size {
			// a full first page without any Link: the server ignored
			// forward-only (or ends lists without an empty Link and this
			// list is exactly one page); number the pages from 2
			forward = false
		}
		if forward || len(page) < size {
			break
		}
		pageNo++
		query = url.Values{"pageSize": {strconv.Itoa(size)}, "fields": {fields}, "page": {strconv.Itoa(pageNo)}}.Encode()
	}
	return out, nil
}

// notAPI is the error for a 2xx answer that is not a JSON array (a login or
// proxy page, typically from a browser host or a wrong on-premises URL).
func notAPI(h http.Header, resource string) *Error {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "no content type"
	}
	return &Error{Status: http.StatusOK, Reason: "the site did not answer like the ConnectWise API when reading " + resource + " (" + ct + ")",
		Remedy: remedySite}
}

// nextLink returns the URL of the rel="next" entry of an RFC 8288 Link
// header value, or "". Entries are found by their <...> brackets, not by
// splitting on commas, because ConnectWise may leave commas of the fields
// list unescaped in the URLs. Entry order does not matter.
func nextLink(v string) string {
	for {
		i := strings.IndexByte(v, '<')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(v[i:], '>')
		if j < 0 {
			return ""
		}
		u := strings.TrimSpace(v[i+1 : i+j])
		rest := v[i+j+1:]
		params := rest
		if k := strings.IndexByte(rest, '<'); k >= 0 {
			params = rest[:k]
		}
		for _, p := range strings.Split(params, ";") {
			name, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if !ok || !strings.EqualFold(strings.TrimSpace(name), "rel") {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(val), ",")), `"`)) {
				if strings.EqualFold(rel, "next") && u != "" {
					return u
				}
			}
		}
		v = rest
	}
}
