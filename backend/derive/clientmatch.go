package derive

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Tenant → client mapping suggestions.
//
// Score (0..1) = 1 − (1 − NameWeight·name) · (1 − domain), where
//   - name (0..1) is the token similarity of the normalised names
//     (NormalizeCompanyName): a soft Dice coefficient over tokens (equal
//     tokens count 1, a typo of a token of ≥ 4 letters counts its
//     Levenshtein ratio when ≥ 0.8), or 1 when the names are equal with
//     spaces removed ("BlueHeron" = "Blue Heron"), or 0.95 × the ratio of the
//     space-less names when that ratio is ≥ 0.9;
//   - domain (0..1) combines the evidences as a noisy-or:
//     website host is (a subdomain of) a tenant verified domain: 0.9;
//     contacts' email domains: 0.5 + 0.45 × share of the client's
//     non-free-mail contact addresses on a tenant domain, when any is;
//     the tenant's onmicrosoft.com prefix equal to the client's space-less
//     name or website / contact domain label: 0.35, a prefix of it (or
//     vice versa, ≥ 5 letters): 0.25 (weak evidence).
//
// NameWeight < 1 keeps a name match alone below a strong domain match: an
// exact name with no domain evidence scores 0.85, a website match alone 0.9.
const (
	NameWeight = 0.85
	// DefaultAutoMapThreshold: an exact normalised name alone (0.85)
	// reaches it; a near name needs some domain evidence.
	DefaultAutoMapThreshold = 0.8
	// AutoMapMargin: the best suggestion must lead the second by at least
	// this much, else the choice is left to the user.
	AutoMapMargin = 0.1
	// InactivePenalty scales an inactive client's score.
	InactivePenalty = 0.95
)

// TenantInfo is what the matcher knows of a tenant.
type TenantInfo struct {
	ID          string
	DisplayName string
	Domains     []string // verified domains, x.onmicrosoft.com included
}

// ClientCandidate is one PSA company the tenant might belong to.
type ClientCandidate struct {
	ID      string
	Name    string
	Website string
	// Inactive: the PSA marks the company inactive (a former client, or a
	// duplicate record kept for history). It ranks below an active client
	// with the same evidence, but by less than AutoMapMargin, so a
	// duplicate pair is still left to the user.
	Inactive bool
	// ContactDomains: the email domain of each of the client's contact
	// addresses (repeats allowed, they weigh the share); "@x.com", "x.com"
	// or whole addresses are accepted.
	ContactDomains []string
}

// Suggestion is one scored candidate with the reasons for its score.
type Suggestion struct {
	ClientID    string
	ClientName  string
	Score       float64 // 0..1, rounded to 3 decimals
	NameScore   float64
	DomainScore float64
	Reasons     []string
}

var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "llc": true, "llp": true, "lp": true, "ltd": true, "limited": true,
	"gmbh": true, "pty": true, "plc": true, "co": true, "corp": true, "corporation": true, "company": true,
	"sa": true, "bv": true, "nv": true, "ag": true, "srl": true, "sarl": true, "pllc": true, "pc": true,
	"lc": true, "kg": true, "ab": true, "oy": true, "spa": true, "sas": true,
}

// NormalizeCompanyName returns the comparable tokens of a company name:
// accents folded, lower case, apostrophes and dots dropped ("S.A." → "sa",
// "O'Brien" → "obrien"), "&" / "+" / "and" dropped, other punctuation split,
// a leading "the" and trailing legal suffixes (Inc, LLC, Ltd, GmbH, Pty, PLC,
// Co, Corp, Company, S.A., B.V., ...) removed — unless nothing else is left.
func NormalizeCompanyName(name string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
		case r == '&' || r == '+':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	var toks []string
	for _, t := range strings.Fields(b.String()) {
		if t != "and" {
			toks = append(toks, t)
		}
	}
	all := toks
	if len(toks) > 1 && toks[0] == "the" {
		toks = toks[1:]
	}
	for len(toks) > 1 && legalSuffixes[toks[len(toks)-1]] {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return all
	}
	return toks
}

// NameSimilarity compares two company names after NormalizeCompanyName.
func NameSimilarity(a, b string) float64 {
	return tokenSimilarity(NormalizeCompanyName(a), NormalizeCompanyName(b))
}

