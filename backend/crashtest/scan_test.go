package crashtest

import (
	"archive/zip"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// leakScanner searches text for secrets (tokens and codes graphsim issued)
// and for distinctive pieces of them. A hit names where it was found and a
// masked prefix, never the secret.
type leakScanner struct {
	probes []probe
	files  int // files (and zip members, SQLite dumps) scanned
	bytes  int64
	hits   []string
}

type probe struct {
	text   []byte
	secret int    // index of the secret it comes from
	masked string // safe to print
	what   string // "whole", "middle 24", "last 24"
}

// newLeakScanner builds the probes: each secret whole, plus its middle and
// last 24 characters (a JWT's header is the same in every token, so its
// start is not distinctive; the middle and the signature are). Codes
// shorter than 48 characters are probed whole and by their last 16.
func newLeakScanner(secrets []string) *leakScanner {
	ls := &leakScanner{}
	for i, s := range secrets {
		masked := fmt.Sprintf("secret #%d (%.6s…, %d chars)", i, s, len(s))
		ls.probes = append(ls.probes, probe{text: []byte(s), secret: i, masked: masked, what: "whole"})
		n := 24
		if len(s) < 48 {
			n = 16
		}
		if len(s) >= 2*n {
			mid := len(s)/2 - n/2
			ls.probes = append(ls.probes,
				probe{text: []byte(s[mid : mid+n]), secret: i, masked: masked, what: fmt.Sprintf("middle %d", n)},
				probe{text: []byte(s[len(s)-n:]), secret: i, masked: masked, what: fmt.Sprintf("last %d", n)})
		}
	}
	return ls
}

// scanBytes looks for every probe in b (where names it).
func (ls *leakScanner) scanBytes(where string, b []byte) {
	ls.files++
	ls.bytes += int64(len(b))
	seen := map[int]bool{}
	for _, p := range ls.probes {
		if seen[p.secret] || !bytes.Contains(b, p.text) {
			continue
		}
		seen[p.secret] = true
		ls.hits = append(ls.hits, fmt.Sprintf("%s contains %s (matched: %s)", where, p.masked, p.what))
	}
}

// scanTree scans every regular file under root; zip files (xlsx) are also
// scanned member by member, decompressed; SQLite databases are also dumped
// row by row (long values span overflow pages in the raw file).
func (ls *leakScanner) scanTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ls.scanBytes(p, b)
		switch {
		case bytes.HasPrefix(b, []byte("PK\x03\x04")):
			return ls.scanZip(p, b)
		case bytes.HasPrefix(b, []byte("SQLite format 3\x00")):
			return ls.scanSQLite(p)
		}
		return nil
	})
}

func (ls *leakScanner) scanZip(where string, b []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return fmt.Errorf("%s looks like a zip but does not open: %w", where, err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s!%s: %w", where, f.Name, err)
		}
		m, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s!%s: %w", where, f.Name, err)
		}
		ls.scanBytes(where+"!"+f.Name, m)
	}
	return nil
}

// scanSQLite copies the database with its WAL to a scratch folder (the
// original is not touched) and scans every value of every table.
func (ls *leakScanner) scanSQLite(path string) error {
	scratch, err := os.MkdirTemp("", "leakscan-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	cp := filepath.Join(scratch, "db")
	for _, suf := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suf)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(cp+suf, b, 0o600); err != nil {
			return err
		}
	}
	db, err := sql.Open("sqlite", "file:"+cp)
	if err != nil {
		return err
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return fmt.Errorf("%s: listing tables: %w", path, err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, n)
	}
	rows.Close()
	var dump bytes.Buffer
	for _, tb := range tables {
		r, err := db.Query(`SELECT * FROM "` + strings.ReplaceAll(tb, `"`, `""`) + `"`)
		if err != nil {
			return fmt.Errorf("%s: reading %s: %w", path, tb, err)
		}
		cols, _ := r.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for r.Next() {
			if err := r.Scan(ptrs...); err != nil {
				r.Close()
				return err
			}
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					dump.WriteString(x)
				case []byte:
					dump.Write(x)
				}
				dump.WriteByte(0)
			}
		}
		r.Close()
	}
	ls.scanBytes(path+" (every row of "+fmt.Sprint(len(tables))+" tables)", dump.Bytes())
	return nil
}
