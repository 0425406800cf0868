import { useCallback, useEffect, useRef, useState } from 'react'
import {
  Button,
  Card,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  Title3,
  Badge,
} from '@fluentui/react-components'
import { errorText, useBackend, type AppInfo, type DoctorReport } from '../api'
import { useLocale } from '../locale'
import { localePreview } from '../format'
import type { SettingsView } from '../api/types'
import { ErrorState, Loading } from '../components/States'
import { ConfigCard } from '../settings/ConfigCard'
import { AppRegistrationCard } from '../settings/AppRegistrationCard'
import { PSACard } from '../psa/PSACard'
import { ThemeCard } from '../settings/ThemeCard'

/** The settings as Go last returned them; reload keeps the current view on screen. */
function useSettingsView() {
  const b = useBackend()
  const [view, setView] = useState<SettingsView | null>(null)
  const [error, setError] = useState('')
  const seq = useRef(0)
  const reload = useCallback(() => {
    const my = ++seq.current
    b.settings
      .get()
      .then((v) => {
        if (my !== seq.current) return
        setView(v)
        setError('')
      })
      .catch((e) => my === seq.current && setError(errorText(e)))
  }, [b])
  useEffect(reload, [reload])
  const set = useCallback((v: SettingsView) => {
    ++seq.current
    setView(v)
    setError('')
  }, [])
  return { view, error, reload, set }
}

export function Settings({ info }: { info: AppInfo | null }) {
  const settings = useSettingsView()
  const b = useBackend()
  const { locale, apply } = useLocale()
  const saved = (v: SettingsView) => {
    settings.set(v)
    // A changed number and date format applies to every page at once.
    if (v.locale && v.locale !== locale) apply(v.locale)
  }
  const [report, setReport] = useState<DoctorReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')
  const run = async () => {
    setBusy(true)
    setErr('')
    try {
      setReport(await b.app.doctor())
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 900 }} data-testid="page-settings">
      <Title2>Settings</Title2>
      {settings.error && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {!settings.view && !settings.error && <Loading label="Loading settings…" />}
      {settings.view && (
        <>
          <AppRegistrationCard view={settings.view} onChanged={(v) => (v ? settings.set(v) : settings.reload())} />
          <ConfigCard view={settings.view} onSaved={saved} />
          <PSACard />
          <Card>
            <Title3>Number and date format</Title3>
            <Text>
              Figures are shown in {locale}
              {settings.view.systemLocale && settings.view.systemLocale !== locale ? ` (the system's is ${settings.view.systemLocale})` : ''}:{' '}
              <span data-testid="locale-preview">{localePreview()}</span>
            </Text>
          </Card>
        </>
      )}
      <ThemeCard />
      <Card>
        <Title3>About</Title3>
        <Text>Version {info?.version ?? '…'}</Text>
        <Text>Data folder: {info?.dataDir || '…'}</Text>
      </Card>
      <Card>
        <Title3>Health check</Title3>
        <Text>Checks the data folder, the SQLite engine, the system keychain and the web view.</Text>
        <div>
          <Button onClick={run} disabled={busy} data-testid="run-doctor">
            {busy ? <Spinner size="tiny" /> : 'Run checks'}
          </Button>
        </div>
        {err && <Text style={{ color: 'red' }}>{err}</Text>}
        {report && (
          <Table data-testid="doctor-table" aria-label="Health check results">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Check</TableHeaderCell>
                <TableHeaderCell>Result</TableHeaderCell>
                <TableHeaderCell>Detail</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.checks.map((c) => (
                <TableRow key={c.name}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>
                    <Badge color={c.ok ? 'success' : 'danger'}>{c.ok ? 'ok' : 'fail'}</Badge>
                  </TableCell>
                  <TableCell>{c.detail}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  )
}
