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
//	key      tlchunks:v2:<slot>:<N>:<raw|b64>:<sha256 hex of the secret>   (manifest)
//	key#<slot>1   first  ≤ChunkSize bytes of the stored form
//	…
//	key#<slot>N   last   ≤ChunkSize bytes of the stored form
//
// where slot is "a" or "b". A secret that fits is stored directly under key as
// "tlsecret:v1:raw:<text>" or "tlsecret:v1:b64:<base64>". Printable ASCII
// (what OAuth tokens and API keys are made of) is stored raw; anything else is
// base64-encoded first so that no backend ever sees bytes it might transcode.
//
// Entries written before slots existed ("tlchunks:v1:<N>:<enc>:<sha256>" with
// chunks key#1…key#N) are still read, and replaced by the v2 layout on the
// next write. (A TenantLens older than v2 reports a v2 entry as corrupt.)
//
// # Crash-safe writes
//
// A write never touches the chunks the current manifest names:
//
//  1. read the current head; the new chunks go to the other slot (slot a
//     when the current value is direct, v1 or absent);
//  2. write key#<slot>1…N in order;
//  3. write the new head under key — the commit point: one keychain write
//     switches readers from the old value to the new one;
//  4. sweep: delete every chunk the new head does not name — the old value's,
//     an interrupted earlier write's, an interrupted earlier sweep's — in
//     all three slots (a, b and v1's).
//
// Chunks are written from 1 upwards and deleted from the highest down, so each
// slot always holds a contiguous run 1…k and the sweep finds it by probing
// upwards. A write interrupted before step 3 leaves the old value readable
// (its chunks were not touched) and a partial run in the other slot; one
// interrupted after step 3 leaves the new value readable and old chunks
// behind. Either way the next successful write (or Delete) removes the
// leftovers, since they can only be in the slots it sweeps. Readers follow the
// manifest only and never see a partial or mixed value: a manifest whose
// chunks are missing or do not hash to the recorded sha256 is ErrCorrupt
// (after re-reading a manifest that changed meanwhile, as when another process
// committed and swept).
//
// # Concurrency
//
// Each Store serialises its own operations with a mutex, so concurrent Set and
// Get calls through one Store never see interleaved chunk writes. Two Stores
// (or two processes) writing the same key at the same time are not
// coordinated (both would write the same slot): create one Store per process
// and share it. A reader in another process is safe: it sees the old or the
// new value.
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
// in-memory mock, in a child process. TestCrashAtEveryStepOfAWrite interrupts
// a write before each of its keychain calls through Store's fault hook;
// TestKillDuringRotation SIGKILLs a child process rotating a secret
// (TENANTLENS_SECRETS_KILLS=100 for the long mode).
package secrets
