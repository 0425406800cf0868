// Timing in the page, with performance marks (performance.now() is ms since
// navigation start). "Painted" is the first task after the animation frame
// that follows a DOM change: the frame with the change has been drawn.
export interface BenchResult {
  /** Navigating to #/users → the users grid showing its first screen of rows, painted. */
  firstRowsMs: number
  /** The page's own load → that paint (the bundle's start-up and the data's generation included). */
  fromLoadMs: number
  /** Rows in the grid's DOM at that moment (virtualised: a screenful, not 50,000). */
  domRows: number
  /** The count line then ("50,000 users"). */
  countText: string
  users: number
}

export interface KeyResult {
  /** The keystroke's keydown → the last change to the grid's rows, painted. */
  keyToRowsMs: number
  countBefore: string
  countAfter: string
  domRows: number
}

declare global {
  interface Window {
    __bench: { open: () => Promise<BenchResult>; armKey: () => void; key?: Promise<KeyResult> }
  }
}

const afterPaint = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)))
const grid = () => document.querySelector('[data-testid="users-grid"]')
/** Distinct rows drawn (a pinned column draws a row's part separately, with the same row-index). */
const rowsIn = (g: Element | null) => new Set([...(g?.querySelectorAll('.ag-row') ?? [])].map((r) => r.getAttribute('row-index'))).size
const countText = () => document.querySelector('[data-testid="user-count"]')?.textContent ?? ''

/** Navigates to the Users page; resolves once the grid shows at least `min` rows (a screenful), painted. */
function open(min: number, users: number): Promise<BenchResult> {
  return new Promise((resolve) => {
    const start = performance.now()
    performance.mark('nav:users', { startTime: start })
    let done = false
    const check = () => {
      if (done || rowsIn(grid()) < min) return
      done = true
      mo.disconnect()
      afterPaint().then((t) => {
        performance.mark('grid:first-rows', { startTime: t })
        performance.measure('grid:first-render', 'nav:users', 'grid:first-rows')
        resolve({ firstRowsMs: t - start, fromLoadMs: t, domRows: rowsIn(grid()), countText: countText(), users })
      })
    }
    const mo = new MutationObserver(check)
    mo.observe(document.body, { childList: true, subtree: true })
    window.location.hash = '#/users'
  })
}

/**
 * Arms the keystroke measurement: the next keydown in the quick filter is
 * the start; the end is the paint after the last row change in the grid
 * that follows it (waiting for 400 ms without changes).
 */
function armKey(): Promise<KeyResult> {
  return new Promise((resolve) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="user-search"]')!
    const before = countText()
    let start = 0
    let lastPaint = 0
    let quiet: ReturnType<typeof setTimeout> | null = null
    const mo = new MutationObserver(() => {
      if (!start) return
      afterPaint().then((t) => {
        lastPaint = Math.max(lastPaint, t)
      })
      if (quiet) clearTimeout(quiet)
      quiet = setTimeout(finish, 400)
    })
    const finish = () => {
      mo.disconnect()
      performance.mark('filter:rows-updated', { startTime: lastPaint })
      performance.measure('filter:keystroke', 'filter:key', 'filter:rows-updated')
      resolve({ keyToRowsMs: lastPaint - start, countBefore: before, countAfter: countText(), domRows: rowsIn(grid()) })
    }
    input.addEventListener(
      'keydown',
      () => {
        start = performance.now()
        performance.mark('filter:key', { startTime: start })
        mo.observe(grid()!, { childList: true, subtree: true, characterData: true })
      },
      { capture: true, once: true },
    )
  })
}

export function installBench(minRows: number, users: number) {
  window.__bench = {
    open: () => open(minRows, users),
    armKey: () => {
      window.__bench.key = armKey()
    },
  }
}