func tokenSimilarity(ta, tb []string) float64 {
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	ja, jb := strings.Join(ta, ""), strings.Join(tb, "")
	if ja == jb {
		return 1
	}
	used := make([]bool, len(tb))
	sum := 0.0
	for _, x := range ta {
		best, bi := 0.0, -1
		for j, y := range tb {
			if used[j] {
				continue
			}
			s := 0.0
			if x == y {
				s = 1
			} else if len([]rune(x)) >= 4 && len([]rune(y)) >= 4 {
				if r := levRatio(x, y); r >= 0.8 {
					s = r
				}
			}
			if s > best {
				best, bi = s, j
			}
		}
		if bi >= 0 {
			used[bi] = true
			sum += best
		}
	}
	score := 2 * sum / float64(len(ta)+len(tb))
	if r := levRatio(ja, jb); r >= 0.9 && 0.95*r > score {
		score = 0.95 * r
	}
	return score
}

// levRatio is 1 − Levenshtein distance / length of the longer string.
func levRatio(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(n)
}

var freeMailDomains = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "hotmail.com": true, "live.com": true,
	"msn.com": true, "yahoo.com": true, "icloud.com": true, "me.com": true, "aol.com": true,
	"proton.me": true, "protonmail.com": true, "gmx.com": true, "mail.com": true, "zoho.com": true,
}

// normDomain accepts "x.com", "@x.com", "user@x.com", "X.COM." → "x.com".
func normDomain(d string) string {
	d = strings.ToLower(strings.TrimSpace(d))
	if at := strings.LastIndexByte(d, '@'); at >= 0 {
		d = d[at+1:]
	}
	d = strings.TrimSuffix(d, ".")
	if !strings.Contains(d, ".") {
		return ""
	}
	return d
}

// WebsiteHost extracts the host of a PSA website field: scheme, "www.",
// port, path and query dropped; "" when it holds no domain.
func WebsiteHost(w string) string {
	w = strings.ToLower(strings.TrimSpace(w))
	if i := strings.Index(w, "://"); i >= 0 {
		w = w[i+3:]
	}
	if i := strings.IndexAny(w, "/?#"); i >= 0 {
		w = w[:i]
	}
	if i := strings.LastIndexByte(w, '@'); i >= 0 {
		w = w[i+1:]
	}
	if i := strings.IndexByte(w, ':'); i >= 0 {
		w = w[:i]
	}
	w = strings.TrimPrefix(w, "www.")
	return normDomain(w)
}

func sameDomain(a, b string) bool {
	return a == b || strings.HasSuffix(a, "."+b) || strings.HasSuffix(b, "."+a)
}

func firstLabel(d string) string {
	if i := strings.IndexByte(d, '.'); i >= 0 {
		return d[:i]
	}
	return d
}

