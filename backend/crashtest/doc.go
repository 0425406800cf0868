// Package crashtest holds end-to-end tests of the tenantlens command line
// against graphsim that need child processes: SIGKILL at random moments
// during `sync --all` (crash safety) and the token-leak scan of everything
// a full CLI run leaves behind. The package has no code of its own.
package crashtest
