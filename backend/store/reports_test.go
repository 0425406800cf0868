package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"tenantlens/backend/types"
)

func sampleParts() []types.PartSettings {
	return []types.PartSettings{
		{Kind: types.PartSummary, Label: "Summary", Enabled: true, Columns: []types.ColumnSetting{{Key: "users", Visible: true}}},
		{Kind: types.PartUsers, Label: "Users", Enabled: true, Columns: []types.ColumnSetting{
			{Key: "upn", Label: "Login", Visible: true}, {Key: "displayName", Visible: true}, {Key: "mail", Visible: false},
		}},
		{Kind: types.PartReclaim, Label: "Reclaim", Enabled: false, Columns: []types.ColumnSetting{}},
	}
}

func TestTemplatesRoundTripAndDefault(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a, err := s.CreateTemplate(ctx, types.Template{Name: "Quarterly review", IsDefault: true, Parts: sampleParts()})
	if err != nil {
		t.Fatal(err)
	}
	if a.InactiveDays != 0 {
		t.Errorf("a template without a threshold stores %d, want 0 (follows Settings)", a.InactiveDays)
	}
	got, err := s.Template(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Parts, sampleParts()) {
		t.Errorf("parts round trip:\n got %+v\nwant %+v", got.Parts, sampleParts())
	}
	if _, err := s.CreateTemplate(ctx, types.Template{Name: "quarterly REVIEW"}); err == nil {
		t.Error("a second template with the same name (other case) was accepted")
	}
	b, err := s.CreateTemplate(ctx, types.Template{Name: "Short", IsDefault: true, InactiveDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	def, err := s.DefaultTemplate(ctx)
	if err != nil || def.ID != b.ID {
		t.Fatalf("default = %+v, %v; want the newest default", def, err)
	}
	byName, err := s.TemplateByName(ctx, "QUARTERLY review")
	if err != nil || byName.ID != a.ID || byName.IsDefault {
		t.Fatalf("TemplateByName = %+v, %v", byName, err)
	}
	byName.Parts = byName.Parts[:1]
	byName.Name = "QBR"
	if err := s.UpdateTemplate(ctx, byName); err != nil {
		t.Fatal(err)
	}
	all, err := s.Templates(ctx)
	if err != nil || len(all) != 2 || all[0].Name != "QBR" || len(all[0].Parts) != 1 {
		t.Fatalf("Templates = %+v, %v", all, err)
	}
	if err := s.DeleteTemplate(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Template(ctx, a.ID); !errors.Is(err, ErrTemplateNotFound) {
		t.Errorf("deleted template: %v", err)
	}
	if err := s.UpdateTemplate(ctx, types.Template{ID: a.ID, Name: "gone"}); !errors.Is(err, ErrTemplateNotFound) {
		t.Errorf("update of a deleted template: %v", err)
	}
}

func TestVersionsFreezeRunsAndApplyToDrafts(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	runs := seedTenantRuns(t, s, "t1", 3)
	tpl, err := s.CreateTemplate(ctx, types.Template{Name: "QBR", Parts: sampleParts()})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.CreateReport(ctx, types.Report{TenantID: "t1", Name: "Q1", TemplateID: tpl.ID})
	if err != nil {
		t.Fatal(err)
	}
	skus := []types.VersionSKU{{SkuID: "A-1", PartNumber: "SPB", Name: "Business Premium", Priced: true, UnitPrice: 22, Currency: "EUR", Billing: types.BillingMonthly}}
	v1, err := s.CreateVersion(ctx, types.ReportVersion{ReportID: rep.ID, RunIDs: []int64{runs[0]}, Parts: sampleParts(), SKUs: skus})
	if err != nil {
		t.Fatal(err)
	}
	if v1.Number != 1 || v1.Status != types.VersionDraft {
		t.Fatalf("v1 = %+v", v1)
	}
	if err := s.FinalizeVersion(ctx, v1.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.FinalizeVersion(ctx, v1.ID); !errors.Is(err, ErrVersionFinal) {
		t.Errorf("finalising twice: %v", err)
	}
	if err := s.UpdateDraft(ctx, types.ReportVersion{ID: v1.ID, RunIDs: []int64{runs[2]}}); !errors.Is(err, ErrVersionFinal) {
		t.Errorf("UpdateDraft on a final: %v", err)
	}
	v2, err := s.CreateVersion(ctx, types.ReportVersion{ReportID: rep.ID, RunIDs: []int64{runs[1]}, Parts: sampleParts()})
	if err != nil || v2.Number != 2 {
		t.Fatalf("v2 = %+v, %v", v2, err)
	}
	if err := s.UpdateDraft(ctx, types.ReportVersion{ID: v2.ID, RunIDs: []int64{runs[2]}, Parts: sampleParts(), InactiveDays: 60}); err != nil {
		t.Fatal(err)
	}

	newUsers := types.PartSettings{Kind: types.PartUsers, Label: "People", Enabled: true, Columns: []types.ColumnSetting{{Key: "displayName", Label: "Name", Visible: true}}}
	n, err := s.ApplyPartToDrafts(ctx, tpl.ID, newUsers)
	if err != nil || n != 1 {
		t.Fatalf("ApplyPartToDrafts = %d, %v; want 1 draft", n, err)
	}

	got1, err := s.Version(ctx, v1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got1.Status != types.VersionFinal || got1.FinalizedAt == nil || !reflect.DeepEqual(got1.RunIDs, []int64{runs[0]}) {
		t.Errorf("final v1 = %+v", got1)
	}
	if !reflect.DeepEqual(got1.Parts, sampleParts()) {
		t.Errorf("final v1 layout changed: %+v", got1.Parts)
	}
	if len(got1.SKUs) != 1 || got1.SKUs[0].SkuID != "a-1" || got1.SKUs[0].UnitPrice != 22 || !got1.SKUs[0].Priced {
		t.Errorf("final v1 prices = %+v", got1.SKUs)
	}
	got2, _ := s.Version(ctx, v2.ID)
	if !reflect.DeepEqual(got2.RunIDs, []int64{runs[2]}) || got2.InactiveDays != 60 {
		t.Errorf("draft v2 = %+v", got2)
	}
	if got2.Parts[1].Label != "People" || len(got2.Parts[1].Columns) != 1 || got2.Parts[0].Kind != types.PartSummary {
		t.Errorf("draft v2 layout not applied in place: %+v", got2.Parts)
	}

	refd, err := s.ReportedRunIDs(ctx)
	if err != nil || !reflect.DeepEqual(refd, []int64{runs[0], runs[2]}) {
		t.Errorf("ReportedRunIDs = %v, %v", refd, err)
	}
	// Retention cannot delete a run a version lists.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sync_runs WHERE id = ?`, runs[0]); err == nil {
		t.Error("deleting a reported run succeeded")
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sync_runs WHERE id = ?`, runs[1]); err != nil {
		t.Errorf("deleting an unreported run: %v", err)
	}
	vs, err := s.Versions(ctx, rep.ID)
	if err != nil || len(vs) != 2 || vs[0].Number != 1 {
		t.Fatalf("Versions = %+v, %v", vs, err)
	}
	// Removing the tenant removes its reports, versions and run links.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM tenants WHERE id = 't1'`); err != nil {
		t.Fatalf("deleting a tenant with reports: %v", err)
	}
	if _, err := s.Report(ctx, rep.ID); !errors.Is(err, ErrReportNotFound) {
		t.Errorf("report after tenant delete: %v", err)
	}
	if refd, _ := s.ReportedRunIDs(ctx); len(refd) != 0 {
		t.Errorf("run links left: %v", refd)
	}
}
