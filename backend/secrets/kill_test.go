package secrets

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	envKillChild   = "TENANTLENS_SECRETS_KILL_CHILD"
	envKillService = "TENANTLENS_SECRETS_KILL_SERVICE"
	envKillRound   = "TENANTLENS_SECRETS_KILL_ROUND"
	envKillLog     = "TENANTLENS_SECRETS_KILL_LOG"
	// envKills sets how many times TestKillDuringRotation SIGKILLs the
	// rotating child (default defaultKills; the long mode runs 100).
	envKills     = "TENANTLENS_SECRETS_KILLS"
	defaultKills = 24
	killKey      = "refresh-token"
)

// rotation is the i-th refresh token of round r: 2.5–12 KB of token text,
// so consecutive values have different chunk counts (2 to 7 chunks).
func rotation(r, i int) []byte {
	seed := uint64(r)*1_000_003 + uint64(i)
	return token(seed, 2500+int(seed*7919%9500))
}

// TestKillDuringRotation runs a child process (this test binary again) that
// rotates an 8 KB-class secret in a loop against the real keychain, logging
// "b i" before and "d i" after each Set, and SIGKILLs it at a random moment.
// After each kill the entry must read back as the last completed value or,
// when a write was under way, that write's value — nothing else, no error.
// The next complete write must then leave exactly the chunks its manifest
// names: orphans of the killed write do not pile up.
func TestKillDuringRotation(t *testing.T) {
	if os.Getenv(envKillChild) == "1" {
		rotateUntilKilled(t)
		return
	}
	kills := defaultKills
	if v := os.Getenv(envKills); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", envKills, v)
		}
		kills = n
	}
	s := newTestStore(t)
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x6b11))
	var midWrite, readOld, readNew, leftOrphans, failures, writesDone int
	for r := 0; r < kills; r++ {
		// The parent's write is "the next write" after the previous kill.
		start := rotation(r, 0)
		if err := s.Set(killKey, start); err != nil {
			t.Fatalf("round %d: write after the kill: %v", r, err)
		}
		assertChunksUpTo(t, s, killKey, len(encodeSecret(start, slotA).chunks), 8)
		if t.Failed() {
			t.Fatalf("round %d: orphan chunks survived the write after a kill", r)
		}

		logPath := filepath.Join(dir, "round-"+strconv.Itoa(r)+".log")
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringRotation$", "-test.count=1", "-test.timeout=10m")
		cmd.Env = append(os.Environ(), envKillChild+"=1", envKillService+"="+s.Service(),
			envKillRound+"="+strconv.Itoa(r), envKillLog+"="+logPath)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		if !waitForFirstWrite(logPath, exited) {
			t.Fatalf("round %d: child never started writing:\n%s", r, out.String())
		}
		time.Sleep(time.Duration(rng.IntN(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: child ended by itself (%v), not by SIGKILL:\n%s", r, cmd.ProcessState, out.String())
		}

		begun, done := readRotationLog(t, logPath)
		writesDone += done
		inFlight := begun > done
		if inFlight {
			midWrite++
		}
		got, err := s.Get(killKey)
		switch {
		case err != nil:
			failures++
			t.Errorf("round %d: killed after %d writes (write %d under way: %v): entry unreadable: %v", r, done, begun, inFlight, err)
		case bytes.Equal(got, rotation(r, done)):
			readOld++
		case inFlight && bytes.Equal(got, rotation(r, begun)):
			readNew++
		default:
			failures++
			t.Errorf("round %d: killed after %d writes: read %d bytes that are neither the last written value nor the one under way", r, done, len(got))
		}
		if _, n := headSlot(t, s, killKey); len(existingChunks(t, s, killKey, 8)) > n {
			leftOrphans++ // killed mid-write or before the sweep ended: the next Set clears them
		}
	}
	end := rotation(kills, 0)
	if err := s.Set(killKey, end); err != nil {
		t.Fatal(err)
	}
	assertChunksUpTo(t, s, killKey, len(encodeSecret(end, slotA).chunks), 8)
	t.Logf("%d SIGKILLs after %d completed rotations in all; %d landed during a write; read back: %d the last completed value, "+
		"%d the value under way; %d kills left orphan chunks, all removed by the next write; %d unreadable or mixed entries",
		kills, writesDone, midWrite, readOld, readNew, leftOrphans, failures)
}

// waitForFirstWrite waits until the child logged its first "b" line; false
// when the child exited first or took over a minute.
func waitForFirstWrite(path string, exited <-chan struct{}) bool {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
			return true
		}
		select {
		case <-exited:
			return false
		case <-time.After(5 * time.Millisecond):
		}
	}
	return false
}

// readRotationLog returns the last write begun and the last write done.
func readRotationLog(t *testing.T, path string) (begun, done int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		what, num, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.Atoi(num)
		if !ok || err != nil {
			t.Fatalf("bad log line %q", sc.Text())
		}
		switch what {
		case "b":
			begun = n
		case "d":
			done = n
		default:
			t.Fatalf("child reported: %s", sc.Text())
		}
	}
	return begun, done
}

// rotateUntilKilled is the child: it rotates the secret until killed.
func rotateUntilKilled(t *testing.T) {
	r, err := strconv.Atoi(os.Getenv(envKillRound))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(os.Getenv(envKillLog), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	s := New(os.Getenv(envKillService))
	for i := 1; i < 100_000; i++ {
		// Unbuffered writes: each line is in the file before the next step.
		fmt.Fprintf(f, "b %d\n", i)
		if err := s.Set(killKey, rotation(r, i)); err != nil {
			fmt.Fprintf(f, "error %d\n", i)
			t.Fatalf("write %d: %v", i, err)
		}
		fmt.Fprintf(f, "d %d\n", i)
	}
}
