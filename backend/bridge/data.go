package bridge

// Data serves the Users, Licenses and MFA pages from the current snapshots.
type Data struct{ base }

// Users returns a tenant's users ("" = every tenant).
func (d *Data) Users(tenantID string) (UsersView, error) { return UsersView{}, errPending }

// Licenses returns a tenant's SKUs with costs ("" = every tenant).
func (d *Data) Licenses(tenantID string) (LicensesView, error) { return LicensesView{}, errPending }

// MFA returns coverage and the users without MFA first ("" = every tenant).
func (d *Data) MFA(tenantID string) (MFAView, error) { return MFAView{}, errPending }
