package graph

import (
	"context"
	"errors"

	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/security"

	"tenantlens/backend/types"
)

// Secure Score (GRAPH-FACTS §15): one object per day, newest first, 90 days
// held; SecurityEvents.Read.All and one of the Entra roles Security Reader,
// Global Reader, ... ; not offered in the China cloud.

const (
	EndpointSecureScores    = "GET /security/secureScores"
	EndpointControlProfiles = "GET /security/secureScoreControlProfiles"
	// SecureScoreDaysHeld is how many days Microsoft keeps.
	SecureScoreDaysHeld = 90
)

var errEnough = errors.New("enough days read")

// SecureScores reads the newest `days` days (1..90), newest first. partial
// is set when Graph answered 206 Partial Content (a provider failed).
func (c *Client) SecureScores(ctx context.Context, days int) (out []types.SecureScoreDay, partial bool, err error) {
	days = max(1, min(days, SecureScoreDaysHeld))
	ctx, lr := withLastResponse(ctx)
	b := security.NewSecurityRequestBuilderInternal(c.pathParams(), c.adapter).SecureScores()
	top := int32(days)
	cfg := &security.SecureScoresRequestBuilderGetRequestConfiguration{
		QueryParameters: &security.SecureScoresRequestBuilderGetQueryParameters{Top: &top}}
	seen := map[string]bool{}
	note206 := func() {
		if st, _ := lr.get(); st == 206 {
			partial = true
		}
	}
	err = collect(ctx, EndpointSecureScores,
		func(ctx context.Context) (models.SecureScoreCollectionResponseable, error) {
			r, err := b.Get(ctx, cfg)
			note206()
			return r, err
		},
		func(ctx context.Context, link string) (models.SecureScoreCollectionResponseable, error) {
			r, err := b.WithUrl(link).Get(ctx, nil)
			note206()
			return r, err
		},
		func(s models.SecureScoreable) error {
			d := types.SecureScoreDay{ActiveUsers: int(i32(s.GetActiveUserCount())), LicensedUsers: int(i32(s.GetLicensedUserCount()))}
			if t := s.GetCreatedDateTime(); t != nil {
				d.Day = t.UTC().Format("2006-01-02")
			}
			if d.Day == "" || s.GetCurrentScore() == nil || s.GetMaxScore() == nil {
				return &Error{Class: ClassMalformed, Message: "a secureScore lacks createdDateTime, currentScore or maxScore"}
			}
			d.Current, d.Max = *s.GetCurrentScore(), *s.GetMaxScore()
			for _, cs := range s.GetControlScores() {
				if cs == nil || cs.GetControlName() == nil {
					continue
				}
				d.Controls = append(d.Controls, types.ControlScore{Name: *cs.GetControlName(), Category: str(cs.GetControlCategory()), Score: f64(cs.GetScore())})
			}
			if !seen[d.Day] { // one object per day; keep the first (newest)
				seen[d.Day] = true
				out = append(out, d)
			}
			if len(out) >= days {
				return errEnough
			}
			return nil
		})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, false, err
	}
	return out, partial, nil
}

// ControlProfiles reads every secureScoreControlProfile.
func (c *Client) ControlProfiles(ctx context.Context) ([]types.ControlProfile, error) {
	b := security.NewSecurityRequestBuilderInternal(c.pathParams(), c.adapter).SecureScoreControlProfiles()
	out := []types.ControlProfile{}
	err := collect(ctx, EndpointControlProfiles,
		func(ctx context.Context) (models.SecureScoreControlProfileCollectionResponseable, error) {
			return b.Get(ctx, nil)
		},
		func(ctx context.Context, link string) (models.SecureScoreControlProfileCollectionResponseable, error) {
			return b.WithUrl(link).Get(ctx, nil)
		},
		func(p models.SecureScoreControlProfileable) error {
			out = append(out, types.ControlProfile{ID: str(p.GetId()), Title: str(p.GetTitle()), Category: str(p.GetControlCategory()),
				Service: str(p.GetService()), Tier: str(p.GetTier()), ActionType: str(p.GetActionType()), ActionURL: str(p.GetActionUrl()),
				ImplementationCost: str(p.GetImplementationCost()), UserImpact: str(p.GetUserImpact()), MaxScore: f64(p.GetMaxScore()),
				Rank: int(i32(p.GetRank())), Deprecated: boolean(p.GetDeprecated())})
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func i32(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}

func f64(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
