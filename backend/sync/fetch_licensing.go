package sync

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	gosync "sync"
	"time"

	"tenantlens/backend/config"
	"tenantlens/backend/graph"
	"tenantlens/backend/types"
)

// Licensing data of a run (issue 13): subscriptions (read every sync, full
// or delta — they change with purchases and renewals, not with users), the
// OneDrive and Teams user reports, and the names of the groups users'
// licences come from. Licence assignment states come with the users (full
// read or delta). Nothing here fails a run: a source that cannot be read
// leaves a note with its fix on the snapshot.

// licFetched is what fetchLicensing and fetchLicenseGroups read.
type licFetched struct {
	mu         gosync.Mutex
	subs       []types.Subscription
	subsErr    error
	reports    *graph.ServiceReports
	reportsErr error
	groupNames map[string]string
	groupsErr  error
}

// fetchLicensing reads subscriptions and the OneDrive/Teams reports at once.
// Only a cancellation is returned.
func (j *job) fetchLicensing(ctx context.Context, f *fetched) error {
	l := &f.lic
	var wg gosync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		subs, err := j.client.CompanySubscriptions(ctx)
		l.mu.Lock()
		l.subs, l.subsErr = subs, err
		l.mu.Unlock()
		if err == nil {
			j.logf(types.LogInfo, "subscriptions: %d", len(subs))
		} else if graph.ClassOf(err) != graph.ClassCancelled {
			j.logf(types.LogWarn, "%s", subscriptionsProblem(err))
		}
	}()
	go func() {
		defer wg.Done()
		if err := j.notOffered(ctx, config.CapUsageReports); err != nil { // cloud.go
			l.mu.Lock()
			l.reportsErr = err
			l.mu.Unlock()
			return
		}
		if r, ok := j.reusedServiceReports(ctx); ok {
			l.mu.Lock()
			l.reports = &r
			l.mu.Unlock()
			j.logf(types.LogInfo, "OneDrive/Teams reports: reused the last sync's (%d users) with the usage reports "+
				"(they refresh once a day)", len(r.Records))
			return
		}
		r, err := j.client.ServiceReports(ctx)
		l.mu.Lock()
		l.reports, l.reportsErr = &r, err
		l.mu.Unlock()
		if err != nil {
			return
		}
		for _, e := range []error{r.OneDriveErr, r.TeamsErr} {
			if e != nil {
				j.logf(types.LogWarn, "%s", reportProblem(e))
			}
		}
		j.logf(types.LogInfo, "OneDrive/Teams reports: %d users", len(r.Records))
	}()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return nil
}

// fetchLicenseGroups reads the names of the groups the users' licences are
// inherited from (once the users are known). Only a cancellation is
// returned.
func (j *job) fetchLicenseGroups(ctx context.Context, f *fetched) error {
	// a re-sync's unchanged users carry their groups' names from the last
	// snapshot: only groups without a name are read
	known := map[string]string{}
	for _, u := range f.users.Users {
		for _, s := range u.LicenseStates {
			if s.GroupID != "" && s.GroupName != "" {
				known[s.GroupID] = s.GroupName
			}
		}
	}
	seen := map[string]bool{}
	var ids []string
	for _, u := range f.users.Users {
		for _, s := range u.LicenseStates {
			if s.GroupID != "" && known[s.GroupID] == "" && !seen[s.GroupID] {
				seen[s.GroupID] = true
				ids = append(ids, s.GroupID)
			}
		}
	}
	if len(ids) == 0 {
		f.lic.mu.Lock()
		f.lic.groupNames = known
		f.lic.mu.Unlock()
		return nil
	}
	sort.Strings(ids)
	names, err := j.client.GroupNames(ctx, ids)
	if graph.ClassOf(err) == graph.ClassCancelled || ctx.Err() != nil {
		return ctx.Err()
	}
	for id, n := range known {
		names[id] = n
	}
	f.lic.mu.Lock()
	f.lic.groupNames, f.lic.groupsErr = names, err
	f.lic.mu.Unlock()
	if err != nil {
		j.logf(types.LogWarn, "%s", groupsProblem(err))
	} else {
		j.logf(types.LogInfo, "licensing groups: %d", len(names))
	}
	return nil
}

// attachLicensing puts the run's licensing data on the snapshot build made:
// subscriptions and notes, group names on licence states, and each user's
// per-service activity (usage report dates + OneDrive/Teams reports).
func attachLicensing(snap *types.Snapshot, f *fetched) {
	l := &f.lic
	l.mu.Lock()
	defer l.mu.Unlock()
	lic := &types.Licensing{Subscriptions: l.subs}
	switch {
	case l.subsErr != nil:
		lic.SubscriptionsNote = subscriptionsProblem(l.subsErr)
	default:
		lic.SubscriptionsAvailable = true
		if lic.Subscriptions == nil {
			lic.Subscriptions = []types.Subscription{}
		}
	}
	if l.groupsErr != nil {
		lic.GroupsNote = groupsProblem(l.groupsErr)
	}
	var notes []string
	var rep *graph.ServiceReports
	switch {
	case l.reportsErr != nil:
		notes = append(notes, reportProblem(l.reportsErr))
	case l.reports != nil:
		rep = l.reports
		lic.OneDriveAvailable, lic.TeamsAvailable = rep.OneDriveErr == nil, rep.TeamsErr == nil
		for _, e := range []error{rep.OneDriveErr, rep.TeamsErr} {
			if e != nil {
				notes = append(notes, reportProblem(e))
			}
		}
		if rep.Concealed {
			notes = append(notes, "OneDrive/Teams reports: "+graph.UsageConcealedNote)
		}
	}
	lic.ServicesNote = strings.Join(notes, "; ")

	states := true
	for i := range snap.Users {
		u := &snap.Users[i]
		if u.Deleted {
			u.LicenseStates, u.Services = nil, nil
			continue
		}
		if len(u.Licenses) > 0 && len(u.LicenseStates) == 0 {
			states = false
		}
		for k := range u.LicenseStates {
			s := &u.LicenseStates[k]
			if n, ok := l.groupNames[s.GroupID]; ok && s.GroupID != "" {
				s.GroupName = n
			}
		}
		u.Services = userServices(u.UserPrincipalName, f.usage, rep)
	}
	lic.StatesAvailable = states
	snap.Licensing = lic
}

