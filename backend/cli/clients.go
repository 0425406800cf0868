package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"tenantlens/backend/contactcsv"
	"tenantlens/backend/review"
	"tenantlens/backend/services"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// ---- import contacts ----

// mapFlag collects --map field=Header (repeatable) into a column mapping
// for the generic preset.
type mapFlag struct {
	m   contactcsv.Mapping
	set bool
}

// mapFields are the field names --map accepts, normalised (lower case,
// letters only), with where each goes.
var mapFields = map[string]func(m *contactcsv.Mapping, header string){
	"id":          func(m *contactcsv.Mapping, h string) { m.ID = h },
	"companyid":   func(m *contactcsv.Mapping, h string) { m.CompanyID = h },
	"company":     func(m *contactcsv.Mapping, h string) { m.Company = h },
	"firstname":   func(m *contactcsv.Mapping, h string) { m.FirstName = h },
	"lastname":    func(m *contactcsv.Mapping, h string) { m.LastName = h },
	"displayname": func(m *contactcsv.Mapping, h string) { m.DisplayName = h },
	"name":        func(m *contactcsv.Mapping, h string) { m.DisplayName = h },
	"title":       func(m *contactcsv.Mapping, h string) { m.Title = h },
	"email":       func(m *contactcsv.Mapping, h string) { m.Emails = append(m.Emails, h) },
	"phone":       func(m *contactcsv.Mapping, h string) { m.Phones = append(m.Phones, h) },
	"active":      func(m *contactcsv.Mapping, h string) { m.Active = h },
	"inactive":    func(m *contactcsv.Mapping, h string) { m.Inactive = h },
}

const mapFieldList = "id, companyId, company, firstName, lastName, displayName, title, email, phone, active, inactive"

