package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/zalando/go-keyring"
)

// errCrash is what the fault hook returns: the Set stops right there, as if
// the process had been killed between two keychain calls.
var errCrash = errors.New("injected crash")

// faultPlan fails the failAt-th keychain call (0-based; -1: none) and
// records whether the commit (the write of key's head) went through.
type faultPlan struct {
	key       string
	failAt    int
	calls     int
	ops       []string
	committed bool
}

func (p *faultPlan) hook(op, entry string) error {
	i := p.calls
	p.calls++
	p.ops = append(p.ops, op+" "+entry)
	if i == p.failAt {
		return errCrash
	}
	if op == "set" && entry == p.key {
		p.committed = true
	}
	return nil
}

// setWithFault runs s.Set(key, v) failing the failAt-th keychain call. It
// returns the plan (ops seen, whether the commit happened) and fails t on
// any error other than the injected one.
func setWithFault(t *testing.T, s *Store, key string, v []byte, failAt int) *faultPlan {
	t.Helper()
	p := &faultPlan{key: key, failAt: failAt}
	s.fault = p.hook
	err := s.Set(key, v)
	s.fault = nil
	if err != nil && !errors.Is(err, errCrash) {
		t.Fatalf("Set(%s) with a crash at call %d: unexpected error %v", key, failAt, err)
	}
	if (err != nil) != (failAt >= 0 && failAt < p.calls) {
		t.Fatalf("Set(%s): err=%v but the crash at call %d fired=%v", key, err, failAt, failAt < p.calls)
	}
	return p
}

// assertValue checks that key reads back as exactly want (nil: not found).
func assertValue(t *testing.T, s *Store, key string, want []byte, when string) {
	t.Helper()
	got, err := s.Get(key)
	if want == nil {
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("%s: %s: got %d bytes, err=%v; want not found", key, when, len(got), err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s: %s: %v", key, when, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %s: read %d bytes that are neither wholly the old nor wholly the new value (want %d bytes)", key, when, len(got), len(want))
	}
}

// writeV1 stores v the way TenantLens did before chunk slots existed.
func writeV1(t *testing.T, s *Store, key string, v []byte) {
	t.Helper()
	if len(v) <= ChunkSize || !isPrintableASCII(v) {
		t.Fatal("writeV1 takes a chunked printable value")
	}
	sum := sha256.Sum256(v)
	n := 0
	for off := 0; off < len(v); off += ChunkSize {
		n++
		if err := keyring.Set(s.Service(), key+"#"+strconv.Itoa(n), string(v[off:min(off+ChunkSize, len(v))])); err != nil {
			t.Fatal(err)
		}
	}
	if err := keyring.Set(s.Service(), key, "tlchunks:v1:"+strconv.Itoa(n)+":raw:"+hex.EncodeToString(sum[:])); err != nil {
		t.Fatal(err)
	}
}

// TestCrashAtEveryStepOfAWrite interrupts a Set before each of its keychain
// calls in turn (the real keychain; the fault hook sits in Store's adapter
// in front of go-keyring) and checks that the entry then reads back as
// wholly the old value or wholly the new one — exactly the old one when the
// crash came before the manifest switch, the new one after. A second write
// interrupted somewhere else follows, then an uninterrupted one, which must
// leave no chunk entry the manifest does not name.
func TestCrashAtEveryStepOfAWrite(t *testing.T) {
	s := newTestStore(t)
	type transition struct {
		name   string
		old    []byte // nil: no entry yet
		v1     bool   // old is stored in the v1 format
		next   []byte
		chunks int // chunk count of next
	}
	trs := []transition{
		{"absent-to-8KB", nil, false, token(1, 8*1024), 5},
		{"8KB-to-8KB", token(2, 8*1024), false, token(3, 8*1024), 5},
		{"12KB-to-3KB", token(4, 12*1024), false, token(5, 3*1024), 2},
		{"3KB-to-12KB", token(6, 3*1024), false, token(7, 12*1024), 7},
		{"8KB-to-direct", token(8, 8*1024), false, token(9, 300), 0},
		{"direct-to-8KB", token(10, 300), false, token(11, 8*1024), 5},
		{"binary-to-token", binary(12, 5000), false, token(13, 9000), 5},
		{"v1-8KB-to-8KB", token(14, 8*1024), true, token(15, 8*1024), 5},
	}
	third, fourth := token(90, 4*1024), token(91, 5*1024)
	total, crashes := 0, 0
	for _, tr := range trs {
		t.Run(tr.name, func(t *testing.T) {
			setup := func(key string) {
				switch {
				case tr.old == nil:
				case tr.v1:
					writeV1(t, s, key, tr.old)
				default:
					if err := s.Set(key, tr.old); err != nil {
						t.Fatal(err)
					}
				}
			}
			// A clean run counts the calls and finds the commit.
			setup(tr.name + "-count")
			clean := setWithFault(t, s, tr.name+"-count", tr.next, -1)
			commitAt := -1
			for i, op := range clean.ops {
				if op == "set "+tr.name+"-count" {
					commitAt = i
				}
			}
			if commitAt < 0 {
				t.Fatalf("no manifest write among %v", clean.ops)
			}
			for k := range clean.ops {
				key := fmt.Sprintf("%s-%d", tr.name, k)
				setup(key)
				p := setWithFault(t, s, key, tr.next, k)
				if p.committed != (k > commitAt) {
					t.Fatalf("crash before call %d (%s): committed=%v, commit is call %d", k, clean.ops[k], p.committed, commitAt)
				}
				cur := tr.old
				if p.committed {
					cur = tr.next
				}
				assertValue(t, s, key, cur, "after a crash before call "+strconv.Itoa(k)+" ("+clean.ops[k]+")")
				crashes++

				// A second, differently sized write crashes elsewhere.
				p = setWithFault(t, s, key, third, (k*7+3)%(len(clean.ops)+4))
				if p.committed {
					cur = third
				}
				assertValue(t, s, key, cur, "after a second interrupted write")

				// The next complete write leaves only its own chunks.
				setWithFault(t, s, key, fourth, -1)
				assertValue(t, s, key, fourth, "after a complete write")
				assertChunksUpTo(t, s, key, len(encodeSecret(fourth, slotA).chunks), 8)
				if err := s.Delete(key); err != nil {
					t.Fatal(err)
				}
				total++
			}
			if err := s.Delete(tr.name + "-count"); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d keychain calls per write (commit is call %d); crashed before each one", len(clean.ops), commitAt)
		})
	}
	if !t.Failed() {
		t.Logf("%d interrupted writes across %d transitions: every read was wholly the old or the new value", crashes, len(trs))
	}
}
