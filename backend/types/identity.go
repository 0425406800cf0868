package types

// ConnectResult is what a connect produced: the connection (its refresh
// token is already in the keychain under Connection.SecretKey) and the
// tenants reachable through it — one for a direct connection, every GDAP
// customer for a partner connection. The caller stores both.
type ConnectResult struct {
	Connection Connection `json:"connection"`
	Tenants    []Tenant   `json:"tenants"`
	// Warnings are connection-wide notes for the user (per-tenant ones are
	// in Tenant.RoleWarnings and Tenant.AccessDetail).
	Warnings []string `json:"warnings"`
}