func normField(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (f *mapFlag) String() string { return "" }

func (f *mapFlag) Set(v string) error {
	field, header, ok := strings.Cut(v, "=")
	header = strings.TrimSpace(header)
	if !ok || strings.TrimSpace(field) == "" || header == "" {
		return fmt.Errorf("want field=Header, for example email=\"E-mail\" (fields: %s)", mapFieldList)
	}
	put, known := mapFields[normField(field)]
	if !known {
		return fmt.Errorf("unknown field %q (fields: %s)", field, mapFieldList)
	}
	put(&f.m, header)
	f.set = true
	return nil
}

// importView is `import contacts --json`: the preview (file as read,
// problems, outcome) and whether it was a dry run.
type importView struct {
	DryRun bool `json:"dryRun"`
	services.ImportPreview
}

// runImport: tenantlens import contacts --file F [--preset P] [--map
// field=Header ...] [--dry-run] [--json]. A file that cannot be read
// changes nothing and exits 1 with the line, the reason and the remedy.
func runImport(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || args[0] != "contacts" {
		return usageError(env, "import", "say what to import: `tenantlens import contacts --file FILE`")
	}
	const name = "import contacts"
	fs := newFlags(name, env)
	file := fs.String("file", "", "the PSA's contacts export (CSV)")
	preset := fs.String("preset", "", "connectwise, autotask, halo or generic (default: detected from the header)")
	var mf mapFlag
	fs.Var(&mf, "map", "generic preset: field=Header, repeatable (fields: "+mapFieldList+")")
	dry := fs.Bool("dry-run", false, "show what the import would do and change nothing")
	asJSON := fs.Bool("json", false, "print the preview and outcome as JSON")
	if !parse(fs, env, args[1:]) {
		return 2
	}
	if strings.TrimSpace(*file) == "" {
		return usageError(env, name, "give --file FILE (a contacts export of ConnectWise PSA, Autotask, HaloPSA or any CSV)")
	}
	opt := contactcsv.Options{Preset: contactcsv.Preset(strings.ToLower(strings.TrimSpace(*preset)))}
	switch opt.Preset {
	case contactcsv.PresetAuto, contactcsv.PresetConnectWise, contactcsv.PresetAutotask, contactcsv.PresetHalo, contactcsv.PresetGeneric:
	default:
		return usageError(env, name, fmt.Sprintf("unknown --preset %q (connectwise, autotask, halo or generic)", *preset))
	}
	if mf.set {
		if opt.Preset != contactcsv.PresetAuto && opt.Preset != contactcsv.PresetGeneric {
			return usageError(env, name, "--map goes with --preset generic (the PSA presets know their columns)")
		}
		opt.Preset, opt.Mapping = contactcsv.PresetGeneric, &mf.m
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return fail(env, name, fmt.Errorf("cannot read the file: %w; check the path and that the file is readable", err))
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return code
	}
	defer s.close()
	p, err := s.svc.ImportContactsCSV(ctx, data, *file, opt, *dry)
	if err != nil {
		fmt.Fprintf(env.Stderr, "tenantlens %s: %v\nNothing was imported; the contacts stored before are unchanged.\n", name, err)
		return 1
	}
	if *asJSON {
		if p.File.Contacts == nil {
			p.File.Contacts = []contactcsv.Contact{}
		}
		if p.File.Problems == nil {
			p.File.Problems = []contactcsv.Problem{}
		}
		if err := writeJSON(env.Stdout, importView{DryRun: *dry, ImportPreview: p}); err != nil {
			return fail(env, name, err)
		}
		return 0
	}
	printImport(env.Stdout, *file, p, *dry)
	return 0
}

func delimiterName(d string) string {
	switch d {
	case "\t":
		return "tab"
	case ",":
		return "comma"
	case ";":
		return "semicolon"
	}
	return strconv.Quote(d)
}

func printImport(w io.Writer, file string, p services.ImportPreview, dry bool) {
	f := p.File
	how := "chosen"
	if f.Detected {
		how = "detected"
	}
	fmt.Fprintf(w, "File:      %s\n", file)
	fmt.Fprintf(w, "Preset:    %s (%s)\n", f.Preset, how)
	fmt.Fprintf(w, "Encoding:  %s, %s-delimited\n", f.Encoding, delimiterName(f.Delimiter))
	fmt.Fprintf(w, "Rows:      %d, %d contacts (%d without email, %d duplicates)\n", f.Rows, len(f.Contacts), p.NoEmail, p.Duplicates)
	if len(f.Columns) > 0 {
		cols := make([]string, 0, len(f.Columns))
		for _, c := range f.Columns {
			cols = append(cols, fmt.Sprintf("%s=%q", c.Field, c.Header))
		}
		fmt.Fprintf(w, "Columns:   %s\n", strings.Join(cols, ", "))
	}
	if len(f.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems (%d):\n", len(f.Problems))
		for _, pr := range f.Problems {
			fmt.Fprintf(w, "  line %d  %s: %s\n", pr.Line, pr.Kind, pr.Message)
		}
	}
	o := p.Outcome
	counts := fmt.Sprintf("%d added, %d updated, %d unchanged, %d deactivated; %d clients added",
		o.Added, o.Updated, o.Unchanged, o.Deactivated, o.ClientsAdded)
	if dry {
		fmt.Fprintf(w, "\nDry run, nothing was changed. Importing would give: %s.\n", counts)
		return
	}
	fmt.Fprintf(w, "\nImported: %s.\n", counts)
}

// ---- clients ----

// runClients: tenantlens clients [--json] lists the clients (review.ClientRow,
// the Clients page's builder); `clients add NAME`, `clients rename OLD NEW`
// and `clients merge --into A --from B` edit them by hand.
func runClients(ctx context.Context, env Env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runClientsAdd(ctx, env, args[1:])
		case "rename":
			return runClientsRename(ctx, env, args[1:])
		case "merge":
			return runClientsMerge(ctx, env, args[1:])
		}
	}
	fs := newFlags("clients", env)
	asJSON := fs.Bool("json", false, "print a JSON array of client rows")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		return usageError(env, "clients", fmt.Sprintf("unknown subcommand %q (add, rename or merge; none lists the clients)", fs.Arg(0)))
	}
	s, code := open(ctx, env, "clients", nil)
	if s == nil {
		return code
	}
	defer s.close()
	rows, err := s.rv.ClientRows(ctx, 0)
	if err != nil {
		return fail(env, "clients", err)
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, rows); err != nil {
			return fail(env, "clients", err)
		}
		return 0
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stdout, "No clients yet: `tenantlens import contacts --file FILE` or `tenantlens clients add NAME`.")
		return 0
	}
	printClients(env.Stdout, rows)
	return 0
}

// clientMFACell is a client's MFA coverage as the table shows it.
func clientMFACell(r review.ClientRow) string {
	switch {
	case r.Synced == 0:
		return "-"
	case !r.MFAAvailable:
		return "unavailable"
	}
	return strconv.FormatFloat(r.MFACoveragePct, 'f', 1, 64)
}

