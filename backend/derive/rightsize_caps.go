package derive

import "strings"

// BusinessSeatCap is Microsoft's published limit for its Business plans:
// at most 300 users (seats) of each per tenant.
const BusinessSeatCap = 300

// BusinessPlanPartNumbers are the licensing CSV's String_Id values of the
// Microsoft 365 Business suites held to BusinessSeatCap: Business Basic,
// Business Standard, Business Premium and Apps for business, with their
// no-Teams, EEA, donation and legacy variants.
var BusinessPlanPartNumbers = []string{
	"O365_BUSINESS_ESSENTIALS", "SMB_BUSINESS_ESSENTIALS", // Business Basic
	"Microsoft_365_Business_Basic_(no Teams)", "Microsoft_365_Business_Basic_EEA_(no_Teams)",
	"O365_BUSINESS_PREMIUM", "SMB_BUSINESS_PREMIUM", // Business Standard (and its prepaid legacy SKU)
	"MICROSOFT_365_BUSINESS_STANDARD_NO_TEAMS", "Microsoft_365_Business_Standard_EEA_(no_Teams)",
	"Office_365_w/o_Teams_Bundle_Business_Standard",
	"SPB", // Business Premium
	"Microsoft_365_ Business_ Premium_(no Teams)", "Microsoft_365_Business_Premium_Donation_(Non_Profit_Pricing)",
	"Office_365_w/o_Teams_Bundle_Business_Premium",
	"O365_BUSINESS", "SMB_BUSINESS", // Microsoft 365 Apps for business
}

// MaxSeatsFor returns the per-tenant seat cap of a SKU by its part number
// (String_Id, any case, spacing ignored): BusinessSeatCap for the Business plans, 0
// (unlimited) otherwise.
func MaxSeatsFor(partNumber string) int {
	pn := strings.Join(strings.Fields(partNumber), "")
	for _, b := range BusinessPlanPartNumbers {
		if strings.EqualFold(pn, strings.Join(strings.Fields(b), "")) {
			return BusinessSeatCap
		}
	}
	return 0
}
