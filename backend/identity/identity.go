// Package identity signs TenantLens in to Microsoft Entra ID: authorities per
// cloud, tenant resolution, interactive authorization code + PKCE sign-in on
// a loopback listener, admin consent, the first-run app-registration
// bootstrap, direct and partner (GDAP) connections, and a token source per
// (connection, tenant) that persists every rotated refresh token to the
// keychain.
//
// Tokens exist only in memory and in backend/secrets. No error, log line or
// progress message produced here contains token text.
package identity

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/secrets"
)

// GraphCLIClientID is Microsoft Graph Command Line Tools, the first-party
// public client the bootstrap signs in with before TenantLens has its own app
// registration.
const GraphCLIClientID = "14d82eec-204b-4c2f-b7e8-296a70dab67e"

// GraphAppID is Microsoft Graph's application ID (the resource of every
// scope TenantLens asks for).
const GraphAppID = "00000003-0000-0000-c000-000000000000"

// StateLifetime is how long a sign-in's state stays valid.
const StateLifetime = 15 * time.Minute

// Opener opens a URL in the user's browser. The app passes Wails'
// BrowserOpenURL; the CLI prints the URL. A failing Opener is not fatal: the
// URL is also reported through Progress so the user can copy it.
type Opener interface {
	Open(url string) error
}

// OpenerFunc adapts a function to Opener.
type OpenerFunc func(url string) error

// Open calls f.
func (f OpenerFunc) Open(url string) error { return f(url) }

// PrintOpener writes "open: <URL>" lines (tenantlens connect --no-browser).
type PrintOpener struct{ W io.Writer }

// Open prints the URL.
func (p PrintOpener) Open(url string) error {
	_, err := fmt.Fprintf(p.W, "open: %s\n", url)
	return err
}

// Step names reported through Progress (the app emits them as
// connect:status events).
const (
	StepResolve   = "resolve"
	StepSignIn    = "signin"
	StepBrowser   = "browser" // Progress.URL is the sign-in link to show with a Copy button
	StepWaiting   = "waiting"
	StepConsent   = "consent"
	StepToken     = "token"
	StepTenant    = "tenant"
	StepDiscover  = "discover"
	StepCustomer  = "customer"
	StepSave      = "save"
	StepBootstrap = "bootstrap"
	StepDone      = "done"
)

// Progress is one step of a connect, for the UI's live step list.
type Progress struct {
	Step    string `json:"step"`
	Message string `json:"message"`
	URL     string `json:"url,omitempty"` // StepBrowser: the link to open or copy
}

// ProgressFunc receives progress; it must not block for long.
type ProgressFunc func(Progress)

// Interaction is what a connect needs from the user interface.
type Interaction struct {
	Opener   Opener       // nil: the URL is only reported through Progress
	Progress ProgressFunc // nil: progress is dropped
}

func (in Interaction) report(step, msg, url string) {
	if in.Progress != nil {
		in.Progress(Progress{Step: step, Message: msg, URL: url})
	}
}

// Options configure a Client.
type Options struct {
	Authority string // e.g. https://login.microsoftonline.com (config.Config.Authority)
	Graph     string // e.g. https://graph.microsoft.com (config.Config.Graph)
	// Cloud names the national cloud (public, usgov, china); it decides the
	// resource prefix of scopes. Default public.
	Cloud    string
	ClientID string         // TenantLens' own public client ID
	Secrets  *secrets.Store // where refresh tokens live; required for connects and token sources
	HTTP     *http.Client   // default: 30 s timeout
	Now      func() time.Time
	Log      *slog.Logger // default: discard
	// ListenAddr is the loopback address the sign-in listener binds
	// (default 127.0.0.1:0). Only loopback addresses are accepted.
	ListenAddr string
}

// OptionsFromConfig fills Options from the resolved configuration.
func OptionsFromConfig(c config.Config, sec *secrets.Store) Options {
	return Options{Authority: c.Authority, Graph: c.Graph, Cloud: c.Cloud, ClientID: c.ClientID, Secrets: sec}
}

