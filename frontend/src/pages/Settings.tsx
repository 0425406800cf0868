import { useState } from 'react'
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
  Title3,
  Badge,
} from '@fluentui/react-components'
import { api, errorText, type AppInfo, type DoctorReport } from '../api'

export function Settings({ info }: { info: AppInfo | null }) {
  const [report, setReport] = useState<DoctorReport | null>(null)
  const [busy, setBusy] = useState(false)
  const [err, setErr] = useState('')
  const run = async () => {
    setBusy(true)
    setErr('')
    try {
      setReport(await api.doctor())
    } catch (e) {
      setErr(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 900 }} data-testid="page-settings">
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
