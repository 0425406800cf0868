import { useEffect, useMemo, useRef, useState } from 'react'
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components'
import { Copy20Regular, Dismiss16Regular, Search20Regular } from '@fluentui/react-icons'
import type { GridApi } from 'ag-grid-community'
import { useBackend } from '../api'
import { useLoad } from '../hooks/useLoad'
import { useSyncFinished } from '../hooks/useSyncEvents'
import { TenantPicker, usePickedTenant } from '../components/TenantPicker'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { Notes } from '../components/Notes'
import { copyFromGrid, Grid } from '../components/Grid'
import { ColumnPicker, loadHidden, saveHidden, ViewPicker } from '../components/ColumnPicker'
import { applyLayout, columnLayout, deleteView, loadViews, saveView, type SavedView } from '../components/gridViews'
import { applyHidden, defaultHidden, hideUnseen, licensingColumns, userColumns } from '../users/columns'
import {
  activeCount,
  facets,
  filterUsers,
  inactiveDefault,
  inactiveOn,
  noFilters,
  NO_VALUE,
  parseDays,
  warmHaystacks,
  UNLICENSED,
  type Tri,
  type UserFilters,
} from '../users/filters'
import { ALL_TENANTS } from '../tenantPick'
import { clearUserSearch, pendingUserSearch } from '../history/palette'
import { fmtDateTime, fmtInt } from '../format'
import type { UserRow } from '../api/types'

/** What a saved view of the users grid remembers besides its columns. */
interface UsersViewFilters {
  filters: UserFilters
  inactiveText: string | null
}

const useStyles = makeStyles({
  // Nothing above the grid shrinks (a folded notes bar would spill over the filters); the grid takes what is left.
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, height: '100%', '& > *': { flexShrink: 0 } },
  gridBox: { flex: '1 1 0', minHeight: '320px', '&&': { flexShrink: 1 } },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  sel: { minWidth: '150px' },
  search: { minWidth: '280px' },
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
  // The command palette's user jump pre-fills the quick filter (read once).
  const [f, setF] = useState<UserFilters>(() => ({ ...noFilters, search: pendingUserSearch() }))
  useEffect(clearUserSearch, [])
  // null: untouched, the box shows Go's Settings threshold.
  const [inactiveText, setInactiveText] = useState<string | null>(null)
  const threshold = view.data?.inactiveDays
  const daysText = inactiveText ?? inactiveDefault(threshold)
  const api = useRef<GridApi<UserRow> | null>(null)
  const [views, setViews] = useState(() => loadViews<UsersViewFilters>('users'))
  const [current, setCurrent] = useState('')
  const pendingLayout = useRef<SavedView<UsersViewFilters>['columns'] | null>(null)
  const [copied, setCopied] = useState('')
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
  // The grid keeps every row and shows those in `shown` (no new array to diff per keystroke).
  const isShown = useMemo(() => {
    if (shown === rows) return null
    const keep = new Set(shown)
    return (u: UserRow) => keep.has(u)
  }, [shown, rows])
  useEffect(() => warmHaystacks(rows), [rows])
  const all = useMemo(() => userColumns(), [])
  const columns = useMemo(() => applyHidden(all, hidden, { tenant: pick.tenantId !== ALL_TENANTS }), [all, hidden, pick.tenantId])
  const set = <K extends keyof UserFilters>(k: K, v: UserFilters[K]) => setF((x) => ({ ...x, [k]: v }))
  // A view's order, widths and sort go on once its columns are the grid's.
  useEffect(() => {
    if (pendingLayout.current && api.current) {
      applyLayout(api.current, pendingLayout.current)
      pendingLayout.current = null
    }
  }, [columns])
  const applyView = (v: SavedView<UsersViewFilters>) => {
    const h = new Set(v.hidden)
    setHidden(h)
    saveHidden('users', h)
    setF({ ...noFilters, ...v.filters.filters })
    setInactiveText(v.filters.inactiveText)
    pendingLayout.current = v.columns
    if (api.current) applyLayout(api.current, v.columns)
    setCurrent(v.name)
  }
  const copy = async () => {
    if (!api.current) return
    const n = api.current.getSelectedNodes().length
    const ok = await copyFromGrid(api.current, b.app.copyText)
    setCopied(ok ? (n > 0 ? `Copied ${fmtInt(n)} rows` : 'Copied the cell') : 'Select rows (click, Ctrl+click, Shift+click) or a cell to copy')
  }

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
            <Field label="Quick filter">
              <Input
                className={s.search}
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
            <Checkbox
              label="Inactive only"
              checked={f.inactiveDays != null}
              onChange={(_, d) => set('inactiveDays', d.checked ? inactiveOn(daysText, threshold) : null)}
              data-testid="filter-inactive-on"
            />
            <Field label="Inactive more than (days)" validationMessage={daysText && parseDays(daysText) == null ? 'A whole number' : undefined}>
              <Input
                style={{ width: 120 }}
                type="number"
                min={0}
                value={daysText}
                onChange={(_, d) => {
                  setInactiveText(d.value)
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
                  setInactiveText(null)
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
            {copied && <Caption1 data-testid="copy-status">{copied}</Caption1>}
            <Button icon={<Copy20Regular />} onClick={() => void copy()} data-testid="copy-rows">
              Copy
            </Button>
            <ViewPicker<UsersViewFilters>
              views={views}
              current={current}
              onApply={applyView}
              onSave={(name) => {
                setViews(saveView('users', { name, hidden: [...hidden], columns: columnLayout(api.current), filters: { filters: f, inactiveText } }))
                setCurrent(name.trim())
              }}
              onDelete={(name) => {
                setViews(deleteView<UsersViewFilters>('users', name))
                setCurrent('')
              }}
            />
            <ColumnPicker
              columns={all.filter((c) => c.colId !== 'tenant' || pick.tenantId === ALL_TENANTS)}
              hidden={hidden}
              onChange={(h) => {
                setHidden(h)
                saveHidden('users', h)
              }}
            />
          </div>
          <div className={s.gridBox}>
          <Grid
            rows={rows}
            isRowShown={isShown}
            columns={columns}
            height="100%"
            testId="users-grid"
            getRowId={(p) => `${p.data.tenantId}/${p.data.id}`}
            selectRows
            apiRef={api}
            maintainColumnOrder
          />
          </div>
        </>
      )}
    </div>
  )
}
