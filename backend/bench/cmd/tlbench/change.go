package main

import (
	"tenantlens/backend/graphsim"
)

func init() { changeUsers = changeFraction }

// changeFraction renames a fraction of every customer's active users
// (at least one per tenant) through graphsim's mutation API, so that Graph's
// users delta reports each change.
func changeFraction(sim *graphsim.Sim, fraction float64) (int, error) {
	changed := 0
	for _, t := range sim.MSP().Customers {
		var active []*graphsim.User
		for _, u := range t.Users {
			if !u.Deleted {
				active = append(active, u)
			}
		}
		k := max(1, int(float64(len(active))*fraction+0.5))
		step := max(1, len(active)/k)
		for i := 0; i < len(active) && k > 0; i += step {
			if err := sim.UpdateUser(t.ID, active[i].ID, func(u *graphsim.User) {
				u.JobTitle += " (changed)"
			}); err != nil {
				return changed, err
			}
			changed++
			k--
		}
	}
	return changed, nil
}
