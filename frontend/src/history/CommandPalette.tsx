// Ctrl+K: jump to a client, tenant, user or page. The list is Go's data
// (client refs, tenant list, the users view of every tenant), loaded when
// the palette first opens; arrows move, Enter goes, Esc closes.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  Badge,
  Caption1,
  Dialog,
  DialogBody,
  DialogSurface,
  DialogTitle,
  Input,
  makeStyles,
  mergeClasses,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components'
import { Search20Regular } from '@fluentui/react-icons'
import { errorText, useBackend, type Backend } from '../api'
import { savePick } from '../tenantPick'
import { buildEntries, filterEntries, isPaletteKey, kindLabels, USER_SEARCH_KEY, type Entry, type PaletteSources } from './palette'
import { openHash } from './route'

const useStyles = makeStyles({
  surface: { maxWidth: '640px', width: '90vw', alignSelf: 'flex-start', marginTop: '10vh' },
  list: { listStyle: 'none', margin: 0, padding: 0, maxHeight: '50vh', overflowY: 'auto', display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
  },
  active: { backgroundColor: tokens.colorBrandBackground2, outline: `2px solid ${tokens.colorStrokeFocus2}` },
  label: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
})

async function loadSources(b: Backend): Promise<{ src: PaletteSources; note: string }> {
  const [clients, tenants, users] = await Promise.allSettled([b.clients.refs(), b.tenants.list(), b.data.users('')])
  const notes: string[] = []
  if (clients.status === 'rejected') notes.push(`Clients: ${errorText(clients.reason)}`)
  if (tenants.status === 'rejected') notes.push(`Tenants: ${errorText(tenants.reason)}`)
  if (users.status === 'rejected') notes.push(`Users: ${errorText(users.reason)}`)
  return {
    src: {
      clients: clients.status === 'fulfilled' ? clients.value : [],
      tenants: tenants.status === 'fulfilled' ? tenants.value : [],
      users: users.status === 'fulfilled' ? users.value.rows ?? [] : [],
    },
    note: notes.join(' · '),
  }
}

/** Goes where an entry points. */
export function followEntry(e: Entry): void {
  if (e.kind === 'user' && e.tenantId) {
    savePick(e.tenantId)
    try {
      window.sessionStorage.setItem(USER_SEARCH_KEY, e.search ?? '')
    } catch {
      /* storage disabled: the Users page opens on the tenant only */
    }
  }
  openHash(e.hash)
}

/** The palette; mounted once by the shell. `onGo` lets tests see the entry chosen. */
export function CommandPalette({ onGo = followEntry }: { onGo?: (e: Entry) => void }) {
  const b = useBackend()
  const s = useStyles()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [entries, setEntries] = useState<Entry[] | null>(null)
  const [note, setNote] = useState('')
  const listRef = useRef<HTMLUListElement>(null)

  const load = useCallback(() => {
    loadSources(b).then(({ src, note }) => {
      setEntries(buildEntries(src))
      setNote(note)
    })
  }, [b])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isPaletteKey(e)) return
      e.preventDefault()
      setOpen((o) => {
        if (!o) {
          setQuery('')
          setActive(0)
          load() // fresh each time: a sync may have added users
        }
        return !o
      })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [load])

  const shown = useMemo(() => filterEntries(entries ?? buildEntries({ clients: [], tenants: [], users: [] }), query), [entries, query])
  const at = Math.min(active, Math.max(0, shown.length - 1))

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${at}"]`)?.scrollIntoView?.({ block: 'nearest' })
  }, [at])

  const go = (e: Entry | undefined) => {
    if (!e) return
    setOpen(false)
    onGo(e)
  }
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive(Math.min(at + 1, shown.length - 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive(Math.max(at - 1, 0))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      go(shown[at])
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogSurface className={s.surface} data-testid="palette" aria-label="Command palette">
        <DialogBody style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
          <DialogTitle>Go to…</DialogTitle>
          <Input
            autoFocus
            contentBefore={<Search20Regular />}
            placeholder="A client, tenant, user or page"
            value={query}
            onChange={(_, d) => {
              setQuery(d.value)
              setActive(0)
            }}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-expanded
            aria-controls="palette-list"
            aria-activedescendant={shown[at] ? `palette-opt-${at}` : undefined}
            data-testid="palette-input"
          />
          {entries == null && <Spinner size="tiny" label="Loading clients, tenants and users…" />}
          {note && <Caption1 data-testid="palette-note">{note}</Caption1>}
          <ul className={s.list} id="palette-list" role="listbox" ref={listRef} data-testid="palette-list">
            {shown.map((e, i) => (
              <li
                key={e.key}
                id={`palette-opt-${i}`}
                role="option"
                aria-selected={i === at}
                data-index={i}
                data-testid="palette-item"
                data-key={e.key}
                className={mergeClasses(s.item, i === at && s.active)}
                // mousemove, not mouseenter: items scrolling under a resting
                // pointer must not steal the keyboard's choice
                onMouseMove={() => i !== at && setActive(i)}
                onClick={() => go(e)}
              >
                <Badge appearance="outline" size="small">
                  {kindLabels[e.kind]}
                </Badge>
                <span className={s.label}>
                  <Text className={s.ellipsis}>{e.label}</Text>
                  <Caption1 className={s.ellipsis}>{e.detail}</Caption1>
                </span>
              </li>
            ))}
            {shown.length === 0 && <Text data-testid="palette-none">Nothing matches “{query}”.</Text>}
          </ul>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  )
}
