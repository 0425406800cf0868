package graphsim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
)

// Well-known SKU IDs of the products the demo uses (from Microsoft's licensing CSV).
const (
	SkuBusinessBasic    = "3b555118-da6a-4418-894f-7df1e2096870" // O365_BUSINESS_ESSENTIALS
	SkuBusinessStandard = "f245ecc8-75af-4f8e-b61f-27d8114de5f3" // O365_BUSINESS_PREMIUM
	SkuBusinessPremium  = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" // SPB
	SkuOffice365E3      = "6fd2c87f-b296-42f0-b197-1e91e994b900" // ENTERPRISEPACK
	SkuM365E3           = "05e9a617-0261-4cee-bb44-138d3ef5d965" // SPE_E3
	SkuM365E5           = "06ebc4ee-1bb5-47dd-8120-11324bc54e06" // SPE_E5
	SkuEntraP1          = "078d2b04-f1bd-4111-bbd4-b4b1b354cef4" // AAD_PREMIUM
	SkuTeamsPhone       = "e43b5b99-8dfb-405f-9987-dc307f34bcbd" // MCOEV
	SkuVisioPlan2       = "c5928f49-12ba-48f7-ada3-0d743a3601d5" // VISIOCLIENT
	SkuProjectPlan3     = "53818b1b-4a27-454b-8896-0dba576410e6" // PROJECTPROFESSIONAL
	SkuPowerBIPro       = "f8a1db68-be16-40ed-86d5-cb42ce701560" // POWER_BI_PRO
	SkuFlowFree         = "f30db892-07e9-47e9-837c-80727f46fd3d" // FLOW_FREE
	SkuPowerBIStandard  = "a403ebcc-fae0-4ca2-8c8c-7a907fd6c235" // POWER_BI_STANDARD
	SkuExchangePlan1    = "4b9405b0-7788-4568-add1-99614e613b69" // EXCHANGESTANDARD
)

// catalogPath is where the licensing CSV is served (Microsoft's file name).
const catalogPath = "/download/licensing/Product%20names%20and%20service%20plan%20identifiers%20for%20licensing.csv"

type catalogPlan struct{ Name, ID, Friendly string }

type catalogProduct struct {
	DisplayName, PartNumber, SkuID string
	Plans                          []uint16
}

// companyPlans are service plans whose appliesTo is "Company".
var companyPlans = map[string]bool{
	"113feb6c-3fe4-4440-bddc-54d774bf0318": true, // EXCHANGE_S_FOUNDATION
}

func productBySkuID(id string) (*catalogProduct, bool) {
	for i := range catalogProducts {
		if strings.EqualFold(catalogProducts[i].SkuID, id) {
			return &catalogProducts[i], true
		}
	}
	return nil, false
}

func productByPart(part string) (*catalogProduct, bool) {
	for i := range catalogProducts {
		if catalogProducts[i].PartNumber == part {
			return &catalogProducts[i], true
		}
	}
	return nil, false
}

// ProductName returns the catalog display name of a SKU ("" when unknown).
func ProductName(skuID string) string {
	if p, ok := productBySkuID(skuID); ok {
		return p.DisplayName
	}
	return ""
}

// SkuPartNumber returns the part number (String_Id) of a SKU ("" when unknown).
func SkuPartNumber(skuID string) string {
	if p, ok := productBySkuID(skuID); ok {
		return p.PartNumber
	}
	return ""
}

// planService maps a service plan name to organization.assignedPlans' service.
func planService(name string) string {
	switch {
	case strings.HasPrefix(name, "EXCHANGE"):
		return "exchange"
	case strings.HasPrefix(name, "SHAREPOINT"), strings.HasPrefix(name, "ONEDRIVE"):
		return "SharePoint"
	case strings.HasPrefix(name, "MCO"), strings.HasPrefix(name, "TEAMS"):
		return "TeamspaceAPI"
	case name == "AAD_PREMIUM" || name == "AAD_PREMIUM_P2":
		return "AADPremiumService"
	case name == "MFA_PREMIUM":
		return "MultiFactorService"
	case strings.HasPrefix(name, "INTUNE"):
		return "SCO"
	case strings.HasPrefix(name, "YAMMER"):
		return "YammerEnterprise"
	}
	return "ProcessSimple"
}

// CatalogColumns are the columns of Microsoft's licensing CSV, in its order.
var CatalogColumns = []string{"Product_Display_Name", "String_Id", "GUID", "Service_Plan_Name", "Service_Plan_Id",
	"Service_Plans_Included_Friendly_Names"}

// CatalogCSV renders the licensing CSV (Microsoft's column set, one row per
// product x service plan, UTF-8 with BOM, CRLF) for the demo's products.
func CatalogCSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff" + strings.Join(CatalogColumns, ",") + "\r\n")
	for i := range catalogProducts {
		p := &catalogProducts[i]
		for _, pi := range p.Plans {
			pl := catalogPlanTable[pi]
			writeCSVRow(&b, p.DisplayName, p.PartNumber, p.SkuID, pl.Name, pl.ID, pl.Friendly)
		}
	}
	return b.Bytes()
}

// writeCSVRow writes one CRLF-terminated row, quoting where needed.
func writeCSVRow(b *bytes.Buffer, fields ...string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		writeCSVField(b, f)
	}
	b.WriteString("\r\n")
}

func writeCSVField(b *bytes.Buffer, f string) {
	if strings.ContainsAny(f, ",\"\r\n") {
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(f, `"`, `""`))
		b.WriteByte('"')
		return
	}
	b.WriteString(f)
}

// serveCatalog answers the licensing CSV download (no authentication, like
// download.microsoft.com), with ETag/If-None-Match support.
func (s *Sim) serveCatalog(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body := s.catalogCSV
	if s.cfg.CatalogFile != "" {
		b, err := os.ReadFile(s.cfg.CatalogFile)
		if err != nil {
			http.Error(w, "catalog file unavailable", http.StatusInternalServerError)
			return
		}
		body = b
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", s.refDay.Format(http.TimeFormat))
	if inm := r.Header.Get("If-None-Match"); inm != "" && inm == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="Product names and service plan identifiers for licensing.csv"`)
	w.Header().Set("Content-Length", itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		_, _ = w.Write(body)
	}
}
