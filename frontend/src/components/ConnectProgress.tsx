// The live steps of a sign-in (connect:status events) and the copyable
// sign-in link, shared by the Connect dialog and Settings' "Create the app
// registration for me".
import { useEffect, useReducer, useRef, useState } from 'react'
import { Button, Link, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components'
import { CheckmarkCircle20Filled, Copy20Regular, DismissCircle20Filled } from '@fluentui/react-icons'
import { useBackend } from '../api'
import { connectReducer, signInLink, type ConnectStep } from '../api/live'

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  link: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  url: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all', flexGrow: 1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
})

/**
 * Folds connect:status events into steps while `listening` and a call is
 * running (`running.current`); events of someone else's sign-in are ignored.
 */
export function useConnectSteps(listening: boolean) {
  const b = useBackend()
  const [steps, dispatch] = useReducer(connectReducer, [])
  const running = useRef(false)
  useEffect(() => {
    if (!listening) return
    return b.events.onConnectStatus((p) => {
      if (running.current) dispatch(p)
    })
  }, [b, listening])
  return { steps, dispatch, running }
}

/** The steps list, a spinner before the first step, and the sign-in link while `running`. */
export function ConnectProgress({ steps, running }: { steps: ConnectStep[]; running: boolean }) {
  const s = useStyles()
  const b = useBackend()
  const [copied, setCopied] = useState('')
  const link = running ? signInLink(steps) : ''
  useEffect(() => setCopied(''), [link])
  const copy = async (url: string) => {
    setCopied((await b.app.copyText(url)) ? 'Copied' : 'Copy failed — select the link and copy it')
  }
  return (
    <>
      {steps.length > 0 && (
        <ol className={s.steps} aria-label="Connection steps" data-testid="connect-steps">
          {steps.map((st) => (
            <Step key={st.step} st={st} />
          ))}
        </ol>
      )}
      {running && steps.length === 0 && <Spinner size="tiny" label="Starting…" />}
      {link && (
        <div className={s.body} data-testid="signin-link">
          <Text>If your browser did not open, open this link yourself:</Text>
          <div className={s.link}>
            <Link className={s.url} href={link} target="_blank" rel="noreferrer">
              {link}
            </Link>
            <Button icon={<Copy20Regular />} onClick={() => copy(link)} data-testid="copy-signin">
              Copy
            </Button>
          </div>
          {copied && <Text size={200}>{copied}</Text>}
        </div>
      )}
    </>
  )
}

function Step({ st }: { st: ConnectStep }) {
  const s = useStyles()
  const icon =
    st.state === 'done' ? (
      <CheckmarkCircle20Filled className={s.ok} aria-label="done" />
    ) : st.state === 'error' ? (
      <DismissCircle20Filled className={s.bad} aria-label="failed" />
    ) : (
      <Spinner size="extra-tiny" aria-label="in progress" />
    )
  return (
    <li className={s.step} data-state={st.state}>
      {icon}
      <Text>{st.message || st.step}</Text>
    </li>
  )
}