// Client performs sign-ins and hands out token sources. It is safe for
// concurrent use; create one per process so refresh-token rotations of a
// connection are serialised.
type Client struct {
	o        Options
	resource string // scope prefix, e.g. https://graph.microsoft.com/

	lockMu sync.Mutex
	locks  map[string]*sync.Mutex // per secret key
	gens   map[string]uint64      // per secret key: refresh tokens saved (under its lock)
}

// New validates o and returns a Client.
func New(o Options) (*Client, error) {
	o.Authority = strings.TrimRight(strings.TrimSpace(o.Authority), "/")
	o.Graph = strings.TrimRight(strings.TrimSpace(o.Graph), "/")
	if o.Cloud == "" {
		o.Cloud = "public"
	}
	cloud, ok := config.CloudByName(o.Cloud)
	if !ok {
		return nil, fmt.Errorf("identity: unknown cloud %q", o.Cloud)
	}
	o.Cloud = cloud.Name
	if o.Authority == "" {
		o.Authority = cloud.Authority
	}
	if o.Graph == "" {
		o.Graph = cloud.Graph
	}
	if o.HTTP == nil {
		o.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.ListenAddr == "" {
		o.ListenAddr = "127.0.0.1:0"
	}
	return &Client{o: o, resource: cloud.Graph + "/", locks: map[string]*sync.Mutex{}}, nil
}

// ClientID is the TenantLens client ID new connections use.
func (c *Client) ClientID() string { return c.o.ClientID }

// GraphURL is the Graph base (without /v1.0).
func (c *Client) GraphURL() string { return c.o.Graph }

// AuthorityURL is the sign-in authority host (without a tenant).
func (c *Client) AuthorityURL() string { return c.o.Authority }

// Cloud is the national cloud name.
func (c *Client) Cloud() string { return c.o.Cloud }

// keyLock returns the mutex serialising refreshes of one keychain entry.
// keyGen is how many refresh tokens this client saved under key (call with
// the key's lock held).
func (c *Client) keyGen(key string) uint64 {
	c.lockMu.Lock()
	defer c.lockMu.Unlock()
	return c.gens[key]
}

func (c *Client) bumpKeyGen(key string) {
	c.lockMu.Lock()
	defer c.lockMu.Unlock()
	if c.gens == nil {
		c.gens = map[string]uint64{}
	}
	c.gens[key]++
}

func (c *Client) keyLock(key string) *sync.Mutex {
	c.lockMu.Lock()
	defer c.lockMu.Unlock()
	m := c.locks[key]
	if m == nil {
		m = &sync.Mutex{}
		c.locks[key] = m
	}
	return m
}

// Scopes TenantLens asks for (delegated, read-only).
var (
	readScopes    = []string{"User.Read.All", "Directory.Read.All", "Organization.Read.All", "Reports.Read.All", "UserAuthenticationMethod.Read.All", "AuditLog.Read.All", "Policy.Read.All", "SecurityEvents.Read.All"}
	oidcScopes    = []string{"openid", "profile", "email", "offline_access"}
	partnerScope  = "DelegatedAdminRelationship.Read.All"
	bootstrapPerm = []string{"Application.ReadWrite.All", "DelegatedPermissionGrant.ReadWrite.All"}
)

// Scopes returns the scopes of a sign-in, resource-qualified for c's cloud
// (e.g. https://graph.microsoft.com/User.Read.All), OIDC scopes last.
func (c *Client) Scopes(partner bool) []string {
	names := append([]string(nil), readScopes...)
	if partner {
		names = append(names, partnerScope)
	}
	return append(c.qualify(names), oidcScopes...)
}

func (c *Client) qualify(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = c.resource + n
	}
	return out
}

// defaultScope is what token redemption at a tenant asks for.
func (c *Client) defaultScope() string { return c.resource + ".default offline_access" }

// newID returns a random RFC 4122 version 4 UUID.
func newID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// SecretKeyFor is the keychain entry name of a connection's refresh token.
func SecretKeyFor(connectionID string) string { return "connection-" + connectionID }
