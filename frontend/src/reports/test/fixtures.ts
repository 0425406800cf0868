// Fixture data shaped like backend/bridge/reports.go.
import type { KPITone, KPIView, PartTypeView, PriceRow, ReportRow, TemplateView, VersionRow, VersionView } from '../../api/types'

export const partTypes: PartTypeView[] = [
  {
    kind: 'summary',
    label: 'Summary',
    columns: [
      { key: 'users', label: 'Users', hidden: false },
      { key: 'disabled', label: 'Disabled Accounts', hidden: true },
    ],
  },
  {
    kind: 'users',
    label: 'Users',
    columns: [
      { key: 'displayName', label: 'Display Name', hidden: false },
      { key: 'upn', label: 'User Principal Name', hidden: false },
      { key: 'mail', label: 'Email', hidden: false },
      { key: 'department', label: 'Department', hidden: false },
      { key: 'givenName', label: 'First Name', hidden: true },
    ],
  },
  {
    kind: 'licenses',
    label: 'Licenses',
    columns: [
      { key: 'name', label: 'License Name', hidden: false },
      { key: 'partNumber', label: 'SKU Part Number', hidden: false },
    ],
  },
]

/** The default template as Go resolves it, except Users lacks givenName (new since saved). */
export const quarterly: TemplateView = {
  id: 1,
  name: 'Quarterly review',
  isDefault: true,
  inactiveDays: 90,
  mergeFrom: 'accounts',
  updatedAt: '2027-01-01T10:00:00Z',
  parts: [
    { kind: 'summary', label: 'Summary', enabled: true, columns: [{ key: 'users', label: 'Users', visible: true }, { key: 'disabled', label: 'Disabled Accounts', visible: false }] },
    {
      kind: 'users',
      label: 'Users',
      enabled: true,
      columns: [
        { key: 'displayName', label: 'Display Name', visible: true },
        { key: 'upn', label: 'User Principal Name', visible: true },
        { key: 'mail', label: 'Email', visible: true },
        { key: 'department', label: 'Department', visible: true },
      ],
    },
    { kind: 'licenses', label: 'Licenses', enabled: true, columns: [{ key: 'name', label: 'License Name', visible: true }, { key: 'partNumber', label: 'SKU Part Number', visible: true }] },
  ],
}

export function version(o: Partial<VersionRow> = {}): VersionRow {
  return { id: 11, reportId: 7, number: 1, status: 'final', createdAt: '2026-10-02T09:00:00Z', finalizedAt: '2026-10-03T09:00:00Z', dataDate: '2026-10-02T08:00:00Z', runIds: [3], ...o }
}

export const report: ReportRow = {
  id: 7,
  tenantId: 'tid-contoso',
  tenantName: 'Contoso Ltd',
  name: 'Quarterly review Q4 2026',
  templateId: 1,
  templateName: 'Quarterly review',
  createdAt: '2026-10-02T09:00:00Z',
  versions: [version(), version({ id: 12, number: 2, status: 'draft', finalizedAt: '', createdAt: '2027-01-05T09:00:00Z', dataDate: '2027-01-05T08:00:00Z', runIds: [9] })],
}

/** A KPI as Go sends it: `better` and `tone` are Go's verdict, given here as Go would. */
export function kpi(label: string, kind: string, value: number, previous: number, change: number, better: string, tone: KPITone, hasPrev = true): KPIView {
  return { label, kind, value, previous, change, hasPrev, better, tone }
}

export const versionView12: VersionView = {
  version: report.versions[1],
  tenantName: 'Contoso Ltd',
  dataDate: '2027-01-05T08:00:00Z',
  prevDate: '2026-10-02T08:00:00Z',
  currency: 'USD',
  kpis: [
    kpi('Users', 'count', 52, 50, 2, 'neutral', 'neutral'),
    kpi('MFA coverage', 'percent', 81.5, 75, 6.5, 'up', 'good'),
    kpi('Unused licences', 'count', 6, 4, 2, 'down', 'bad'),
    kpi('Monthly spend', 'money', 1200, 1200, 0, 'neutral', 'neutral'),
    kpi('Monthly waste', 'money', 80, 130.5, -50.5, 'down', 'good'),
  ],
  notes: ['Usage reports are anonymised in this tenant.'],
  reclaim: 3,
}

export const versionView11: VersionView = {
  ...versionView12,
  version: report.versions[0],
  dataDate: '2026-10-02T08:00:00Z',
  prevDate: '',
  kpis: versionView12.kpis.map((k) => ({ ...k, value: k.previous, previous: 0, change: 0, hasPrev: false, tone: 'neutral' })),
  notes: [],
}

export const prices: PriceRow[] = [
  { tenantId: '', skuId: 'sku-spb', partNumber: 'SPB', name: 'Microsoft 365 Business Premium', unitPrice: 22, currency: 'USD', billing: 'monthly', termStart: '', termEnd: '', monthly: 22 },
  {
    tenantId: 'tid-contoso',
    skuId: 'sku-spb',
    partNumber: 'SPB',
    name: 'Microsoft 365 Business Premium',
    unitPrice: 240,
    currency: 'USD',
    billing: 'annual',
    termStart: '2026-07-01T00:00:00Z',
    termEnd: '2027-06-30T00:00:00Z',
    monthly: 20,
  },
]
