package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"tenantlens/backend/report"
)

// runExport: tenantlens export (--tenant ID | --all | --client NAME |
// --all-clients) --out FILE [--template NAME] [--format xlsx|csv|html].
// Progress goes to stderr, the written files to stdout.
func runExport(ctx context.Context, env Env, args []string) int {
	fs := newFlags("export", env)
	tenant := fs.String("tenant", "", "export one tenant's current data (ID, domain or name)")
	all := fs.Bool("all", false, "export the all-tenants overview (one row per tenant)")
	client := fs.String("client", "", "export one client's current data over all its tenants (name)")
	allClients := fs.Bool("all-clients", false, "export the all-clients overview (one row per client)")
	out := fs.String("out", "", "output file")
	template := fs.String("template", "", "report template name (default: the default template, \"Quarterly review\")")
	format := fs.String("format", "", "xlsx, csv or html (default: from --out's extension, else xlsx)")
	if !parse(fs, env, args) {
		return 2
	}
	if n := btoi(*tenant != "") + btoi(*all) + btoi(*client != "") + btoi(*allClients); n != 1 {
		return usageError(env, "export", "give exactly one of --tenant ID, --all, --client NAME and --all-clients")
	}
	if strings.TrimSpace(*out) == "" {
		return usageError(env, "export", "give --out FILE")
	}
	f := strings.ToLower(strings.TrimSpace(*format))
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".csv":
			f = "csv"
		case ".html", ".htm":
			f = "html"
		default:
			f = "xlsx"
		}
	}
	switch f {
	case "xlsx", "csv", "html":
	default:
		return usageError(env, "export", fmt.Sprintf("unknown --format %q (xlsx, csv or html)", *format))
	}
	path, err := filepath.Abs(*out)
	if err != nil {
		return fail(env, "export", err)
	}

	printer := newProgressPrinter(env.Stderr, time.Second)
	s, code := open(ctx, env, "export", printer)
	if s == nil {
		return code
	}
	defer s.close()
	in := report.ExportRequest{AllTenants: *all, AllClients: *allClients, Template: *template, Format: report.Format(f), OutPath: path,
		InactiveDays: s.svc.Config().InactiveDays}
	if *tenant != "" {
		t, err := findTenant(ctx, s.svc, *tenant)
		if err != nil {
			return fail(env, "export", err)
		}
		in.TenantID = t.ID
	}
	if *client != "" {
		c, err := clientNamed(ctx, s, *client)
		if err != nil {
			return fail(env, "export", err)
		}
		in.ClientID = c.ID
	}
	res, err := s.svc.Exporter.Export(ctx, in, report.EmitProgress(s.svc.Bus))
	if err != nil {
		return fail(env, "export", err)
	}
	fmt.Fprintf(env.Stderr, "export: %d rows written\n", res.Rows)
	for _, file := range res.Files {
		fmt.Fprintln(env.Stdout, file)
	}
	return 0
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
