package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tenantlens/backend/events"
	"tenantlens/backend/types"
)

// Format is an export file format.
type Format string

const (
	FormatXLSX Format = "xlsx"
	FormatCSV  Format = "csv"
	FormatHTML Format = "html"
)

// ExportRequest says what to export. Exactly one of VersionID, TenantID,
// ClientID, AllTenants and AllClients selects the data: a saved version
// (its frozen runs, prices, contacts and layout; a tenant's or a client's),
// a tenant's current sync with a template, a client's current data (every
// tenant of it, its contacts) with a template, one row per tenant, or one
// row per client.
type ExportRequest struct {
	VersionID  int64  `json:"versionId"`
	TenantID   string `json:"tenantId"`
	ClientID   int64  `json:"clientId"`
	AllTenants bool   `json:"allTenants"`
	AllClients bool   `json:"allClients"`
	Template   string `json:"template"` // template name for TenantID / ClientID; "" = default
	Format     Format `json:"format"`   // "" = from OutPath's extension, else xlsx
	OutPath    string `json:"outPath"`
	// Part limits a CSV export to one part; otherwise every enabled part is
	// written to "<out> - <part>.csv".
	Part types.PartKind `json:"part"`
	// InactiveDays is the Settings threshold the all-tenants and all-clients
	// workbooks use (<= 0: the default); a report uses its template's.
	InactiveDays int `json:"inactiveDays"`
	// CompareFrom (a date, YYYY-MM-DD) or CompareFromRunID (a tenant's
	// stored run) adds the What changed part to a tenant's or a client's
	// live export: the current data against that snapshot.
	CompareFrom      string `json:"compareFrom"`
	CompareFromRunID int64  `json:"compareFromRunId"`
}

// EmitProgress adapts an events emitter to Export's progress callback: it
// sends export:progress {done, total} (the bus throttles).
func EmitProgress(em events.Emitter) func(done, total int) {
	return func(done, total int) {
		em.Emit(events.ExportProgress, events.ExportProgressPayload{Done: done, Total: total})
	}
}

// ExportResult lists the files written.
type ExportResult struct {
	Files []string `json:"files"`
	Rows  int      `json:"rows"`
}

// Exporter writes exports for the UI (export:progress), the CLI and tests.
type Exporter struct {
	svc *Service
	now func() time.Time
}

// NewExporter returns an exporter over a report service.
func NewExporter(svc *Service) *Exporter { return &Exporter{svc: svc, now: time.Now} }

func formatOf(req ExportRequest) (Format, error) {
	f := Format(strings.ToLower(string(req.Format)))
	if f == "" {
		switch strings.ToLower(filepath.Ext(req.OutPath)) {
		case ".csv":
			f = FormatCSV
		case ".html", ".htm":
			f = FormatHTML
		default:
			f = FormatXLSX
		}
	}
	switch f {
	case FormatXLSX, FormatCSV, FormatHTML:
		return f, nil
	}
	return "", fmt.Errorf("unknown export format %q (xlsx, csv or html)", req.Format)
}

// Export writes the requested file(s). progress (may be nil) receives rows
// written so far out of the total. Files appear complete or not at all.
func (e *Exporter) Export(ctx context.Context, req ExportRequest, progress func(done, total int)) (ExportResult, error) {
	if req.OutPath == "" {
		return ExportResult{}, errors.New("export: no output file given")
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	format, err := formatOf(req)
	if err != nil {
		return ExportResult{}, err
	}
	var doc *Document
	switch {
	case req.AllTenants:
		doc, err = e.allTenantsDocument(ctx, req.InactiveDays)
	case req.AllClients:
		doc, err = e.allClientsDocument(ctx, req.InactiveDays)
	case req.VersionID != 0:
		doc, err = e.svc.Open(ctx, req.VersionID)
	case req.ClientID != 0:
		doc, err = e.svc.LiveClient(ctx, req.ClientID, req.Template)
	case req.TenantID != "":
		doc, err = e.svc.Live(ctx, req.TenantID, req.Template)
	default:
		err = errors.New("export: choose a report version, a tenant, a client, all tenants or all clients")
	}
	if err == nil && (req.CompareFrom != "" || req.CompareFromRunID != 0) {
		err = e.withLiveComparison(ctx, doc, req)
	}
	if err != nil {
		return ExportResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return ExportResult{}, err
	}
	res := ExportResult{}
	for _, t := range doc.Tables() {
		res.Rows += t.Len
	}
	switch format {
	case FormatXLSX:
		err = writeAtomic(req.OutPath, func(w io.Writer) error { return WriteWorkbook(w, doc, progress) })
		res.Files = []string{req.OutPath}
	case FormatHTML:
		err = writeAtomic(req.OutPath, func(w io.Writer) error { return WriteHTML(w, doc, progress) })
		res.Files = []string{req.OutPath}
	case FormatCSV:
		res.Files, err = writeCSVs(ctx, req, doc, progress)
	}
	if err != nil {
		return ExportResult{}, err
	}
	return res, nil
}

func writeCSVs(ctx context.Context, req ExportRequest, doc *Document, progress func(done, total int)) ([]string, error) {
	tables := doc.Tables()
	if req.Part != "" {
		var keep []Table
		for _, t := range tables {
			if t.Kind == req.Part {
				keep = append(keep, t)
			}
		}
		if len(keep) == 0 {
			return nil, fmt.Errorf("export: part %q is not in the report", req.Part)
		}
		tables = keep
	}
	total := 0
	for _, t := range tables {
		total += t.Len
	}
	var files []string
	done := 0
	for _, t := range tables {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		path := req.OutPath
		if len(tables) > 1 {
			path = csvFileName(req.OutPath, t.Label)
		}
		if err := writeAtomic(path, func(w io.Writer) error { return WriteCSV(w, t) }); err != nil {
			return files, err
		}
		files = append(files, path)
		done += t.Len
		progress(done, total)
	}
	return files, nil
}

// writeAtomic writes to a temporary file beside path and renames it into
// place, so a failed export never leaves a half-written file.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := write(tmp); err != nil {
		return fail(fmt.Errorf("export %s: %w", filepath.Base(path), err))
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
