package identity

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"tenantlens/backend/secrets"
	"tenantlens/backend/types"
)

// expiryMargin: an access token this close to expiry is refreshed early.
const expiryMargin = 2 * time.Minute

// TokenSource hands out access tokens for one tenant of one connection. It
// redeems the connection's refresh token (kept in the keychain under
// Connection.SecretKey) at the tenant's authority, and writes every rotated
// refresh token back. Token sources of the same connection (a partner's
// customers) share one refresh token: they redeem it concurrently, and a
// rotated token is written back only when no other save (rotation, connect,
// disconnect) happened since this refresh read the keychain, so a newer
// token is never overwritten with an older one.
type TokenSource struct {
	c        *Client
	conn     types.Connection
	tenantID string

	mu  sync.Mutex
	tok *oauth2.Token
}

var _ oauth2.TokenSource = (*TokenSource)(nil)

// TokenSource returns the token source for tenantID through conn.
func (c *Client) TokenSource(conn types.Connection, tenantID string) *TokenSource {
	return &TokenSource{c: c, conn: conn, tenantID: tenantID}
}

// TenantID is the tenant this source's tokens are for.
func (ts *TokenSource) TenantID() string { return ts.tenantID }

// Token implements oauth2.TokenSource.
func (ts *TokenSource) Token() (*oauth2.Token, error) {
	return ts.TokenContext(context.Background())
}

// TokenContext returns a valid access token, refreshing when needed. The
// returned token has no refresh token (that stays in the keychain). Errors
// are *Error values: ErrReauth, ErrConsent, ErrNoAccess, ErrNetwork,
// ErrRetryable, ErrKeychain, …
func (ts *TokenSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.tok != nil && ts.c.o.Now().Add(expiryMargin).Before(ts.tok.Expiry) {
		return ts.copyToken(), nil
	}
	g, err := ts.c.refresh(ctx, ts.conn, ts.tenantID)
	if err != nil {
		return nil, err
	}
	ts.tok = &oauth2.Token{AccessToken: g.Token.AccessToken, TokenType: g.Token.TokenType, Expiry: g.Token.Expiry, ExpiresIn: g.Token.ExpiresIn}
	if ts.tok.Expiry.IsZero() {
		ts.tok.Expiry = ts.c.o.Now().Add(time.Hour)
	}
	return ts.copyToken(), nil
}

// Invalidate drops the cached access token (after Graph answered 401).
func (ts *TokenSource) Invalidate() {
	ts.mu.Lock()
	ts.tok = nil
	ts.mu.Unlock()
}

func (ts *TokenSource) copyToken() *oauth2.Token {
	t := *ts.tok
	return &t
}

// refresh redeems conn's refresh token at tenantID under the connection's
// lock, re-reading the keychain first and persisting a rotated token.
func (c *Client) refresh(ctx context.Context, conn types.Connection, tenantID string) (grant, error) {
	if c.o.Secrets == nil {
		return grant{}, newError(KindKeychain, "no keychain configured", nil)
	}
	clientID := conn.ClientID
	if clientID == "" {
		clientID = c.o.ClientID
	}
	// The connection's lock guards the keychain entry, not the round trip:
	// a partner's customers redeem the shared refresh token at the same
	// time (Microsoft keeps a rotated-out refresh token valid, GRAPH-FACTS
	// section 7), and only one rotation per burst is written back.
	lock := c.keyLock(conn.SecretKey)
	lock.Lock()
	stored, err := c.o.Secrets.Get(conn.SecretKey)
	readGen := c.keyGen(conn.SecretKey)
	lock.Unlock()
	if errors.Is(err, secrets.ErrNotFound) {
		e := newError(KindReauth, "no refresh token stored for this connection", nil)
		e.Tenant = tenantID
		return grant{}, e
	}
	if err != nil {
		return grant{}, keychainError(err, tenantID)
	}
	rt := string(stored)
	g, err := c.redeemRefresh(ctx, tenantID, clientID, rt, c.defaultScope())
	clear(stored)
	if err != nil {
		if e := AsError(err); e != nil {
			c.o.Log.Info("token refresh failed", "tenant", tenantID, "kind", string(e.Kind), "code", e.Code)
		}
		return grant{}, err
	}
	if g.Token.RefreshToken != "" && g.Token.RefreshToken != rt {
		lock.Lock()
		defer lock.Unlock()
		if c.keyGen(conn.SecretKey) != readGen {
			// another refresh of this connection saved a token it got after
			// our read: it is as valid as ours and never older
			return g, nil
		}
		if err := c.o.Secrets.Set(conn.SecretKey, []byte(g.Token.RefreshToken)); err != nil {
			return grant{}, keychainError(err, tenantID)
		}
		c.bumpKeyGen(conn.SecretKey)
		c.o.Log.Debug("refresh token rotated and saved", "tenant", tenantID)
	}
	return g, nil
}

// keychainError wraps a backend/secrets error (already token-free).
func keychainError(err error, tenant string) *Error {
	e := newError(KindKeychain, "", err)
	e.Message = MsgKeychain + " " + err.Error()
	e.Tenant = tenant
	return e
}

// saveRefreshToken stores a connection's first refresh token.
func (c *Client) saveRefreshToken(key string, tok *oauth2.Token) error {
	if tok == nil || tok.RefreshToken == "" {
		return newError(KindNoRefreshToken, "", nil)
	}
	if c.o.Secrets == nil {
		return newError(KindKeychain, "no keychain configured", nil)
	}
	lock := c.keyLock(key)
	lock.Lock()
	defer lock.Unlock()
	if err := c.o.Secrets.Set(key, []byte(tok.RefreshToken)); err != nil {
		return keychainError(err, "")
	}
	c.bumpKeyGen(key) // a refresh that read the old token must not overwrite this one
	return nil
}

// Forget removes a connection's refresh token from the keychain
// (disconnect).
func (c *Client) Forget(conn types.Connection) error {
	if c.o.Secrets == nil {
		return newError(KindKeychain, "no keychain configured", nil)
	}
	lock := c.keyLock(conn.SecretKey)
	lock.Lock()
	defer lock.Unlock()
	if err := c.o.Secrets.Delete(conn.SecretKey); err != nil {
		return keychainError(err, "")
	}
	c.bumpKeyGen(conn.SecretKey) // a refresh in flight must not bring it back
	return nil
}