func printClients(w io.Writer, rows []review.ClientRow) {
	t := newTable(w, "CLIENT", "TENANTS", "CONTACTS", "USERS", "LICENSED", "MFA %", "UNUSED", "MONTHLY WASTE", "FINDINGS")
	for _, r := range rows {
		tenants := strconv.Itoa(r.Tenants)
		if r.Synced != r.Tenants {
			tenants = fmt.Sprintf("%d (%d synced)", r.Tenants, r.Synced)
		}
		waste := "-"
		if review.HasMoney(r.Currency) {
			waste = money(r.MonthlyWaste, true) + " " + r.Currency
		}
		t.row(r.Name, tenants, strconv.Itoa(r.Contacts), strconv.Itoa(r.Users), strconv.Itoa(r.Licensed), clientMFACell(r),
			strconv.Itoa(r.UnusedLicenses), waste, strconv.Itoa(r.Findings))
	}
	t.flush()
	unmapped := 0
	for _, r := range rows {
		if r.Tenants == 0 {
			unmapped++
		}
	}
	fmt.Fprintf(w, "\n%d clients", len(rows))
	if unmapped > 0 {
		fmt.Fprintf(w, ", %d without a tenant (`tenantlens map` suggests some)", unmapped)
	}
	fmt.Fprintln(w)
}

// positional parses flags (none but -h) and wants exactly n arguments.
func positional(env Env, name string, args []string, n int, want string) ([]string, int) {
	fs := newFlags(name, env)
	if err := fs.Parse(args); err != nil {
		return nil, 2
	}
	if fs.NArg() != n {
		return nil, usageError(env, name, "usage: tenantlens "+name+" "+want+" (quote names with spaces)")
	}
	return fs.Args(), 0
}

// clientNamed resolves a client by name (or id), with the remedy.
func clientNamed(ctx context.Context, s *session, name string) (types.Client, error) {
	c, err := s.svc.ClientNamed(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return c, fmt.Errorf("no client named %q: `tenantlens clients` lists them", strings.TrimSpace(name))
	}
	return c, err
}

func runClientsAdd(ctx context.Context, env Env, args []string) int {
	const name = "clients add"
	a, code := positional(env, name, args, 1, "NAME")
	if a == nil {
		return code
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return code
	}
	defer s.close()
	c, err := s.svc.Store.CreateClient(ctx, types.Client{Name: a[0], Source: types.SourceManual})
	if err != nil {
		return fail(env, name, err)
	}
	fmt.Fprintf(env.Stdout, "Added client %q (id %d). Map a tenant to it: tenantlens map --tenant ID --client %q\n", c.Name, c.ID, c.Name)
	return 0
}

func runClientsRename(ctx context.Context, env Env, args []string) int {
	const name = "clients rename"
	a, code := positional(env, name, args, 2, "OLD NEW")
	if a == nil {
		return code
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return code
	}
	defer s.close()
	c, err := clientNamed(ctx, s, a[0])
	if err != nil {
		return fail(env, name, err)
	}
	if err := s.svc.Store.RenameClient(ctx, c.ID, a[1]); err != nil {
		return fail(env, name, err)
	}
	fmt.Fprintf(env.Stdout, "Renamed client %q to %q.\n", c.Name, strings.Join(strings.Fields(a[1]), " "))
	return 0
}

func runClientsMerge(ctx context.Context, env Env, args []string) int {
	const name = "clients merge"
	fs := newFlags(name, env)
	into := fs.String("into", "", "the client that stays")
	from := fs.String("from", "", "the client merged into it (removed afterwards)")
	if !parse(fs, env, args) {
		return 2
	}
	if strings.TrimSpace(*into) == "" || strings.TrimSpace(*from) == "" {
		return usageError(env, name, "give --into NAME and --from NAME (the --from client's tenants, contacts and reports move to --into)")
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return code
	}
	defer s.close()
	a, err := clientNamed(ctx, s, *into)
	if err != nil {
		return fail(env, name, err)
	}
	b, err := clientNamed(ctx, s, *from)
	if err != nil {
		return fail(env, name, err)
	}
	if err := s.svc.Store.MergeClients(ctx, a.ID, b.ID); err != nil {
		return fail(env, name, err)
	}
	fmt.Fprintf(env.Stdout, "Merged client %q into %q: %d tenant(s) and its contacts and reports moved.\n", b.Name, a.Name, len(b.TenantIDs))
	return 0
}

