package services

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"tenantlens/backend/contactcsv"
	"tenantlens/backend/derive"
	"tenantlens/backend/review"
	"tenantlens/backend/store"
	"tenantlens/backend/types"
)

// ImportPreview is what an import would do, before it does it: the file as
// read (preset, encoding, delimiter, columns, problems: duplicates, rows
// without email, bad values) and the exact outcome of committing it (a dry
// run of the same transaction).
type ImportPreview struct {
	File    contactcsv.Result   `json:"file"`
	Outcome types.ContactImport `json:"outcome"`
	// NoEmail counts contacts without a usable email: they are kept but
	// cannot match an account.
	NoEmail    int `json:"noEmail"`
	Duplicates int `json:"duplicates"`
}

// batchFromCSV turns a parsed file into a store batch.
func batchFromCSV(res contactcsv.Result, fileName string) store.ContactBatch {
	b := store.ContactBatch{Source: types.SourceCSV, FileName: filepath.Base(fileName), Preset: string(res.Preset),
		Encoding: res.Encoding, Rows: res.Rows}
	for _, c := range res.Contacts {
		ic := store.ImportContact{PSAID: c.PSAID, CompanyPSAID: c.CompanyID, Company: c.Company, FirstName: c.FirstName,
			LastName: c.LastName, DisplayName: c.DisplayName, Title: c.Title, Phone: c.Phone, Active: c.Active}
		for _, e := range c.Emails {
			ic.Emails = append(ic.Emails, e.Address)
		}
		b.Contacts = append(b.Contacts, ic)
	}
	return b
}

// ImportContactsCSV reads a PSA's contacts export and, unless dryRun,
// imports it: re-importing updates contacts in place (keyed by PSA id,
// else email), contacts missing from the file are marked inactive, clients
// are created for new companies. A file that cannot be read changes
// nothing; the error names the line, the reason and the remedy.
func (s *Services) ImportContactsCSV(ctx context.Context, data []byte, fileName string, opt contactcsv.Options, dryRun bool) (ImportPreview, error) {
	res, err := contactcsv.Parse(data, opt)
	if err != nil {
		return ImportPreview{}, err
	}
	p := ImportPreview{File: res}
	for _, pr := range res.Problems {
		switch pr.Kind {
		case contactcsv.ProblemNoEmail:
			p.NoEmail++
		case contactcsv.ProblemDuplicateEmail, contactcsv.ProblemDuplicateID:
			p.Duplicates++
		}
	}
	b := batchFromCSV(res, fileName)
	b.DryRun = dryRun
	if p.Outcome, err = s.Store.ImportContacts(ctx, b); err != nil {
		return p, err
	}
	return p, nil
}

// MapTenant puts a tenant under a client by hand.
func (s *Services) MapTenant(ctx context.Context, tenantID string, clientID int64) error {
	return s.Store.MapTenant(ctx, types.TenantMapping{TenantID: tenantID, ClientID: clientID, MappedBy: types.MappedByUser, Confidence: 1})
}

// AutoMapResult is one tenant `map --auto` considered.
type AutoMapResult struct {
	TenantID   string  `json:"tenantId"`
	TenantName string  `json:"tenantName"`
	Mapped     bool    `json:"mapped"`
	ClientID   int64   `json:"clientId"`
	ClientName string  `json:"clientName"`
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason"`
}

// AutoMap maps every unmapped tenant whose best suggestion reaches the
// threshold (<= 0: the default) and leads the runner-up by the margin;
// the rest are left for the user, with the reason.
func (s *Services) AutoMap(ctx context.Context, threshold float64) ([]AutoMapResult, error) {
	if threshold > 1 {
		return nil, errors.New("the minimum confidence is between 0 and 1 (for example 0.8)")
	}
	v, err := s.Review(nil).Mapping(ctx, threshold)
	if err != nil {
		return nil, err
	}
	var out []AutoMapResult
	for _, t := range v.Tenants {
		if t.ClientID != 0 {
			continue
		}
		r := AutoMapResult{TenantID: t.TenantID, TenantName: t.TenantName, Reason: t.AutoReason}
		if t.AutoMap && len(t.Suggestions) > 0 {
			best := t.Suggestions[0]
			err := s.Store.MapTenant(ctx, types.TenantMapping{TenantID: t.TenantID, ClientID: best.ClientID,
				MappedBy: types.MappedByAuto, Confidence: best.Score})
			if err != nil {
				return out, err
			}
			r.Mapped, r.ClientID, r.ClientName, r.Confidence = true, best.ClientID, best.ClientName, best.Score
		} else if len(t.Suggestions) > 0 {
			r.ClientID, r.ClientName, r.Confidence = t.Suggestions[0].ClientID, t.Suggestions[0].ClientName, t.Suggestions[0].Score
		}
		out = append(out, r)
	}
	return out, nil
}

// ClientNamed finds a client by name (case-insensitive) or by id.
func (s *Services) ClientNamed(ctx context.Context, name string) (types.Client, error) {
	c, err := s.Store.ClientByName(ctx, name)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return c, err
	}
	var id int64
	if _, scanErr := fmt.Sscan(name, &id); scanErr == nil && id > 0 {
		if c, err2 := s.Store.Client(ctx, id); err2 == nil {
			return c, nil
		}
	}
	return c, err
}

// MergeFromOf is a template's merge direction for the read model.
func MergeFromOf(t types.Template) review.MergeFrom {
	if t.MergeFrom == string(review.MergeFromContacts) {
		return review.MergeFromContacts
	}
	return review.MergeFromAccounts
}

// DefaultAutoMapThreshold is the auto-map minimum confidence.
const DefaultAutoMapThreshold = derive.DefaultAutoMapThreshold
