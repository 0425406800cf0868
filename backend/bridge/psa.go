package bridge

import (
	"context"
	"errors"
	gosync "sync"
	"time"

	"tenantlens/backend/events"
	"tenantlens/backend/services"
	"tenantlens/backend/types"
)

// PSA is the Settings card of the MSP's ConnectWise PSA: connect it (keys
// go to the OS keychain), read its companies and contacts, disconnect.
type PSA struct {
	base
	mu     gosync.Mutex
	cancel context.CancelFunc // the running Sync's, nil when none
}

// PSAStatus is the card's state. No key is ever part of it.
type PSAStatus struct {
	Connected bool   `json:"connected"`
	Kind      string `json:"kind"`
	Site      string `json:"site"`
	CompanyID string `json:"companyId"`
	LastSync  string `json:"lastSync"` // RFC 3339, "" when never read
	LastError string `json:"lastError"`
	// Imports are the latest contact imports (CSV and PSA), newest first.
	Imports []types.ContactImport `json:"imports"`
}

// Status returns the PSA connection, if any.
func (p *PSA) Status() (PSAStatus, error) {
	svc, err := p.svc()
	if err != nil {
		return PSAStatus{}, err
	}
	return psaStatus(p.context(), svc)
}

func psaStatus(ctx context.Context, svc *services.Services) (PSAStatus, error) {
	st := PSAStatus{Imports: []types.ContactImport{}}
	imps, err := svc.Store.ContactImports(ctx)
	if err != nil {
		return st, err
	}
	if len(imps) > 10 {
		imps = imps[:10]
	}
	st.Imports = append(st.Imports, imps...)
	c, err := svc.PSAConnection(ctx)
	if errors.Is(err, services.ErrNoPSA) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	st.Connected, st.Kind, st.Site, st.CompanyID, st.LastError = true, c.Kind, c.Site, c.CompanyID, c.LastError
	if c.LastSync != nil {
		st.LastSync = c.LastSync.UTC().Format(time.RFC3339)
	}
	return st, nil
}

// Connect checks the site and keys with ConnectWise and saves them (keys
// and clientId in the OS keychain). Nothing is saved when the check fails;
// the error says what to fix.
func (p *PSA) Connect(in services.PSAConnectInput) (PSAStatus, error) {
	svc, err := p.svc()
	if err != nil {
		return PSAStatus{}, err
	}
	if _, err := svc.ConnectPSA(p.context(), in); err != nil {
		return PSAStatus{}, err
	}
	return psaStatus(p.context(), svc)
}

// Sync reads every company and contact from the PSA and imports them,
// emitting psa:progress; psa:cancel stops it (nothing is imported then).
func (p *PSA) Sync() (types.ContactImport, error) {
	svc, err := p.svc()
	if err != nil {
		return types.ContactImport{}, err
	}
	ctx, cancel := context.WithCancel(p.context())
	defer cancel()
	p.mu.Lock()
	if p.cancel != nil {
		p.mu.Unlock()
		return types.ContactImport{}, errors.New("the PSA is being read already; wait for it to finish")
	}
	p.cancel = cancel
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.cancel = nil
		p.mu.Unlock()
	}()
	off := svc.Bus.On(events.PSACancel, func(...any) { cancel() })
	defer off()
	last := time.Time{}
	res, err := svc.SyncPSA(ctx, func(phase string, done int) {
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			last = now
			svc.Bus.Emit(events.PSAProgress, events.PSAProgressPayload{Phase: phase, Done: done})
		}
	})
	if errors.Is(ctx.Err(), context.Canceled) && err != nil {
		return types.ContactImport{}, errors.New("the PSA read was cancelled; nothing was imported")
	}
	return res, err
}

// Cancel stops a running Sync (nothing is imported then); no error when
// none runs.
func (p *PSA) Cancel() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
	}
}

// Disconnect forgets the PSA and deletes its keys from the keychain;
// imported clients and contacts stay.
func (p *PSA) Disconnect() (PSAStatus, error) {
	svc, err := p.svc()
	if err != nil {
		return PSAStatus{}, err
	}
	if err := svc.DisconnectPSA(p.context()); err != nil {
		return PSAStatus{}, err
	}
	return psaStatus(p.context(), svc)
}
