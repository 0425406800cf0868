package bridge

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"tenantlens/backend/psasim"
	"tenantlens/backend/services"
)

// The PSA card: wrong keys are refused with a remedy and nothing is saved;
// right keys connect (status shows the site, never a key); Sync imports
// every contact with progress events; Disconnect deletes the keys from the
// keychain and keeps the contacts.
func TestPSACard(t *testing.T) {
	psa := psasim.New(psasim.Options{Tenants: 4})
	if err := psa.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(psa.Close)
	service := "TenantLens-test-psa-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	t.Cleanup(func() { _ = keyring.DeleteAll(service) })
	svc, err := services.Open(context.Background(), services.Options{Home: t.TempDir(), KeychainService: service})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	svc.SetPSAOptions(services.PSAOptions{MinInterval: time.Millisecond, PageSize: 50})
	b := New(func() (*services.Services, error) { return svc, nil }, nil, Options{})

	cr := psa.Credentials()
	in := services.PSAConnectInput{Site: psa.URL(), CompanyID: cr.CompanyID, ClientID: psasim.DemoClientID,
		PublicKey: cr.PublicKey, PrivateKey: "not-the-key"}
	if _, err := b.PSA.Connect(in); err == nil || !strings.Contains(strings.ToLower(err.Error()), "key") ||
		strings.Contains(err.Error(), "not-the-key") {
		t.Fatalf("wrong private key: %v", err)
	}
	st, err := b.PSA.Status()
	if err != nil || st.Connected {
		t.Fatalf("after a refused connect: %+v %v", st, err)
	}
	if _, err := svc.Secrets.Get("psa-connectwise"); err == nil {
		t.Fatal("keys were saved although the check failed")
	}
	in.PrivateKey = cr.PrivateKey
	if st, err = b.PSA.Connect(in); err != nil || !st.Connected || st.Site != psa.URL() || st.CompanyID != cr.CompanyID {
		t.Fatalf("connect: %+v %v", st, err)
	}
	res, err := b.PSA.Sync()
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != len(psa.Data().Contacts) || res.Added == 0 {
		t.Fatalf("sync %+v, the PSA has %d contacts", res, len(psa.Data().Contacts))
	}
	if st, _ = b.PSA.Status(); st.LastSync == "" || st.LastError != "" || len(st.Imports) != 1 {
		t.Fatalf("status after sync: %+v", st)
	}
	if st, err = b.PSA.Disconnect(); err != nil || st.Connected {
		t.Fatalf("disconnect: %+v %v", st, err)
	}
	if _, err := svc.Secrets.Get("psa-connectwise"); err == nil {
		t.Fatal("keys still in the keychain after disconnect")
	}
	cs, err := svc.Store.AllContacts(context.Background())
	if err != nil || len(cs) != res.Added {
		t.Fatalf("contacts after disconnect: %d (%v), want %d", len(cs), err, res.Added)
	}
	// A sync without a PSA says how to connect one.
	if _, err := b.PSA.Sync(); err == nil || !strings.Contains(err.Error(), "Settings") {
		t.Fatalf("sync without a PSA: %v", err)
	}
}
