package types

import "time"

// Licensing data of a snapshot (issue 13): the commerce subscriptions
// behind the SKUs, where each user's licences come from (direct or a
// group, with errors) and per-service activity. Figures built from them
// live in review.

// Subscription is one companySubscription (GET /directory/subscriptions);
// several may back one SKU.
type Subscription struct {
	ID                     string     `json:"id"`
	CommerceSubscriptionID string     `json:"commerceSubscriptionId"`
	SkuID                  string     `json:"skuId"`
	SkuPartNumber          string     `json:"skuPartNumber"`
	Status                 string     `json:"status"` // Enabled | Warning | Suspended | Deleted | LockedOut
	TotalLicenses          int        `json:"totalLicenses"`
	IsTrial                bool       `json:"isTrial"`
	CreatedAt              *time.Time `json:"createdAt"`
	// NextLifecycleAt is when the subscription moves to its next status if
	// not renewed (its renewal or expiry date); nil for free/viral ones.
	NextLifecycleAt *time.Time `json:"nextLifecycleAt"`
}

// LicenseState is one entry of a user's licenseAssignmentStates: one per
// (SKU, source). GroupID is "" for a direct assignment.
type LicenseState struct {
	SkuID         string     `json:"skuId"`
	GroupID       string     `json:"groupId"`
	GroupName     string     `json:"groupName"` // the licensing group's display name ("" when direct or unknown)
	DisabledPlans []string   `json:"disabledPlans"`
	State         string     `json:"state"` // Active | ActiveWithError | Disabled | Error
	Error         string     `json:"error"` // None | CountViolation | MutuallyExclusiveViolation | ...
	LastUpdated   *time.Time `json:"lastUpdated"`
}

// Direct reports a directly assigned licence.
func (s LicenseState) Direct() bool { return s.GroupID == "" }

// HasError reports a state with an assignment error.
func (s LicenseState) HasError() bool { return s.Error != "" && s.Error != "None" }

// UserServices is a user's per-service activity: last activity dates from
// the Office 365 active-user report, OneDrive storage and Teams counts from
// their reports (nil: the report had no row for the user).
type UserServices struct {
	ExchangeLast   *time.Time `json:"exchangeLast"`
	OneDriveLast   *time.Time `json:"oneDriveLast"`
	SharePointLast *time.Time `json:"sharePointLast"`
	SkypeLast      *time.Time `json:"skypeLast"`
	YammerLast     *time.Time `json:"yammerLast"`
	TeamsLast      *time.Time `json:"teamsLast"`

	OneDriveBytes       *int64 `json:"oneDriveBytes"`
	OneDriveFiles       *int64 `json:"oneDriveFiles"`
	OneDriveActiveFiles *int64 `json:"oneDriveActiveFiles"`

	TeamsChatMessages    *int64 `json:"teamsChatMessages"`
	TeamsPrivateMessages *int64 `json:"teamsPrivateMessages"`
	TeamsCalls           *int64 `json:"teamsCalls"`
	TeamsMeetings        *int64 `json:"teamsMeetings"`
}

// Empty reports that nothing is known.
func (s *UserServices) Empty() bool {
	return s == nil || (s.ExchangeLast == nil && s.OneDriveLast == nil && s.SharePointLast == nil && s.SkypeLast == nil &&
		s.YammerLast == nil && s.TeamsLast == nil && s.OneDriveBytes == nil && s.OneDriveFiles == nil &&
		s.OneDriveActiveFiles == nil && s.TeamsChatMessages == nil && s.TeamsPrivateMessages == nil &&
		s.TeamsCalls == nil && s.TeamsMeetings == nil)
}

// Licensing is what a run could read about subscriptions and licence
// sources; a source that could not be read leaves its note (and the
// fix), never a failed sync.
type Licensing struct {
	Subscriptions          []Subscription `json:"subscriptions"`
	SubscriptionsAvailable bool           `json:"subscriptionsAvailable"`
	SubscriptionsNote      string         `json:"subscriptionsNote"`
	// StatesAvailable: users' licenseAssignmentStates were read.
	StatesAvailable bool   `json:"statesAvailable"`
	GroupsNote      string `json:"groupsNote"` // licensing group names could not be read
	// OneDrive / Teams user reports.
	OneDriveAvailable bool   `json:"oneDriveAvailable"`
	TeamsAvailable    bool   `json:"teamsAvailable"`
	ServicesNote      string `json:"servicesNote"`
}
