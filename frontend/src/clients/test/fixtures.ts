// Fixture data shaped like Go's Clients views (backend/bridge/clients.go).
import type { ClientDetail, ClientRow, ContactRow, ImportView, MappingRow } from '../../api/clientTypes'
import { noScore } from '../../test/fixtures'

export function clientRow(o: Partial<ClientRow> = {}): ClientRow {
  return {
    id: 1, name: 'Contoso', source: 'csv', tenantIds: ['tid-contoso'], tenants: 1, synced: 1, contacts: 3, users: 12, licensed: 9,
    mfaRegistered: 6, mfaEligible: 8, mfaAvailable: true, mfaCoveragePct: 75, unusedLicenses: 2, monthlySpend: 200, monthlyWaste: 24.5,
    currency: 'USD', matched: 2, contactOnly: 1, accountOnly: 10, findings: 2, dataDate: '2027-01-31T12:00:00Z', ...o,
  }
}

export function contact(o: Partial<ContactRow> = {}): ContactRow {
  return {
    match: 'matched', email: 'ada@contoso.com', userPrincipalName: 'ada@contoso.com', contactName: 'Ada Lovelace', contactId: 1, contactPsaId: '',
    contactActive: true, tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', userId: 'u1', displayName: 'Ada Lovelace',
    licenses: 'Microsoft 365 E3', mfaStatus: 'Enabled', accountEnabled: true, deleted: false, conflicts: [], ...o,
  }
}

export function detail(o: Partial<ClientDetail> = {}): ClientDetail {
  const client = clientRow()
  return {
    client, website: 'contoso.com', identifier: 'Contoso', psaId: '', mergeFrom: 'accounts',
    kpis: {
      users: 12, licensed: 9, guests: 1, disabled: 0, mfaRegistered: 6, mfaEligible: 8, mfaAvailable: true, mfaCoveragePct: 75, purchased: 11,
      assigned: 9, unused: 2, utilizationPct: 81.8, monthlySpend: 200, annualSpend: 2400, monthlyWaste: 24.5, hasMoney: true, currency: 'USD',
      inactive: 1, inactiveLicensed: 1, inactiveDays: 90,
    },
    tenants: [
      { tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', defaultDomain: 'contoso.onmicrosoft.com', synced: true, dataDate: '2027-01-31T12:00:00Z',
        users: 12, licensed: 9, mfaAvailable: true, mfaCoveragePct: 75, unusedLicenses: 2, monthlySpend: 200, monthlyWaste: 24.5, hasMoney: true, currency: 'USD', secureScore: noScore() },
    ],
    rows: [
      contact(),
      contact({ email: 'grace@contoso.com', userPrincipalName: 'grace@contoso.com', contactName: 'Grace Hopper', userId: 'u2', displayName: 'Grace Hopper' }),
      contact({ match: 'contact_only', email: 'ghost@contoso.com', userPrincipalName: '', contactName: 'Ghost Contact', userId: '', tenantId: '', tenantName: '', licenses: '', mfaStatus: '', accountEnabled: undefined }),
      contact({ match: 'account_only', email: 'bob@contoso.com', userPrincipalName: 'bob@contoso.com', contactName: '', contactId: 0, contactActive: undefined, displayName: 'Bob Builder' }),
    ],
    findings: [
      { kind: 'licensed_account_without_contact', label: 'Licensed account without contact', sentence: 'Bob Builder (bob@contoso.com) is licensed but has no contact.', contactId: '', accountId: 'u3', tenantId: 'tid-contoso', tenantName: 'Contoso Ltd' },
      { kind: 'contact_without_account', label: 'Contact without account', sentence: 'Ghost Contact (ghost@contoso.com) has no account.', contactId: '3', accountId: '', tenantId: '', tenantName: '' },
    ],
    notes: [],
    ...o,
  }
}

export function mappingRow(o: Partial<MappingRow> = {}): MappingRow {
  return {
    tenantId: 'tid-contoso', tenantName: 'Contoso Ltd', defaultDomain: 'contoso.onmicrosoft.com', clientId: 0, clientName: '', mappedBy: '', confidence: 0,
    suggestions: [{ clientId: 1, clientName: 'Contoso', score: 0.93, nameScore: 1, domainScore: 0.8, reasons: ['name matches "Contoso"', 'contacts use contoso.com'] }],
    autoMap: true, autoReason: '', ...o,
  }
}

export function importView(o: Partial<ImportView> = {}): ImportView {
  return {
    fileName: 'contacts.csv', headers: ['Company', 'First name', 'Last name', 'E-mail'], preset: 'generic', detected: true, encoding: 'utf-8-bom',
    delimiter: ';', columns: [{ field: 'company', header: 'Company', index: 0 }, { field: 'firstName', header: 'First name', index: 1 },
      { field: 'lastName', header: 'Last name', index: 2 }, { field: 'email', header: 'E-mail', index: 3 }],
    rows: 4, contacts: 4, problems: [{ kind: 'no_email', line: 5, lines: [], value: '', message: 'contact has no email address; it is kept but cannot match an account' }],
    noEmail: 1, duplicates: 0, added: 3, updated: 1, unchanged: 0, deactivated: 2, clientsAdded: 1,
    sample: [{ line: 2, company: 'Contoso', name: 'Ada Lovelace', emails: ['ada@contoso.com'], active: true }], committed: false, failure: undefined, ...o,
  }
}
