package sync

import "time"

// Cooldown is the time a manual sync of a tenant must wait after its last
// run (Options.Cooldown): the one value the UI's countdown shows.
func (e *Engine) Cooldown() time.Duration { return e.o.Cooldown }
