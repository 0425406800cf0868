// 50,000 users for the grid benchmark: deterministic (seeded), shaped like
// Go's UserRow (review.UserRow) with the spread of values a large MSP has.
import type { UserRow, UsersView } from '../src/api/types'
import { user } from '../src/test/fixtures'

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const first = ['Ada', 'Bob', 'Chen', 'Dana', 'Emil', 'Fatima', 'Gustav', 'Hana', 'Ivan', 'Jonas', 'Kemal', 'Lena', 'Mia', 'Noah', 'Olga', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Vera', 'Wei', 'Xenia', 'Yusuf', 'Zoe']
const last = ['Lovelace', 'Hopper', 'Turing', 'Meyer', 'Schmidt', 'Okafor', 'Nakamura', 'Rossi', 'Novak', 'Garcia', 'Kowalski', 'Andersen', 'Dubois', 'Silva', 'Khan', 'Berg']
const depts = ['Finance', 'Sales', 'Marketing', 'Engineering', 'Support', 'Legal', 'HR', 'Operations', '']
const skus = ['Microsoft 365 E3', 'Microsoft 365 Business Premium', 'Office 365 E1', 'Exchange Online (Plan 1)', 'Microsoft Teams Essentials', 'Power BI Pro']
const mfa = ['Enabled', 'Enabled', 'Enabled', 'Disabled', 'Unavailable']
const tenants = [
  { id: 'tid-contoso', name: 'Contoso Ltd', domain: 'contoso.com' },
  { id: 'tid-fabrikam', name: 'Fabrikam Inc', domain: 'fabrikam.com' },
  { id: 'tid-northwind', name: 'Northwind Traders', domain: 'northwind.com' },
]

export function generateUsers(n: number, seed = 1): UserRow[] {
  const r = rng(seed)
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]
  const rows: UserRow[] = []
  for (let i = 0; i < n; i++) {
    const t = tenants[i % tenants.length]
    const fn = pick(first)
    const ln = pick(last)
    const upn = `${fn}.${ln}.${i}@${t.domain}`.toLowerCase()
    const lic = r() < 0.15 ? [] : r() < 0.2 ? [pick(skus), pick(skus)] : [pick(skus)]
    const days = r() < 0.05 ? -1 : Math.floor(r() * 400)
    rows.push(
      user({
        tenantId: t.id,
        tenantName: t.name,
        id: `u-${i}`,
        displayName: `${fn} ${ln}`,
        userPrincipalName: upn,
        mail: upn,
        department: pick(depts),
        jobTitle: pick(['Analyst', 'Manager', 'Engineer', 'Consultant', '']),
        userType: r() < 0.08 ? 'Guest' : 'Member',
        accountEnabled: r() > 0.04,
        resourceAccount: r() < 0.02,
        licenseNames: lic,
        licenseParts: lic,
        mfaStatus: pick(mfa),
        mfaMethods: ['microsoftAuthenticatorPush'],
        daysInactive: days,
        lastSignIn: days < 0 ? '' : new Date(Date.UTC(2026, 10, 30) - days * 86400000).toISOString(),
        emailsSent: Math.floor(r() * 300),
        emailsRead: Math.floor(r() * 900),
        created: '2021-03-01T00:00:00Z',
        licenseSources: lic.map(() => 'Direct'),
      }),
    )
  }
  return rows
}

export function usersView(n: number): UsersView {
  return { rows: generateUsers(n), dataDate: '2026-11-30T08:00:00Z', notes: [], inactiveDays: 90 }
}

export const benchTenants = tenants
