package bridge

import (
	"tenantlens/backend/events"
	"tenantlens/backend/identity"
)

// signIn relays an interactive sign-in (connect, app-registration
// bootstrap) to the UI: each step, and the link to copy, as a
// connect:status event; the system browser opened when the window can.
type signIn struct {
	bus     events.Emitter
	openURL func(string) error
}

func (b base) signIn(bus events.Emitter) signIn { return signIn{bus: bus, openURL: b.openURL} }

func (s signIn) emit(p events.ConnectStatusPayload) { s.bus.Emit(events.ConnectStatus, p) }

// interaction is what identity needs from the UI.
func (s signIn) interaction() identity.Interaction {
	in := identity.Interaction{Progress: func(p identity.Progress) {
		s.emit(events.ConnectStatusPayload{Step: p.Step, Message: p.Message, SignInURL: p.URL})
	}}
	if s.openURL != nil {
		in.Opener = identity.OpenerFunc(s.openURL)
	}
	return in
}

// failed reports the error (its text already says what to do).
func (s signIn) failed(err error) {
	s.emit(events.ConnectStatusPayload{Step: "error", Message: err.Error(), Error: true})
}

// done reports success.
func (s signIn) done(msg string) {
	s.emit(events.ConnectStatusPayload{Step: identity.StepDone, Message: msg})
}