// ---- map ----

// autoMapView is `map --auto --json`.
type autoMapView struct {
	DryRun    bool                     `json:"dryRun"`
	Threshold float64                  `json:"threshold"`
	Tenants   []services.AutoMapResult `json:"tenants"`
}

// runMap: tenantlens map — the mapping view; --tenant ID --client NAME maps
// by hand, --unmap --tenant ID unmaps, --auto [--min-confidence X]
// [--dry-run] maps every unmapped tenant whose best suggestion is sure
// enough and says why the others were left.
func runMap(ctx context.Context, env Env, args []string) int {
	fs := newFlags("map", env)
	tenant := fs.String("tenant", "", "the tenant (ID, domain or name)")
	client := fs.String("client", "", "the client to map it to (name)")
	unmap := fs.Bool("unmap", false, "remove --tenant's client")
	auto := fs.Bool("auto", false, "map every unmapped tenant whose best suggestion reaches --min-confidence")
	minConf := fs.Float64("min-confidence", 0, fmt.Sprintf("auto-map threshold between 0 and 1 (default %.2f)", services.DefaultAutoMapThreshold))
	dry := fs.Bool("dry-run", false, "with --auto: show what would be mapped and change nothing")
	asJSON := fs.Bool("json", false, "print JSON")
	if !parse(fs, env, args) {
		return 2
	}
	if *minConf < 0 || *minConf > 1 {
		return usageError(env, "map", fmt.Sprintf("--min-confidence %g is not between 0 and 1 (for example 0.8)", *minConf))
	}
	hasTenant, hasClient := strings.TrimSpace(*tenant) != "", strings.TrimSpace(*client) != ""
	switch {
	case *auto && (hasTenant || hasClient || *unmap):
		return usageError(env, "map", "--auto maps every unmapped tenant: give it without --tenant, --client or --unmap")
	case *unmap && (!hasTenant || hasClient):
		return usageError(env, "map", "give --unmap --tenant ID (without --client)")
	case !*auto && !*unmap && hasTenant != hasClient:
		return usageError(env, "map", "give both --tenant ID and --client NAME (or --auto, or --unmap --tenant ID)")
	case *dry && !*auto:
		return usageError(env, "map", "--dry-run goes with --auto")
	}
	s, code := open(ctx, env, "map", nil)
	if s == nil {
		return code
	}
	defer s.close()
	switch {
	case *auto:
		return mapAuto(ctx, env, s, *minConf, *dry, *asJSON)
	case *unmap:
		t, err := findTenant(ctx, s.svc, *tenant)
		if err != nil {
			return fail(env, "map", err)
		}
		if err := s.svc.Store.UnmapTenant(ctx, t.ID); err != nil {
			return fail(env, "map", err)
		}
		fmt.Fprintf(env.Stdout, "Unmapped %s (%s): it has no client now and still syncs.\n", t.DisplayName, t.ID)
		return 0
	case hasTenant:
		t, err := findTenant(ctx, s.svc, *tenant)
		if err != nil {
			return fail(env, "map", err)
		}
		c, err := clientNamed(ctx, s, *client)
		if err != nil {
			return fail(env, "map", err)
		}
		if err := s.svc.MapTenant(ctx, t.ID, c.ID); err != nil {
			return fail(env, "map", err)
		}
		fmt.Fprintf(env.Stdout, "Mapped %s (%s) to client %q.\n", t.DisplayName, t.ID, c.Name)
		return 0
	}
	v, err := s.rv.Mapping(ctx, *minConf)
	if err != nil {
		return fail(env, "map", err)
	}
	if *asJSON {
		if err := writeJSON(env.Stdout, v); err != nil {
			return fail(env, "map", err)
		}
		return 0
	}
	printMapping(env.Stdout, v)
	return 0
}

