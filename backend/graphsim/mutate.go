package graphsim

import (
	"bytes"
	"errors"
	"strings"
)

// Directory changes between syncs. Each change that Graph's users delta
// tracks is appended to the tenant's change log, which /users/delta serves.
// signInActivity and licenseAssignmentStates are not tracked (GRAPH-FACTS
// §19), so a change to them alone is invisible to delta, as in Graph.
//
// These methods must not run while the tenant is being served (call them
// between syncs); they keep the ground truth (GroundTruth) in step.

// ErrNoSuchUser is returned for an unknown tenant or user.
var ErrNoSuchUser = errors.New("graphsim: no such tenant or user")

// deltaTracked are the user properties whose changes delta reports.
var deltaTracked = func() []string {
	var out []string
	for p := range userProps {
		if p != "signInActivity" && p != "licenseAssignmentStates" {
			out = append(out, p)
		}
	}
	return out
}()

func (s *Sim) trackedState(t *Tenant, u *User) []byte {
	var j jw
	s.writeUser(&j, t, u, deltaTracked)
	if u.Deleted {
		j.b = append(j.b, "deleted"...)
	}
	return j.b
}

func (s *Sim) logChange(t *Tenant, userID string) {
	s.ext.mu.Lock()
	defer s.ext.mu.Unlock()
	if s.ext.changes == nil {
		s.ext.changes = map[string][]change{}
	}
	s.ext.seq++
	s.ext.changes[t.ID] = append(s.ext.changes[t.ID], change{seq: s.ext.seq, userID: userID})
}

func (s *Sim) afterChange(t *Tenant) {
	t.index()
	s.mu.Lock()
	s.baseTruth[t.ID] = computeStaticTruth(t)
	s.mu.Unlock()
}

// AddUser adds a user (ID lower-case GUID; generated when empty) and
// returns it.
func (s *Sim) AddUser(tenantID string, u *User) (*User, error) {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return nil, ErrNoSuchUser
	}
	if u.ID == "" {
		u.ID = randomGUID()
	}
	u.ID = strings.ToLower(u.ID)
	if _, dup := t.UserByID(u.ID); dup {
		return nil, errors.New("graphsim: user " + u.ID + " exists")
	}
	t.Users = append(t.Users, u)
	s.afterChange(t)
	s.logChange(t, u.ID)
	return u, nil
}

// UpdateUser changes a user in place with fn. The change reaches the delta
// log only when a tracked property (or the deleted state) changed.
func (s *Sim) UpdateUser(tenantID, userID string, fn func(u *User)) error {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return ErrNoSuchUser
	}
	u, ok := t.UserByID(userID)
	if !ok {
		return ErrNoSuchUser
	}
	before := s.trackedState(t, u)
	fn(u)
	s.afterChange(t)
	if !bytes.Equal(before, s.trackedState(t, u)) {
		s.logChange(t, u.ID)
	}
	return nil
}

// SoftDeleteUser moves a user to deleted items (restorable; delta reports
// @removed reason "changed").
func (s *Sim) SoftDeleteUser(tenantID, userID string) error {
	return s.UpdateUser(tenantID, userID, func(u *User) {
		if !u.Deleted {
			u.Deleted = true
			u.DeletedDateTime = s.now().UTC().Truncate(1e9)
		}
	})
}

// HardDeleteUser removes a user for good (delta: @removed reason "deleted").
func (s *Sim) HardDeleteUser(tenantID, userID string) error {
	t, ok := s.Tenant(tenantID)
	if !ok {
		return ErrNoSuchUser
	}
	u, ok := t.UserByID(userID)
	if !ok {
		return ErrNoSuchUser
	}
	kept := t.Users[:0:0]
	for _, x := range t.Users {
		if x != u {
			kept = append(kept, x)
		}
	}
	t.Users = kept
	s.afterChange(t)
	s.logChange(t, u.ID)
	return nil
}
