package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestTextProbeOffByDefault(t *testing.T) {
	t.Setenv(envTextProbe, "")
	t.Setenv(envTextProbeIDs, "overview:kpi-users-value")
	a := &App{}
	if got := a.TextProbe(); len(got) != 0 {
		t.Fatalf("probe off but targets %v", got)
	}
	if err := a.ReportText(ProbeText{TestID: "x", Text: "1"}); err == nil {
		t.Fatal("ReportText wrote with the probe off")
	}
}

func TestTextProbeListsTargetsAndAppendsLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "probe.jsonl")
	t.Setenv(envTextProbe, path)
	t.Setenv(envTextProbeIDs, " overview:kpi-users-value, settings:locale-preview ,bad,:x")
	a := &App{}
	got := a.TextProbe()
	want := []ProbeTarget{{"overview", "kpi-users-value"}, {"settings", "locale-preview"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("targets %v, want %v", got, want)
	}
	in := []ProbeText{{Page: "overview", TestID: "kpi-users-value", Text: "2,827", Value: "2827", Locale: "en-US"},
		{Page: "settings", TestID: "locale-preview", Text: "1,234.5"}}
	for _, p := range in {
		if err := a.ReportText(p); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []ProbeText
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p ProbeText
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	if len(out) != 2 || out[0] != in[0] || out[1] != in[1] {
		t.Fatalf("file holds %+v, want %+v", out, in)
	}
}