func mapAuto(ctx context.Context, env Env, s *session, threshold float64, dry, asJSON bool) int {
	v, err := s.rv.Mapping(ctx, threshold)
	if err != nil {
		return fail(env, "map", err)
	}
	out := autoMapView{DryRun: dry, Threshold: v.Threshold, Tenants: []services.AutoMapResult{}}
	if dry {
		for _, t := range v.Tenants {
			if t.ClientID != 0 {
				continue
			}
			r := services.AutoMapResult{TenantID: t.TenantID, TenantName: t.TenantName, Mapped: t.AutoMap, Reason: t.AutoReason}
			if len(t.Suggestions) > 0 {
				r.ClientID, r.ClientName, r.Confidence = t.Suggestions[0].ClientID, t.Suggestions[0].ClientName, t.Suggestions[0].Score
			}
			out.Tenants = append(out.Tenants, r)
		}
	} else {
		res, err := s.svc.AutoMap(ctx, threshold)
		if res != nil {
			out.Tenants = res
		}
		if err != nil {
			printAutoMap(env.Stdout, out)
			return fail(env, "map", err)
		}
	}
	if asJSON {
		if err := writeJSON(env.Stdout, out); err != nil {
			return fail(env, "map", err)
		}
		return 0
	}
	printAutoMap(env.Stdout, out)
	return 0
}

func printAutoMap(w io.Writer, v autoMapView) {
	if len(v.Tenants) == 0 {
		fmt.Fprintln(w, "Every tenant is mapped already.")
		return
	}
	verb := "mapped"
	if v.DryRun {
		verb = "would map"
	}
	n := 0
	for _, r := range v.Tenants {
		if r.Mapped {
			n++
			fmt.Fprintf(w, "%s: %s to %q (confidence %.2f)\n", r.TenantName, verb, r.ClientName, r.Confidence)
			continue
		}
		best := ""
		if r.ClientName != "" {
			best = fmt.Sprintf(" (best suggestion %q, %.2f)", r.ClientName, r.Confidence)
		}
		fmt.Fprintf(w, "%s: left unmapped: %s%s\n", r.TenantName, orDash(r.Reason), best)
	}
	tail := ""
	if v.DryRun {
		tail = "; dry run, nothing was changed"
	}
	fmt.Fprintf(w, "\n%d of %d unmapped tenants %s at confidence %.2f%s. Map the rest by hand: tenantlens map --tenant ID --client NAME\n",
		n, len(v.Tenants), verb, v.Threshold, tail)
}

func printMapping(w io.Writer, v review.MappingView) {
	fmt.Fprintf(w, "Total %d, mapped %d, unmapped %d (auto-map threshold %.2f)\n\n", v.Total, v.Mapped, v.Unmapped, v.Threshold)
	t := newTable(w, "TENANT", "DOMAIN", "CLIENT", "MAPPED BY", "CONFIDENCE", "SUGGESTIONS")
	for _, r := range v.Tenants {
		client, by, conf := "-", "-", "-"
		if r.ClientID != 0 {
			client, by, conf = r.ClientName, orDash(r.MappedBy), strconv.FormatFloat(r.Confidence, 'f', 2, 64)
		}
		var sugg []string
		for i, sg := range r.Suggestions {
			if i == 3 {
				break
			}
			sugg = append(sugg, fmt.Sprintf("%s %.2f", sg.ClientName, sg.Score))
		}
		t.row(r.TenantName, orDash(r.DefaultDomain), client, by, conf, orDash(strings.Join(sugg, "; ")))
	}
	t.flush()
	for _, r := range v.Tenants {
		if r.ClientID == 0 && r.AutoReason != "" {
			fmt.Fprintf(w, "%s: %s\n", r.TenantName, r.AutoReason)
		}
	}
}

// ---- contacts and findings ----

// clientData parses --client NAME [--json] (and --from when withFrom)
// and builds the client's figures with the read model.
func clientData(ctx context.Context, env Env, name string, args []string, withFrom bool) (*review.ClientData, bool, int) {
	fs := newFlags(name, env)
	client := fs.String("client", "", "the client (name)")
	asJSON := fs.Bool("json", false, "print JSON")
	from := "accounts"
	if withFrom {
		fs.StringVar(&from, "from", "accounts", "merge direction: accounts (Microsoft 365 first) or contacts (PSA contacts first)")
	}
	if !parse(fs, env, args) {
		return nil, false, 2
	}
	if strings.TrimSpace(*client) == "" {
		return nil, false, usageError(env, name, "give --client NAME (`tenantlens clients` lists them)")
	}
	dir := review.MergeFrom(strings.ToLower(strings.TrimSpace(from)))
	if dir != review.MergeFromAccounts && dir != review.MergeFromContacts {
		return nil, false, usageError(env, name, fmt.Sprintf("unknown --from %q (accounts or contacts)", from))
	}
	s, code := open(ctx, env, name, nil)
	if s == nil {
		return nil, false, code
	}
	defer s.close()
	c, err := clientNamed(ctx, s, *client)
	if err != nil {
		return nil, false, fail(env, name, err)
	}
	d, err := s.rv.ClientAt(ctx, c.ID, 0, dir)
	if err != nil {
		return nil, false, fail(env, name, err)
	}
	return d, *asJSON, 0
}

