package graphsim

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
	"github.com/microsoftgraph/msgraph-sdk-go/users"
)

// assignLicense through msgraph-sdk-go: no write scope → 403; inherited
// licence → 400 with the message; SKU not held → 400; a direct licence is
// removed and the change shows in later reads.
func TestAssignLicenseErrorsAndStateChange(t *testing.T) {
	s := startSim(t, Options{})
	ten := tenantNamed(t, s, "Harbor")
	var inherited, direct *User
	for _, u := range ten.Users {
		if u.Deleted {
			continue
		}
		for _, st := range ten.LicenseStates(u) {
			if st.GroupID != "" && st.State == LicStateActive && inherited == nil && len(ten.LicenseStates(u)) == 1 {
				inherited = u
			}
		}
		if _, explicit := ten.Lic.States[u.ID]; !explicit && len(u.AssignedLicenses) > 0 && direct == nil {
			direct = u
		}
	}
	if inherited == nil || direct == nil {
		t.Fatal("demo has no inherited-only or direct user in Harbor")
	}
	ctx := context.Background()
	call := func(tok string, u *User, sku string) error {
		body := users.NewItemAssignLicensePostRequestBody()
		id := uuid.MustParse(sku)
		body.SetRemoveLicenses([]uuid.UUID{id})
		body.SetAddLicenses([]models.AssignedLicenseable{})
		_, err := newSDK(t, s, tok).users().ByUserId(u.UserPrincipalName).AssignLicense().Post(ctx, body, nil)
		return err
	}
	sku := inherited.AssignedLicenses[0].SkuID
	if err := call(s.IssueToken(ten.ID), inherited, sku); err == nil || odataCode(t, err) != codeDenied {
		t.Fatalf("read-only token: %v", err)
	}
	write := s.IssueToken(ten.ID, append([]string{"LicenseAssignment.ReadWrite.All"}, ReadScopes...)...)
	err := call(write, inherited, sku)
	if err == nil || odataCode(t, err) != codeBadRequest || !containsMsg(err, MsgLicenseInherited) {
		t.Fatalf("inherited: %v", err)
	}
	if err := call(write, direct, SkuM365E5); err == nil || !containsMsg(err, MsgLicenseNotAssigned) {
		t.Fatalf("not assigned: %v", err)
	}
	before := consumedUnits(ten, direct.AssignedLicenses[0].SkuID)
	removed := direct.AssignedLicenses[0].SkuID
	if err := call(write, direct, removed); err != nil {
		t.Fatalf("remove direct: %v", err)
	}
	if direct.HasSku(removed) || consumedUnits(ten, removed) != before-1 || s.GroundTruth(ten.ID).ConsumedBySKU[removed] != before-1 {
		t.Fatal("removal not visible in state or ground truth")
	}
	if err := call(write, direct, removed); err == nil || !containsMsg(err, MsgLicenseNotAssigned) {
		t.Fatalf("second removal: %v", err)
	}
}

func containsMsg(err error, msg string) bool {
	return err != nil && len(msg) > 0 && (contains(err.Error(), msg) || odataMessage(err) == msg)
}

func contains(a, b string) bool { return len(a) >= len(b) && (a == b || indexOf(a, b) >= 0) }

func indexOf(a, b string) int {
	for i := 0; i+len(b) <= len(a); i++ {
		if a[i:i+len(b)] == b {
			return i
		}
	}
	return -1
}

func odataMessage(err error) string {
	var oe *odataerrors.ODataError
	if errors.As(err, &oe) && oe.GetErrorEscaped() != nil && oe.GetErrorEscaped().GetMessage() != nil {
		return *oe.GetErrorEscaped().GetMessage()
	}
	return ""
}
