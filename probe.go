package main

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
)

// The text probe lets the end-to-end suite read what the real window
// rendered: WebKitGTK cannot be driven like Chromium, so when
// TENANTLENS_TEXT_PROBE names a file, the frontend visits the pages listed
// in TENANTLENS_TEXT_PROBE_IDS ("page:testid,page:testid"), reads each
// element's rendered text (innerText) and hands it to ReportText, which
// appends it to that file as one JSON line. Without the variable both
// methods do nothing.
const (
	envTextProbe    = "TENANTLENS_TEXT_PROBE"
	envTextProbeIDs = "TENANTLENS_TEXT_PROBE_IDS"
)

// ProbeTarget is one element to read: data-testid TestID on page Page.
type ProbeTarget struct {
	Page   string `json:"page"`
	TestID string `json:"testId"`
}

// ProbeText is what the window rendered for one target.
type ProbeText struct {
	Page   string `json:"page"`
	TestID string `json:"testId"`
	// Text is the element's innerText as the web view laid it out.
	Text string `json:"text"`
	// Value is the element's data-value (the raw figure from Go), if any.
	Value string `json:"value"`
	// Locale is the tag the frontend formatted with.
	Locale string `json:"locale"`
	// Engine is the web view's user agent.
	Engine string `json:"engine"`
}

var probeMu sync.Mutex

// TextProbe lists the elements the frontend should report (none normally).
func (a *App) TextProbe() []ProbeTarget {
	if os.Getenv(envTextProbe) == "" {
		return []ProbeTarget{}
	}
	out := []ProbeTarget{}
	for _, item := range strings.Split(os.Getenv(envTextProbeIDs), ",") {
		page, id, ok := strings.Cut(strings.TrimSpace(item), ":")
		if ok && page != "" && id != "" {
			out = append(out, ProbeTarget{Page: page, TestID: id})
		}
	}
	return out
}

// ReportText appends one rendered text to the probe file.
func (a *App) ReportText(t ProbeText) error {
	path := os.Getenv(envTextProbe)
	if path == "" {
		return errors.New("the text probe is off (set " + envTextProbe + " to a file to turn it on)")
	}
	line, err := json.Marshal(t)
	if err != nil {
		return err
	}
	probeMu.Lock()
	defer probeMu.Unlock()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
