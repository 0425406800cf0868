package fault

import (
	"errors"
	"fmt"
	"testing"
)

type classed struct{ c Class }

func (e classed) Error() string     { return string(e.c) }
func (e classed) FaultClass() Class { return e.c }

func TestOfFindsTheClassThroughWrapping(t *testing.T) {
	err := fmt.Errorf("syncing: %w", fmt.Errorf("refresh: %w", classed{Reconnect}))
	if c, ok := Of(err); !ok || c != Reconnect {
		t.Fatalf("Of = %q, %v; want reauth, true", c, ok)
	}
	if _, ok := Of(errors.New("plain")); ok {
		t.Fatal("a plain error has no class")
	}
	if _, ok := Of(nil); ok {
		t.Fatal("nil has no class")
	}
}

func TestEveryClassHasItsOwnRemedy(t *testing.T) {
	seen := map[string]Class{}
	for _, c := range []Class{Retry, Reconnect, Consent, Permission, License, Malformed, Cancelled} {
		r := Remedy(c)
		if r == "" {
			t.Fatalf("%s: no remedy", c)
		}
		if prev, dup := seen[r]; dup {
			t.Fatalf("%s and %s share a remedy", c, prev)
		}
		seen[r] = c
	}
}
