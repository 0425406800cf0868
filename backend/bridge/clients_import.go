package bridge

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"tenantlens/backend/contactcsv"
	"tenantlens/backend/report"
	"tenantlens/backend/services"
)

// ImportInput is a contacts file and how to read it. Exactly one of Path (a
// file chosen with ChooseFile) and Content (the file's bytes, base64, from
// a file picked in the page) is set.
type ImportInput struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	FileName string `json:"fileName"`
	// Preset is connectwise, autotask, halo or generic ("" detects it).
	Preset string `json:"preset"`
	// Mapping is the generic preset's columns (nil: its own aliases).
	Mapping *contactcsv.Mapping `json:"mapping"`
}

// ImportProblem is a row the preview flags (kept unless it says skipped).
type ImportProblem struct {
	Kind    string `json:"kind"`
	Line    int    `json:"line"`
	Lines   []int  `json:"lines"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// ImportFailure is why a file was rejected as a whole: nothing is imported.
type ImportFailure struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	Remedy string `json:"remedy"`
}

// ImportSample is one contact as read, for the preview.
type ImportSample struct {
	Line    int      `json:"line"`
	Company string   `json:"company"`
	Name    string   `json:"name"`
	Emails  []string `json:"emails"`
	Active  bool     `json:"active"`
}

// ImportView is a preview (nothing stored) or a committed import.
type ImportView struct {
	FileName string `json:"fileName"`
	// Headers are the file's header columns (for the generic mapping step),
	// also when the file was rejected, if its header could be read.
	Headers   []string            `json:"headers"`
	Preset    string              `json:"preset"`
	Detected  bool                `json:"detected"`
	Encoding  string              `json:"encoding"`
	Delimiter string              `json:"delimiter"`
	Columns   []contactcsv.Column `json:"columns"`
	Rows      int                 `json:"rows"`
	Contacts  int                 `json:"contacts"`
	Problems  []ImportProblem     `json:"problems"`
	NoEmail   int                 `json:"noEmail"`
	// Duplicates counts duplicate emails and PSA ids.
	Duplicates int `json:"duplicates"`
	// The outcome (a dry run of the same transaction for a preview).
	Added        int            `json:"added"`
	Updated      int            `json:"updated"`
	Unchanged    int            `json:"unchanged"`
	Deactivated  int            `json:"deactivated"`
	ClientsAdded int            `json:"clientsAdded"`
	Sample       []ImportSample `json:"sample"`
	Committed    bool           `json:"committed"`
	// Failure is set when the file was rejected: nothing was imported.
	Failure *ImportFailure `json:"failure"`
}

// importSample is how many contacts the preview lists.
const importSample = 50

// readImport returns the file's bytes and name.
func readImport(in ImportInput) ([]byte, string, error) {
	name := in.FileName
	switch {
	case in.Path != "" && in.Content != "":
		return nil, "", errors.New("give either a file path or its content, not both")
	case in.Path != "":
		st, err := os.Stat(in.Path)
		if err != nil {
			return nil, "", fmt.Errorf("cannot open %s: check that the file still exists and choose it again", in.Path)
		}
		if st.Size() > contactcsv.MaxFileSize {
			return nil, "", fmt.Errorf("the file is larger than %d MiB: split the export into smaller files", contactcsv.MaxFileSize>>20)
		}
		data, err := os.ReadFile(in.Path)
		if err != nil {
			return nil, "", fmt.Errorf("cannot read %s (%v): check its permissions and choose it again", in.Path, err)
		}
		if name == "" {
			name = filepath.Base(in.Path)
		}
		return data, name, nil
	case in.Content != "":
		if base64.StdEncoding.DecodedLen(len(in.Content)) > contactcsv.MaxFileSize+3 {
			return nil, "", fmt.Errorf("the file is larger than %d MiB: split the export into smaller files", contactcsv.MaxFileSize>>20)
		}
		data, err := base64.StdEncoding.DecodeString(in.Content)
		if err != nil {
			return nil, "", errors.New("the file did not arrive intact: choose it again")
		}
		if name == "" {
			name = "contacts.csv"
		}
		return data, name, nil
	}
	return nil, "", errors.New("choose a contacts CSV file first")
}

func presetOf(p string) (contactcsv.Preset, error) {
	switch pr := contactcsv.Preset(strings.ToLower(strings.TrimSpace(p))); pr {
	case contactcsv.PresetAuto, contactcsv.PresetConnectWise, contactcsv.PresetAutotask, contactcsv.PresetHalo, contactcsv.PresetGeneric:
		return pr, nil
	}
	return "", fmt.Errorf("unknown preset %q: choose ConnectWise PSA, Autotask, HaloPSA or Generic, or leave it to detect", p)
}

// PreviewImport reads a contacts file and shows what importing it would do
// (a dry run of the same transaction): nothing is stored.
func (c *Clients) PreviewImport(in ImportInput) (ImportView, error) { return c.runImport(in, true) }

// CommitImport imports a contacts file: re-importing updates contacts in
// place, contacts missing from the file are marked inactive, new companies
// become clients. A file that cannot be read changes nothing.
func (c *Clients) CommitImport(in ImportInput) (ImportView, error) { return c.runImport(in, false) }

func (c *Clients) runImport(in ImportInput, dryRun bool) (ImportView, error) {
	svc, err := c.svc()
	if err != nil {
		return ImportView{}, err
	}
	data, name, err := readImport(in)
	if err != nil {
		return ImportView{}, err
	}
	preset, err := presetOf(in.Preset)
	if err != nil {
		return ImportView{}, err
	}
	v := ImportView{FileName: name, Headers: []string{}, Columns: []contactcsv.Column{}, Problems: []ImportProblem{}, Sample: []ImportSample{}}
	if h, err := contactcsv.Header(data); err == nil {
		v.Headers, v.Encoding, v.Delimiter = h.Columns, h.Encoding, h.Delimiter
	}
	opt := contactcsv.Options{Preset: preset}
	if preset == contactcsv.PresetGeneric || preset == contactcsv.PresetAuto {
		opt.Mapping = in.Mapping
	}
	p, err := svc.ImportContactsCSV(c.context(), data, name, opt, dryRun)
	var fe *contactcsv.Error
	if errors.As(err, &fe) {
		v.Failure = &ImportFailure{Line: fe.Line, Reason: fe.Reason, Remedy: fe.Remedy}
		return v, nil
	}
	if err != nil {
		return v, fmt.Errorf("%w — nothing was imported; try again, and if it persists run `tenantlens doctor`", err)
	}
	f := p.File
	v.Preset, v.Detected, v.Encoding, v.Delimiter = string(f.Preset), f.Detected, f.Encoding, f.Delimiter
	if f.Columns != nil {
		v.Columns = f.Columns
	}
	v.Rows, v.Contacts, v.NoEmail, v.Duplicates = f.Rows, len(f.Contacts), p.NoEmail, p.Duplicates
	for _, pr := range f.Problems {
		lines := pr.Lines
		if lines == nil {
			lines = []int{}
		}
		v.Problems = append(v.Problems, ImportProblem{Kind: string(pr.Kind), Line: pr.Line, Lines: lines, Value: pr.Value, Message: pr.Message})
	}
	o := p.Outcome
	v.Added, v.Updated, v.Unchanged, v.Deactivated, v.ClientsAdded = o.Added, o.Updated, o.Unchanged, o.Deactivated, o.ClientsAdded
	for i, ct := range f.Contacts {
		if i == importSample {
			break
		}
		s := ImportSample{Line: ct.Line, Company: ct.Company, Active: ct.Active, Emails: []string{}}
		s.Name = strings.TrimSpace(ct.DisplayName)
		if s.Name == "" {
			s.Name = strings.TrimSpace(ct.FirstName + " " + ct.LastName)
		}
		for _, e := range ct.Emails {
			s.Emails = append(s.Emails, e.Address)
		}
		v.Sample = append(v.Sample, s)
	}
	v.Committed = !dryRun
	return v, nil
}

// ChooseFile asks for a contacts CSV file ("" when cancelled).
func (c *Clients) ChooseFile() (string, error) {
	if c.openDialog == nil {
		return "", errors.New("this window cannot open a file dialog: drop the file on the import wizard or pick it there")
	}
	return c.openDialog("Import contacts", "Contacts export (*.csv, *.txt)", "*.csv;*.txt")
}

// ExportWorkbook writes a client's workbook (all its tenants, totals and a
// per-tenant breakdown, its contacts); progress arrives as export:progress
// events. Without OutPath a save dialog asks where.
func (c *Clients) ExportWorkbook(in ClientExportInput) (ExportOutcome, error) {
	svc, err := c.svc()
	if err != nil {
		return ExportOutcome{}, err
	}
	if in.ClientID <= 0 {
		return ExportOutcome{}, errors.New("pick a client to export")
	}
	format := in.Format
	if format == "" {
		format = "xlsx"
	}
	if _, err := svc.Store.Client(c.context(), in.ClientID); err != nil {
		return ExportOutcome{}, clientErr(err, in.ClientID)
	}
	if in.OutPath == "" {
		if c.saveDialog == nil {
			return ExportOutcome{}, errors.New("choose where to save the export")
		}
		p, err := c.saveDialog(clientFileName(c.context(), svc, in.ClientID, format), "Export client workbook")
		if err != nil {
			return ExportOutcome{}, err
		}
		if p == "" {
			return ExportOutcome{Cancelled: true, Files: []string{}}, nil
		}
		in.OutPath = p
	}
	return exportClient(c, svc, in, format)
}

// exportClient runs the report package's client export (totals plus a
// per-tenant breakdown, Contacts, Findings; the default template unless
// Template names one).
func exportClient(c *Clients, svc *services.Services, in ClientExportInput, format string) (ExportOutcome, error) {
	res, err := svc.Exporter.Export(c.context(), report.ExportRequest{ClientID: in.ClientID, Template: in.Template,
		Format: report.Format(format), OutPath: in.OutPath, InactiveDays: svc.Config().InactiveDays},
		report.EmitProgress(svc.Bus))
	if err != nil {
		return ExportOutcome{}, err
	}
	return ExportOutcome{Files: nonNil(res.Files), Rows: res.Rows}, nil
}
