package contactcsv

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseContactsCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("email,name\n\"a@b.example\",\"x\"\"y\nz\"\n"), uint8(4))
	presets := []Preset{PresetAuto, PresetConnectWise, PresetAutotask, PresetHalo, PresetGeneric}
	f.Fuzz(func(t *testing.T, data []byte, p uint8) {
		opt := Options{Preset: presets[int(p)%len(presets)]}
		if p >= 200 {
			opt.Mapping = &Mapping{DisplayName: "name", Emails: []string{"email"}}
		}
		res, err := Parse(data, opt)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Remedy == "" {
				t.Fatalf("error without line or remedy: %v", err)
			}
			if strings.Contains(e.Reason, "internal error") {
				t.Fatalf("recovered panic: %v", err)
			}
			return
		}
		text, _, derr := decode(data)
		if derr != nil {
			t.Fatalf("accepted a file decode rejects: %v", derr)
		}
		lines := strings.Count(text, "\n") + 1
		if len(res.Contacts) == 0 {
			t.Fatal("accepted a file without contacts")
		}
		for _, c := range res.Contacts {
			if c.Line < 2 || c.Line > lines {
				t.Fatalf("contact line %d outside the file's %d lines", c.Line, lines)
			}
			if c.DisplayName == "" && c.FirstName == "" && c.LastName == "" && len(c.Emails) == 0 {
				t.Fatalf("contact on line %d has neither a name nor an email", c.Line)
			}
			for _, e := range c.Emails {
				if e.Key != strings.ToLower(e.Address) || !validEmail(e.Address) {
					t.Fatalf("bad email %+v", e)
				}
			}
		}
		for _, pr := range res.Problems {
			if pr.Line < 1 || pr.Line > lines {
				t.Fatalf("problem line %d outside the file's %d lines", pr.Line, lines)
			}
		}
	})
}
