// Package graph reads Microsoft Graph for one tenant through the real
// msgraph-sdk-go request builders and returns plain Go types: users, deleted
// users, contacts, subscribed SKUs, organization, domains, MFA registration
// (userRegistrationDetails, or per-user methods through $batch), usage
// reports and report settings. A Pacer per tenant honours Retry-After; every
// failure is an *Error with a Class.
//
// The client links only the request-builder packages it uses (users,
// directory, contacts, subscribedskus, organization, domains, reports, admin)
// over one shared kiota adapter instead of the whole GraphServiceClient,
// which would pull in every request-builder package of the SDK.
package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoft/kiota-abstractions-go/authentication"
	absser "github.com/microsoft/kiota-abstractions-go/serialization"
	khttp "github.com/microsoft/kiota-http-go"
	jsonser "github.com/microsoft/kiota-serialization-json-go"
	textser "github.com/microsoft/kiota-serialization-text-go"
	core "github.com/microsoftgraph/msgraph-sdk-go-core"
	"golang.org/x/oauth2"
)

// DefaultGraphBase is Microsoft Graph in the public cloud.
const DefaultGraphBase = "https://graph.microsoft.com"

// sdkVersion is reported in the SdkVersion telemetry header like the
// GraphServiceClient does.
const sdkVersion = "1.89.0"

// Options configure a Client for one tenant.
type Options struct {
	// GraphBase is the Graph host without version, e.g.
	// https://graph.microsoft.com (config.Config.Graph) or graphsim's
	// GraphURL(). "/v1.0" is appended.
	GraphBase string
	// TokenSource yields access tokens for this tenant (the caller's: the
	// identity package in the app, graphsim in tests).
	TokenSource oauth2.TokenSource
	// TenantID is used in error messages and logs only.
	TenantID string
	// Pacer paces this tenant; nil creates one with default options.
	Pacer *Pacer
	// Transport is the base transport below the pacer; nil uses a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
	// Timeout bounds one HTTP exchange (default 100 s, the SDK's).
	Timeout time.Duration
	// BatchSize is the number of requests per $batch (default and maximum 20).
	BatchSize int
}

// Client fetches one tenant's data.
type Client struct {
	adapter   abs.RequestAdapter
	params    map[string]string
	pacer     *Pacer
	tenantID  string
	batchSize int
}

var registerOnce sync.Once

// registerSerializers does what NewGraphServiceClient does on every call:
// register the JSON and text (de)serializers in kiota's default registries,
// which the adapter and the $batch helpers read.
func registerSerializers() {
	registerOnce.Do(func() {
		abs.RegisterDefaultSerializer(func() absser.SerializationWriterFactory { return jsonser.NewJsonSerializationWriterFactory() })
		abs.RegisterDefaultSerializer(func() absser.SerializationWriterFactory { return textser.NewTextSerializationWriterFactory() })
		abs.RegisterDefaultDeserializer(func() absser.ParseNodeFactory { return jsonser.NewJsonParseNodeFactory() })
		abs.RegisterDefaultDeserializer(func() absser.ParseNodeFactory { return textser.NewTextParseNodeFactory() })
		// The SDK creates its $batch error registry lazily with an unguarded
		// first read (msgraph-sdk-go-core error_mappings_registry.go): create
		// it here, once, before batches run concurrently (-race saw it).
		core.GetErrorFactoryFromRegistry("")
	})
}

// New builds a client: kiota adapter with base URL <GraphBase>/v1.0, a
// bearer provider fed by the token source (only for the Graph host), the
// SDK's default middleware minus its retry handler, and the pacer as the
// innermost transport.
func New(o Options) (*Client, error) {
	if o.TokenSource == nil {
		return nil, errors.New("graph: no token source")
	}
	base := strings.TrimRight(o.GraphBase, "/")
	if base == "" {
		base = DefaultGraphBase
	}
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("graph: base URL %q is not an http(s) URL", o.GraphBase)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("graph: base URL %q must use https", o.GraphBase)
	}
	registerSerializers()
	p := o.Pacer
	if p == nil {
		p = NewPacer(PacerOptions{})
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 100 * time.Second
	}
	httpClient := &http.Client{
		Transport: khttp.NewCustomTransportWithParentTransport(p.Transport(o.Transport), middlewares()...),
		// Redirects are the middleware's job (reports answer 302).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       timeout,
	}
	validator, err := authentication.NewAllowedHostsValidatorErrorCheck([]string{u.Hostname()})
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	auth := authentication.NewBaseBearerTokenAuthenticationProvider(&tokenProvider{ts: o.TokenSource, hosts: validator, host: strings.ToLower(u.Host)})
	opts := core.GraphClientOptions{GraphServiceLibraryVersion: sdkVersion}
	adapter, err := core.NewGraphRequestAdapterBaseWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth, opts, nil, nil, httpClient)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	adapter.SetBaseUrl(base + "/v1.0")
	bs := o.BatchSize
	if bs <= 0 || bs > 20 {
		bs = 20
	}
	return &Client{
		adapter:   adapter,
		params:    map[string]string{"baseurl": adapter.GetBaseUrl()},
		pacer:     p,
		tenantID:  o.TenantID,
		batchSize: bs,
	}, nil
}

// Pacer returns the tenant's pacer (for its statistics).
func (c *Client) Pacer() *Pacer { return c.pacer }

// pathParams returns a fresh copy: request builders keep the map they get.
func (c *Client) pathParams() map[string]string {
	m := make(map[string]string, len(c.params))
	for k, v := range c.params {
		m[k] = v
	}
	return m
}

// middlewares is the Graph SDK's default pipeline without two handlers:
//   - kiota's retry handler: the pacer retries instead, tenant-wide and with
//     more patience;
//   - request-body compression: the only bodies TenantLens sends are $batch
//     requests of 20 small GETs (about 2 KB), where gzip saves nothing and an
//     endpoint that does not take gzip costs a 415 round trip. (graphsim, as
//     of dc13ef3, answers gzip bodies with 400.)
func middlewares() []khttp.Middleware {
	opts := core.GraphClientOptions{GraphServiceLibraryVersion: sdkVersion}
	all := core.GetDefaultMiddlewaresWithOptions(&opts)
	out := all[:0]
	for _, m := range all {
		switch m.(type) {
		case *khttp.RetryHandler, *khttp.CompressionHandler:
			continue
		}
		out = append(out, m)
	}
	return out
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// tokenProvider adapts an oauth2.TokenSource to kiota. It hands a token only
// to the configured Graph host and port: a nextLink or redirect to any other
// host goes out without one.
type tokenProvider struct {
	ts    oauth2.TokenSource
	hosts *authentication.AllowedHostsValidator
	host  string // host[:port] of the Graph base URL, lower case
}

func (p *tokenProvider) GetAuthorizationToken(ctx context.Context, u *url.URL, _ map[string]interface{}) (string, error) {
	if !p.hosts.IsUrlHostValid(u) || strings.ToLower(u.Host) != p.host {
		return "", nil
	}
	if u.Scheme != "https" && !isLoopback(u.Hostname()) {
		return "", errors.New("refusing to send a token over plain http")
	}
	t, err := p.ts.Token()
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

func (p *tokenProvider) GetAllowedHostsValidator() *authentication.AllowedHostsValidator {
	return p.hosts
}