// runContacts: tenantlens contacts --client NAME [--json] [--from
// accounts|contacts] — one row per merged record (review.ContactRow).
func runContacts(ctx context.Context, env Env, args []string) int {
	d, asJSON, code := clientData(ctx, env, "contacts", args, true)
	if d == nil {
		return code
	}
	if asJSON {
		if err := writeJSON(env.Stdout, d.Rows); err != nil {
			return fail(env, "contacts", err)
		}
		return 0
	}
	printContacts(env.Stdout, d)
	return 0
}

func enabledCell(b *bool) string {
	if b == nil {
		return "-"
	}
	return yes(*b)
}

func printContacts(w io.Writer, d *review.ClientData) {
	t := newTable(w, "MATCH", "EMAIL", "CONTACT", "USER PRINCIPAL NAME", "TENANT", "LICENSES", "MFA", "ENABLED", "NOTE")
	counts := map[string]int{}
	for _, r := range d.Rows {
		counts[r.Match]++
		var note []string
		if r.Deleted {
			note = append(note, "deleted")
		}
		if r.ContactActive != nil && !*r.ContactActive {
			note = append(note, "inactive contact")
		}
		note = append(note, r.Conflicts...)
		t.row(r.Match, orDash(r.Email), orDash(r.ContactName), orDash(r.UserPrincipalName), orDash(r.TenantName),
			orDash(r.Licenses), orDash(r.MFAStatus), enabledCell(r.AccountEnabled), orDash(strings.Join(note, ", ")))
	}
	t.flush()
	fmt.Fprintf(w, "\n%s: %d rows — %d matched, %d contacts without account, %d accounts without contact\n",
		d.Client.Name, len(d.Rows), counts["matched"], counts["contact_only"], counts["account_only"])
	for _, n := range d.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// findingRow is one reconciliation finding as `findings --json` prints it.
type findingRow struct {
	Kind       string `json:"kind"`
	Sentence   string `json:"sentence"`
	TenantID   string `json:"tenantId"`
	TenantName string `json:"tenantName"`
	ContactID  string `json:"contactId"`
	AccountID  string `json:"accountId"`
}

// runFindings: tenantlens findings --client NAME [--json] — the client's
// reconciliation findings (licensed accounts with no contact, contacts
// whose account is disabled, deleted or unlicensed, contacts with no
// account).
func runFindings(ctx context.Context, env Env, args []string) int {
	d, asJSON, code := clientData(ctx, env, "findings", args, false)
	if d == nil {
		return code
	}
	names := map[string]string{}
	for _, c := range d.Tenants {
		names[c.Tenant.ID] = c.Tenant.DisplayName
	}
	rows := make([]findingRow, 0, len(d.Findings))
	for _, f := range d.Findings {
		rows = append(rows, findingRow{Kind: string(f.Kind), Sentence: f.Sentence, TenantID: f.TenantID, TenantName: names[f.TenantID],
			ContactID: f.ContactID, AccountID: f.AccountID})
	}
	if asJSON {
		if err := writeJSON(env.Stdout, rows); err != nil {
			return fail(env, "findings", err)
		}
		return 0
	}
	if len(rows) == 0 {
		fmt.Fprintf(env.Stdout, "%s: no findings.\n", d.Client.Name)
		return 0
	}
	t := newTable(env.Stdout, "FINDING", "TENANT", "DETAIL")
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
		t.row(r.Kind, orDash(r.TenantName), r.Sentence)
	}
	t.flush()
	ks := make([]string, 0, len(kinds))
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for i, k := range ks {
		ks[i] = fmt.Sprintf("%d %s", kinds[k], k)
	}
	fmt.Fprintf(env.Stdout, "\n%s: %d findings (%s)\n", d.Client.Name, len(rows), strings.Join(ks, ", "))
	return 0
}
