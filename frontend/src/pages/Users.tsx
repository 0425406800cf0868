import { useMemo, useState } from 'react'
import {
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { Dismiss16Regular, Search20Regular } from '@fluentui/react-icons'
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { TenantPicker, usePickedTenant } from '../components/TenantPicker'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Notes } from '../components/Notes'
import { Grid } from '../components/Grid'
import { ColumnPicker, loadHidden, saveHidden } from '../components/ColumnPicker'
import { applyHidden, defaultHidden, hideUnseen, licensingColumns, userColumns } from '../users/columns'
import {
  activeCount,
  facets,
  filterUsers,
  noFilters,
  NO_VALUE,
  parseDays,
  UNLICENSED,
  type Tri,
  type UserFilters,
} from '../users/filters'
import { ALL_TENANTS } from '../tenantPick'
import { fmtDateTime, fmtInt } from '../format'

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, height: '100%' },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  sel: { minWidth: '150px' },
})

export function Users() {
  const s = useStyles()
  const b = useBackend()
  const pick = usePickedTenant()
  const ready = pick.tenants !== null
  const view = useLoad(() => (ready ? b.data.users(pick.tenantId) : new Promise<never>(() => {})), `${ready}:${pick.tenantId}`)
  useSyncFinished((p) => {
    if (pick.tenantId === ALL_TENANTS || p.tenantId === pick.tenantId) view.reload()
  })
  const [f, setF] = useState<UserFilters>(noFilters)
  const [daysText, setDaysText] = useState('')
  const [hidden, setHidden] = useState(() => {
    // A choice saved before a column existed keeps the new column hidden by default.
    const ids = userColumns().map((c) => c.colId)
    const none = '\u0000'
    const saved = loadHidden('users', [none])
    if (saved.has(none)) {
      saveHidden('users.seen', new Set(ids))
      return new Set(defaultHidden)
    }
    // Saved before the columns were remembered: the licensing columns are new.
    const fresh = new Set(licensingColumns().map((c) => c.colId))
    const seen = loadHidden('users.seen', ids.filter((id) => !fresh.has(id)))
    saveHidden('users.seen', new Set(ids))
    return hideUnseen(saved, [...seen], ids)
  })

  const rows = view.data?.rows ?? []
  const fc = useMemo(() => facets(rows), [rows])
  const shown = useMemo(() => filterUsers(rows, f), [rows, f])
  const all = useMemo(() => userColumns(), [])
  const columns = useMemo(() => applyHidden(all, hidden, { tenant: pick.tenantId !== ALL_TENANTS }), [all, hidden, pick.tenantId])
  const set = <K extends keyof UserFilters>(k: K, v: UserFilters[K]) => setF((x) => ({ ...x, [k]: v }))

  return (
    <div className={s.page} data-testid="page-users">
      <div className={s.head}>
        <Title2 className={s.grow}>Users</Title2>
        <TenantPicker pick={pick} />
      </div>
      {view.error && <ErrorState error={view.error} onRetry={view.reload} />}
      {!view.data && !view.error && <Loading />}
      {view.data && rows.length === 0 && (
        <EmptyState title="No users yet">Sync this tenant to see its users.</EmptyState>
      )}
      {view.data && rows.length > 0 && (
        <>
          <Notes notes={view.data.notes} />
          <div className={s.filters} data-testid="user-filters">
            <Field label="Search">
              <Input
                contentBefore={<Search20Regular />}
                value={f.search}
                onChange={(_, d) => set('search', d.value)}
                placeholder="Name, email, department…"
                data-testid="user-search"
              />
            </Field>
            <Field label="Department">
              <Select className={s.sel} value={f.department} onChange={(_, d) => set('department', d.value)} data-testid="filter-department">
                <option value="">Any</option>
                {fc.hasNoDepartment && <option value={NO_VALUE}>(none)</option>}
                {fc.departments.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </Select>
            </Field>
            <Field label="User type">
              <Select className={s.sel} value={f.userType} onChange={(_, d) => set('userType', d.value)} data-testid="filter-usertype">
                <option value="">Any</option>
                {fc.userTypes.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </Select>
            </Field>
            <Field label="Resource accounts">
              <Select className={s.sel} value={f.resource} onChange={(_, d) => set('resource', d.value as Tri)} data-testid="filter-resource">
                <option value="all">Include</option>
                <option value="exclude">Exclude</option>
                <option value="only">Only</option>
              </Select>
            </Field>
            <Field label="Licence">
              <Select className={s.sel} value={f.licence} onChange={(_, d) => set('licence', d.value)} data-testid="filter-licence">
                <option value="">Any</option>
                {fc.hasUnlicensed && <option value={UNLICENSED}>(unlicensed)</option>}
                {fc.licences.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </Select>
            </Field>
            <Field label="MFA">
              <Select className={s.sel} value={f.mfa} onChange={(_, d) => set('mfa', d.value)} data-testid="filter-mfa">
                <option value="">Any</option>
                {fc.mfaStatuses.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </Select>
            </Field>
            <Field label="Inactive more than (days)" validationMessage={daysText && parseDays(daysText) == null ? 'A whole number' : undefined}>
              <Input
                style={{ width: 120 }}
                type="number"
                min={0}
                value={daysText}
                onChange={(_, d) => {
                  setDaysText(d.value)
                  set('inactiveDays', parseDays(d.value))
                }}
                data-testid="filter-inactive"
              />
            </Field>
            {activeCount(f) > 0 && (
              <Button
                appearance="subtle"
                icon={<Dismiss16Regular />}
                onClick={() => {
                  setF(noFilters)
                  setDaysText('')
                }}
              >
                Clear filters
              </Button>
            )}
          </div>
          <div className={s.head}>
            <Text className={s.grow} data-testid="user-count">
              {shown.length === rows.length
                ? `${fmtInt(rows.length)} users`
                : `${fmtInt(shown.length)} of ${fmtInt(rows.length)} users`}
            </Text>
            {f.inactiveDays != null && fc.unknownActivity > 0 && (
              <Caption1>{fmtInt(fc.unknownActivity)} users with unknown activity are not counted as inactive.</Caption1>
            )}
            {view.data.dataDate && <Caption1>Data from {fmtDateTime(view.data.dataDate)}</Caption1>}
            <ColumnPicker
              columns={all.filter((c) => c.colId !== 'tenant' || pick.tenantId === ALL_TENANTS)}
              hidden={hidden}
              onChange={(h) => {
                setHidden(h)
                saveHidden('users', h)
              }}
            />
          </div>
          <Grid rows={shown} columns={columns} height="calc(100vh - 330px)" testId="users-grid" getRowId={(p) => `${p.data.tenantId}/${p.data.id}`} />
        </>
      )}
    </div>
  )
}
