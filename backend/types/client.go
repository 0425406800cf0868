package types

import "time"

// ClientSource says where a client or contact came from.
type ClientSource string

const (
	SourceManual      ClientSource = "manual"
	SourceCSV         ClientSource = "csv"
	SourceConnectWise ClientSource = "connectwise"
)

// Client is one of the MSP's customers: a PSA company, or one made by hand.
// It owns any number of tenants; a tenant belongs to at most one client.
type Client struct {
	ID         int64        `json:"id"`
	Name       string       `json:"name"`
	Source     ClientSource `json:"source"`
	PSAID      string       `json:"psaId"`
	Identifier string       `json:"identifier"`
	Website    string       `json:"website"`
	Status     string       `json:"status"`
	TenantIDs  []string     `json:"tenantIds"`
	Contacts   int          `json:"contacts"` // active contacts
	CreatedAt  time.Time    `json:"createdAt"`
	UpdatedAt  time.Time    `json:"updatedAt"`
}

// MappedBy says who mapped a tenant to its client.
type MappedBy string

const (
	MappedByUser MappedBy = "user"
	MappedByAuto MappedBy = "auto"
)

// TenantMapping is a tenant's client.
type TenantMapping struct {
	TenantID   string    `json:"tenantId"`
	ClientID   int64     `json:"clientId"`
	MappedBy   MappedBy  `json:"mappedBy"`
	Confidence float64   `json:"confidence"`
	MappedAt   time.Time `json:"mappedAt"`
}

// PSAContact is one contact of a client as stored. Gone means it was
// missing from the latest export of its source: it is kept, and inactive.
type PSAContact struct {
	ID          int64        `json:"id"`
	ClientID    int64        `json:"clientId"` // 0: not attached to a client
	Source      ClientSource `json:"source"`
	PSAID       string       `json:"psaId"`
	Company     string       `json:"company"`
	FirstName   string       `json:"firstName"`
	LastName    string       `json:"lastName"`
	DisplayName string       `json:"displayName"`
	Title       string       `json:"title"`
	Phone       string       `json:"phone"`
	Emails      []string     `json:"emails"` // default first
	Active      bool         `json:"active"`
	Gone        bool         `json:"gone"`
	UpdatedAt   time.Time    `json:"updatedAt"`
}

// Name is the contact's display name, else first and last name, else its
// first email.
func (c PSAContact) Name() string {
	if c.DisplayName != "" {
		return c.DisplayName
	}
	n := c.FirstName
	if c.LastName != "" {
		if n != "" {
			n += " "
		}
		n += c.LastName
	}
	if n == "" && len(c.Emails) > 0 {
		n = c.Emails[0]
	}
	return n
}

// ContactImport is the outcome of one import (CSV file or PSA sync).
type ContactImport struct {
	ID           int64        `json:"id"`
	Source       ClientSource `json:"source"`
	FileName     string       `json:"fileName"`
	Preset       string       `json:"preset"`
	Encoding     string       `json:"encoding"`
	Rows         int          `json:"rows"`
	Added        int          `json:"added"`
	Updated      int          `json:"updated"`
	Unchanged    int          `json:"unchanged"`
	Deactivated  int          `json:"deactivated"`
	ClientsAdded int          `json:"clientsAdded"`
	ImportedAt   time.Time    `json:"importedAt"`
}

// PSAConnection is the MSP's live PSA (ConnectWise PSA). Its API keys are
// in the OS keychain under SecretKey, never in the database.
type PSAConnection struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"` // connectwise
	Site      string     `json:"site"`
	CompanyID string     `json:"companyId"`
	ClientID  string     `json:"clientId"` // the integration's clientId (not a secret)
	SecretKey string     `json:"-"`
	LastSync  *time.Time `json:"lastSync"`
	LastError string     `json:"lastError"`
	CreatedAt time.Time  `json:"createdAt"`
}