func noisyOr(ps ...float64) float64 {
	q := 1.0
	for _, p := range ps {
		q *= 1 - p
	}
	return 1 - q
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// ScoreClient scores one candidate for a tenant.
func ScoreClient(t TenantInfo, c ClientCandidate) Suggestion {
	s := Suggestion{ClientID: c.ID, ClientName: c.Name}
	ta, ca := NormalizeCompanyName(t.DisplayName), NormalizeCompanyName(c.Name)
	s.NameScore = round3(tokenSimilarity(ta, ca))
	if s.NameScore > 0 {
		s.Reasons = append(s.Reasons, "name \""+c.Name+"\" resembles tenant \""+t.DisplayName+
			"\" ("+pct(s.NameScore)+" after normalising to \""+strings.Join(ca, " ")+"\" / \""+strings.Join(ta, " ")+"\")")
	}

	var custom, prefixes []string
	for _, d := range t.Domains {
		d = normDomain(d)
		switch {
		case d == "":
		case strings.HasSuffix(d, ".onmicrosoft.com"):
			prefixes = append(prefixes, firstLabel(d))
		default:
			custom = append(custom, d)
		}
	}
	onCustom := func(d string) string {
		for _, x := range custom {
			if sameDomain(d, x) {
				return x
			}
		}
		return ""
	}

	var evid []float64
	host := WebsiteHost(c.Website)
	if host != "" {
		if x := onCustom(host); x != "" {
			evid = append(evid, 0.9)
			s.Reasons = append(s.Reasons, "website "+host+" is the tenant's verified domain "+x)
		}
	}
	n, m := 0, 0
	labels := map[string]bool{}
	var hit string
	for _, d := range c.ContactDomains {
		d = normDomain(d)
		if d == "" || freeMailDomains[d] {
			continue
		}
		n++
		labels[firstLabel(d)] = true
		if x := onCustom(d); x != "" {
			m++
			hit = x
		}
	}
	if m > 0 {
		share := float64(m) / float64(n)
		evid = append(evid, 0.5+0.45*share)
		s.Reasons = append(s.Reasons, itoaInt(m)+" of "+itoaInt(n)+" contact addresses are on the tenant's domain (e.g. "+hit+")")
	}
	joined := strings.Join(ca, "")
	if host != "" {
		labels[firstLabel(host)] = true
	}
	labels[joined] = true
	bestWeak, weakOn := 0.0, ""
	for _, p := range prefixes {
		for l := range labels {
			w := 0.0
			switch {
			case len(p) >= 4 && p == l:
				w = 0.35
			case min(len(p), len(l)) >= 5 && (strings.HasPrefix(p, l) || strings.HasPrefix(l, p)):
				w = 0.25
			}
			if w > bestWeak || (w == bestWeak && w > 0 && p+".onmicrosoft.com" < weakOn) {
				bestWeak, weakOn = w, p+".onmicrosoft.com"
			}
		}
	}
	if bestWeak > 0 {
		evid = append(evid, bestWeak)
		s.Reasons = append(s.Reasons, "tenant's initial domain "+weakOn+" resembles the client (weak evidence)")
	}
	s.DomainScore = round3(noisyOr(evid...))
	s.Score = round3(noisyOr(NameWeight*s.NameScore, s.DomainScore))
	if c.Inactive && s.Score > 0 {
		s.Score = round3(s.Score * InactivePenalty)
		s.Reasons = append(s.Reasons, "the client is inactive in the PSA (score × "+ftoa(InactivePenalty)+")")
	}
	return s
}

func pct(x float64) string { return itoaInt(int(math.Round(x*100))) + " %" }

// SuggestClients scores every candidate and returns those with a score > 0,
// best first (ties: client name, then id).
func SuggestClients(t TenantInfo, candidates []ClientCandidate) []Suggestion {
	var out []Suggestion
	for _, c := range candidates {
		if s := ScoreClient(t, c); s.Score > 0 {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if la, lb := strings.ToLower(a.ClientName), strings.ToLower(b.ClientName); la != lb {
			return la < lb
		}
		return a.ClientID < b.ClientID
	})
	return out
}

// AutoMapDecision says whether a tenant may be mapped without the user.
type AutoMapDecision struct {
	Mapped bool
	Client Suggestion // the best suggestion (zero when there is none)
	Reason string     // why it was or was not mapped
}

// AutoMap maps to the best suggestion (sorted as SuggestClients returns
// them) only when its score is ≥ threshold AND it leads the second by at
// least AutoMapMargin. Threshold must be in (0, 1].
func AutoMap(suggestions []Suggestion, threshold float64) AutoMapDecision {
	if !(threshold > 0 && threshold <= 1) {
		return AutoMapDecision{Reason: "the minimum confidence must be between 0 and 1 (for example 0.8); nothing was mapped"}
	}
	if len(suggestions) == 0 {
		return AutoMapDecision{Reason: "no client resembles this tenant; map it by hand"}
	}
	best := suggestions[0]
	d := AutoMapDecision{Client: best}
	if best.Score < threshold {
		d.Reason = "best match " + best.ClientName + " scores " + ftoa(best.Score) + ", below the minimum " + ftoa(threshold) + "; confirm it by hand"
		return d
	}
	if len(suggestions) > 1 {
		second := suggestions[1]
		if best.Score-second.Score < AutoMapMargin-1e-9 {
			d.Reason = best.ClientName + " (" + ftoa(best.Score) + ") and " + second.ClientName + " (" + ftoa(second.Score) +
				") are too close to choose; pick one by hand"
			return d
		}
	}
	d.Mapped = true
	d.Reason = "mapped to " + best.ClientName + " with confidence " + ftoa(best.Score)
	return d
}

func ftoa(x float64) string { return strconv.FormatFloat(round3(x), 'f', -1, 64) }