// activityColumns maps the active-user report's service names to fields.
func userServices(upn string, usage *graph.Usage, rep *graph.ServiceReports) *types.UserServices {
	s := &types.UserServices{}
	if usage != nil && !usage.Concealed {
		if r, ok := usage.Record(upn); ok {
			at := func(name string) *time.Time {
				if t, ok := r.ServiceLast[name]; ok && !t.IsZero() {
					v := t.UTC()
					return &v
				}
				return nil
			}
			s.ExchangeLast, s.OneDriveLast, s.SharePointLast = at("Exchange"), at("OneDrive"), at("SharePoint")
			s.SkypeLast, s.YammerLast, s.TeamsLast = at("Skype For Business"), at("Yammer"), at("Teams")
		}
	}
	if rep != nil {
		if d, ok := rep.Record(upn); ok {
			s.OneDriveBytes, s.OneDriveFiles, s.OneDriveActiveFiles = d.OneDriveBytes, d.OneDriveFiles, d.OneDriveActiveFiles
			s.TeamsChatMessages, s.TeamsPrivateMessages, s.TeamsCalls, s.TeamsMeetings = d.TeamsChat, d.TeamsPrivate, d.TeamsCalls, d.TeamsMeets
		}
	}
	if s.Empty() {
		return nil
	}
	return s
}

func graphDetail(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		msg := ge.Message
		if ge.Code != "" {
			msg += " (" + ge.Code + ")"
		}
		return msg
	}
	return err.Error()
}

func isDenied(err error) bool {
	var ge *graph.Error
	return errors.As(err, &ge) && (ge.Class == graph.ClassConsent || ge.Class == graph.ClassPermission || ge.Status == 403)
}

// subscriptionsProblem explains why renewal dates are missing, and the fix.
func subscriptionsProblem(err error) string {
	if isDenied(err) {
		return fmt.Sprintf("subscriptions (renewal dates) could not be read: %s. Fix: consent to Organization.Read.All "+
			"(or Directory.Read.All) and give the signed-in account, or the GDAP relationship, Global Reader or Directory Readers, then sync again",
			graphDetail(err))
	}
	return "subscriptions (renewal dates) could not be read: " + graphDetail(err) + ". Sync again later"
}

// groupsProblem explains why licensing group names are missing.
func groupsProblem(err error) string {
	if isDenied(err) {
		return fmt.Sprintf("names of licensing groups could not be read: %s. Fix: consent to GroupMember.Read.All "+
			"(or Directory.Read.All) and give the account Global Reader or Directory Readers, then sync again", graphDetail(err))
	}
	return "names of licensing groups could not be read: " + graphDetail(err)
}

// reportProblem explains why the OneDrive or Teams report is missing.
func reportProblem(err error) string {
	if isDenied(err) {
		return fmt.Sprintf("OneDrive/Teams usage reports could not be read: %s. Fix: give the signed-in account (or the GDAP "+
			"relationship) the Reports Reader or Global Reader role and consent to Reports.Read.All, then sync again", graphDetail(err))
	}
	return "OneDrive/Teams usage reports could not be read: " + graphDetail(err)
}

// reusedServiceReports carries the OneDrive/Teams counts of the tenant's
// current snapshot while the usage reports are reused (downloaded less
// than usageMaxAge ago): the reports refresh once a day and are throttled
// per report API, so a re-sync does not download them again.
func (j *job) reusedServiceReports(ctx context.Context) (graph.ServiceReports, bool) {
	if _, _, ok := j.cachedUsage(ctx); !ok {
		return graph.ServiceReports{}, false
	}
	prev, err := j.e.o.Store.CurrentSnapshot(ctx, j.tenantID)
	if err != nil || prev.Licensing == nil || !prev.Licensing.OneDriveAvailable || !prev.Licensing.TeamsAvailable {
		return graph.ServiceReports{}, false
	}
	r := graph.ServiceReports{Records: map[string]*graph.ServiceDetail{}}
	for _, u := range prev.Users {
		s := u.Services
		if u.Deleted || s == nil {
			continue
		}
		d := &graph.ServiceDetail{OneDriveBytes: s.OneDriveBytes, OneDriveFiles: s.OneDriveFiles, OneDriveActiveFiles: s.OneDriveActiveFiles,
			TeamsChat: s.TeamsChatMessages, TeamsPrivate: s.TeamsPrivateMessages, TeamsCalls: s.TeamsCalls, TeamsMeets: s.TeamsMeetings}
		if d.OneDriveBytes == nil && d.OneDriveFiles == nil && d.TeamsChat == nil && d.TeamsCalls == nil && d.TeamsMeets == nil {
			continue
		}
		r.Records[strings.ToLower(u.UserPrincipalName)] = d
	}
	return r, true
}
