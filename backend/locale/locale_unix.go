//go:build !windows

package locale

import "os"

func system() string { return FromEnv(os.Getenv) }
