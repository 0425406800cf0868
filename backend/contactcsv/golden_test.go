package contactcsv

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the parser's output")

type goldenCase struct {
	file     string
	opt      Options
	preset   Preset
	detected bool
	encoding string
	delim    string
}

var goldenCases = []goldenCase{
	{file: "connectwise_contacts_bom.csv", preset: PresetConnectWise, detected: true, encoding: "utf-8-bom", delim: ","},
	{file: "autotask_contacts_1252.csv", preset: PresetAutotask, detected: true, encoding: "windows-1252", delim: ","},
	{file: "autotask_contacts_semicolon.csv", opt: Options{Preset: PresetAutotask}, preset: PresetAutotask, encoding: "utf-8", delim: ";"},
	{file: "halo_users_utf16le.csv", preset: PresetHalo, detected: true, encoding: "utf-16le", delim: "\t"},
	{file: "halo_users_utf16be.csv", opt: Options{Preset: PresetHalo}, preset: PresetHalo, encoding: "utf-16be", delim: ","},
	{file: "generic_auto.csv", preset: PresetGeneric, detected: true, encoding: "utf-8", delim: ","},
	{file: "generic_mapping.csv", opt: Options{Mapping: &Mapping{
		ID: "Ref", Company: "Kunde", FirstName: "Vorname", LastName: "Nachname",
		Emails: []string{"E-Mail", "e-mail privat"}, Phones: []string{"Mobil"}, Inactive: "Gesperrt",
	}}, preset: PresetGeneric, encoding: "utf-8", delim: ";"},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Parse(data, tc.opt)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if res.Preset != tc.preset || res.Detected != tc.detected || res.Encoding != tc.encoding || res.Delimiter != tc.delim {
				t.Errorf("preset/detected/encoding/delimiter = %q/%v/%q/%q, want %q/%v/%q/%q",
					res.Preset, res.Detected, res.Encoding, res.Delimiter, tc.preset, tc.detected, tc.encoding, tc.delim)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", strings.TrimSuffix(tc.file, ".csv")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s (go test -run TestGolden -update rewrites it after review):\n%s", golden, got)
			}
		})
	}
}
