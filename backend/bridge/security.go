package bridge

import "tenantlens/backend/review"

// Posture is a tenant's security posture card (review builds it).
type Posture = review.Posture

// Posture returns one tenant's security posture: security defaults, the
// Conditional Access policies requiring MFA and whom they exclude,
// privileged-role holders without registered MFA (the first finding),
// legacy authentication, Secure Score with its trend and the top
// improvement actions, and what could not be read (with the fix).
func (d *Data) Posture(tenantID string) (Posture, error) {
	svc, err := d.svc()
	if err != nil {
		return Posture{}, err
	}
	return d.review(svc).Posture(d.context(), tenantID)
}
