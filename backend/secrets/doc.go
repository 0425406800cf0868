// Package secrets is the only home of tokens and API keys in TenantLens.
//
// Everything is kept in the operating system's credential store through
// github.com/zalando/go-keyring: the Secret Service (GNOME Keyring, KWallet)
// on Linux, the Keychain on macOS and the Credential Manager on Windows. There
// is deliberately no plaintext fallback: when the keychain cannot be reached
// every call fails with an error that matches ErrUnavailable and names the
// keychain.
//
// # Entry layout
//
// The per-entry limits of the backends differ (Windows refuses more than 2,560
// bytes, macOS about 3,000 bytes including service and account name), so a
// secret whose stored form is longer than ChunkSize bytes is split:
//
//	key     tlchunks:v1:<N>:<raw|b64>:<sha256 hex of the secret>   (manifest, written last)
//	key#1   first  ≤ChunkSize bytes of the stored form
//	…
//	key#N   last   ≤ChunkSize bytes of the stored form
//
// A secret that fits is stored directly under key as
// "tlsecret:v1:raw:<text>" or "tlsecret:v1:b64:<base64>". Printable ASCII
// (what OAuth tokens and API keys are made of) is stored raw; anything else is
// base64-encoded first so that no backend ever sees bytes it might transcode.
//
// After a manifest (or a direct value) is written, chunks left over from a
// previous, longer value are deleted. A reader that finds a manifest whose
// chunks are missing or do not hash to the recorded sha256 reports ErrCorrupt;
// it never returns a partial or mixed value.
//
// # Concurrency
//
// Each Store serialises its own operations with a mutex, so concurrent Set and
// Get calls through one Store never see interleaved chunk writes. Two Stores
// (or two processes) writing the same key at the same time are not
// coordinated: create one Store per process and share it.
//
// # Tests
//
// The tests use the real keychain, each on its own throw-away service name.
// On a headless Linux machine run them inside a private session bus:
//
//	mkdir -p .cache/tmp .cache/xdg && chmod 700 .cache/xdg
//	TMPDIR=$PWD/.cache/tmp XDG_RUNTIME_DIR=$PWD/.cache/xdg dbus-run-session -- sh -c \
//	  'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test ./backend/secrets/'
//
// Without a reachable keychain they fail; set TENANTLENS_SKIP_KEYCHAIN_TESTS=1
// to skip them explicitly instead. Only TestChunkLayout uses go-keyring's
// in-memory mock, in a child process.
package secrets
