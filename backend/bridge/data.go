package bridge

// Data serves the Users, Licenses and MFA pages from the current snapshots
// (review builds them).
type Data struct{ base }

// Users returns a tenant's users ("" = every synced tenant); deleted users
// are left out (they are in the MFA figures as Disabled).
func (d *Data) Users(tenantID string) (UsersView, error) {
	svc, err := d.svc()
	if err != nil {
		return UsersView{}, err
	}
	return d.review(svc).Users(d.context(), tenantID)
}

// Licenses returns SKUs with costs ("" = every synced tenant).
func (d *Data) Licenses(tenantID string) (LicensesView, error) {
	svc, err := d.svc()
	if err != nil {
		return LicensesView{}, err
	}
	return d.review(svc).Licenses(d.context(), tenantID)
}

// MFA returns coverage and the users without MFA first ("" = every synced
// tenant). Contacts are listed as N/A: they are not accounts.
func (d *Data) MFA(tenantID string) (MFAView, error) {
	svc, err := d.svc()
	if err != nil {
		return MFAView{}, err
	}
	return d.review(svc).MFA(d.context(), tenantID)
}
