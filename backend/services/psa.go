package services

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tenantlens/backend/connectwise"
	"tenantlens/backend/secrets"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// PSAConnectionID is the one PSA connection's id (an MSP has one PSA).
const PSAConnectionID = "connectwise"

// psaSecretKey is the keychain entry of the PSA's API keys; the clientId,
// which ConnectWise asks to treat like a password, is kept beside them.
const psaSecretKey = "psa-connectwise"

// PSAConnectInput is what the PSA card (or `tenantlens psa connect`) asks.
type PSAConnectInput struct {
	Site       string `json:"site"`      // na.myconnectwise.net, or https://psa.example.com
	CompanyID  string `json:"companyId"` // the company id typed at the ConnectWise login
	ClientID   string `json:"clientId"`  // the integration's clientId
	PublicKey  string `json:"publicKey"`
	PrivateKey string `json:"privateKey"`
}

// PSAOptions tune the ConnectWise client (tests shorten the pacing; zero
// values are the client's defaults).
type PSAOptions = connectwise.Options

func (s *Services) psaClient(site connectwise.Site, keys connectwise.Keys) (*connectwise.Client, error) {
	return connectwise.NewWithOptions(site, keys, &http.Client{Timeout: 2 * time.Minute}, s.psaOptions)
}

// SetPSAOptions sets the ConnectWise client's options (tests, the demo).
func (s *Services) SetPSAOptions(o PSAOptions) { s.psaOptions = o }

// ConnectPSA checks the site and keys with one authenticated call, then
// saves the keys and clientId in the OS keychain and the site in the data
// folder. Nothing is saved when the check fails.
func (s *Services) ConnectPSA(ctx context.Context, in PSAConnectInput) (types.PSAConnection, error) {
	site := connectwise.Site{URL: strings.TrimSpace(in.Site), CompanyID: strings.TrimSpace(in.CompanyID), ClientID: strings.TrimSpace(in.ClientID)}
	keys := connectwise.Keys{Public: strings.TrimSpace(in.PublicKey), Private: strings.TrimSpace(in.PrivateKey)}
	c, err := s.psaClient(site, keys)
	if err != nil {
		return types.PSAConnection{}, err
	}
	if err := c.Check(ctx); err != nil {
		return types.PSAConnection{}, err
	}
	if err := connectwise.SaveKeys(s.Secrets, psaSecretKey, keys); err != nil {
		return types.PSAConnection{}, err
	}
	if err := s.Secrets.Set(psaSecretKey+"-client", []byte(site.ClientID)); err != nil {
		return types.PSAConnection{}, err
	}
	conn := types.PSAConnection{ID: PSAConnectionID, Kind: "connectwise", Site: site.URL, CompanyID: site.CompanyID,
		SecretKey: psaSecretKey}
	if err := s.Store.SavePSAConnection(ctx, conn); err != nil {
		return conn, err
	}
	return conn, nil
}

// ErrNoPSA says no PSA is connected.
var ErrNoPSA = errors.New("no PSA is connected: connect ConnectWise PSA in Settings (or `tenantlens psa connect`), or import a contacts CSV")

// PSAConnection returns the PSA connection (ErrNoPSA when there is none).
func (s *Services) PSAConnection(ctx context.Context) (types.PSAConnection, error) {
	cs, err := s.Store.PSAConnections(ctx)
	if err != nil {
		return types.PSAConnection{}, err
	}
	for _, c := range cs {
		if c.ID == PSAConnectionID {
			return c, nil
		}
	}
	return types.PSAConnection{}, ErrNoPSA
}

// DisconnectPSA forgets the PSA connection and deletes its keys from the
// keychain. Imported clients and contacts stay.
func (s *Services) DisconnectPSA(ctx context.Context) error {
	if err := connectwise.DeleteKeys(s.Secrets, psaSecretKey); err != nil {
		return err
	}
	if err := s.Secrets.Delete(psaSecretKey + "-client"); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return err
	}
	return s.Store.DeletePSAConnection(ctx, PSAConnectionID)
}

// PSAProgress reports a PSA sync: phase "companies" or "contacts", records
// read so far.
type PSAProgress func(phase string, done int)

// SyncPSA reads every company and contact from the connected ConnectWise
// PSA and imports them (clients by PSA company, contacts updated in place,
// contacts gone from the PSA marked inactive). A failure imports nothing
// and is recorded on the connection with its remedy.
func (s *Services) SyncPSA(ctx context.Context, progress PSAProgress) (types.ContactImport, error) {
	conn, err := s.PSAConnection(ctx)
	if err != nil {
		return types.ContactImport{}, err
	}
	res, err := s.syncPSA(ctx, conn, progress)
	now := time.Now()
	if err != nil {
		conn.LastError = err.Error()
	} else {
		conn.LastError, conn.LastSync = "", &now
	}
	if serr := s.Store.SavePSAConnection(context.WithoutCancel(ctx), conn); serr != nil && err == nil {
		err = serr
	}
	return res, err
}

func (s *Services) syncPSA(ctx context.Context, conn types.PSAConnection, progress PSAProgress) (types.ContactImport, error) {
	keys, err := connectwise.LoadKeys(s.Secrets, conn.SecretKey)
	if err != nil {
		return types.ContactImport{}, err
	}
	cid, err := s.Secrets.Get(conn.SecretKey + "-client")
	if err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return types.ContactImport{}, err
	}
	c, err := s.psaClient(connectwise.Site{URL: conn.Site, CompanyID: conn.CompanyID, ClientID: string(cid)}, keys)
	if err != nil {
		return types.ContactImport{}, err
	}
	report := func(phase string) func(int) {
		return func(done int) {
			if progress != nil {
				progress(phase, done)
			}
		}
	}
	companies, err := c.Companies(ctx, report("companies"))
	if err != nil {
		return types.ContactImport{}, err
	}
	contacts, err := c.Contacts(ctx, report("contacts"))
	if err != nil {
		return types.ContactImport{}, err
	}
	return s.Store.ImportContacts(ctx, BatchFromConnectWise(companies, contacts))
}

// BatchFromConnectWise turns a ConnectWise read into a store batch. Deleted
// companies and their contacts are left out (they are gone from the PSA).
func BatchFromConnectWise(companies []connectwise.Company, contacts []connectwise.Contact) store.ContactBatch {
	b := store.ContactBatch{Source: types.SourceConnectWise, FileName: "ConnectWise PSA", Preset: "connectwise",
		Rows: len(contacts)}
	deleted := map[int]bool{}
	for _, co := range companies {
		if co.Deleted {
			deleted[co.ID] = true
			continue
		}
		b.Companies = append(b.Companies, store.ImportCompany{PSAID: strconv.Itoa(co.ID), Name: co.Name,
			Identifier: co.Identifier, Website: co.Website, Status: co.Status})
	}
	for _, c := range contacts {
		if deleted[c.CompanyID] {
			continue
		}
		ic := store.ImportContact{PSAID: strconv.Itoa(c.ID), Company: c.CompanyName, FirstName: c.FirstName,
			LastName: c.LastName, Title: c.Title, Phone: c.Phone, Emails: c.Emails, Active: !c.Inactive}
		if c.CompanyID != 0 {
			ic.CompanyPSAID = strconv.Itoa(c.CompanyID)
		}
		b.Contacts = append(b.Contacts, ic)
	}
	return b
}
