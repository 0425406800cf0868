import { describe, expect, it } from 'vitest'
import { activeCount, facets, filterUsers, noFilters, NO_VALUE, parseDays, UNLICENSED } from './filters'
import { user } from '../test/fixtures'

const rows = [
  user({ id: '1', displayName: 'Ada Lovelace', department: 'Finance', userType: 'Member', licenseNames: ['Microsoft 365 E3'], mfaStatus: 'Enabled', daysInactive: 3 }),
  user({ id: '2', displayName: 'Bob Guest', department: '', userType: 'Guest', licenseNames: [], mfaStatus: 'Disabled', daysInactive: 120 }),
  user({ id: '3', displayName: 'Room 1', department: 'Facilities', userType: 'Member', resourceAccount: true, licenseNames: [], mfaStatus: 'Disabled', daysInactive: -1 }),
  user({ id: '4', displayName: 'Cy Admin', department: 'Finance', userType: 'Member', licenseNames: ['Microsoft 365 E3', 'Visio Plan 2'], mfaStatus: 'Disabled', daysInactive: 91, mail: 'cy@contoso.com' }),
]
const ids = (f: Partial<typeof noFilters>) => filterUsers(rows, { ...noFilters, ...f }).map((u) => u.id)

describe('user filters', () => {
  it('passes everything with no filters', () => {
    expect(ids({})).toEqual(['1', '2', '3', '4'])
    expect(activeCount(noFilters)).toBe(0)
  })
  it('filters by department, including users without one', () => {
    expect(ids({ department: 'Finance' })).toEqual(['1', '4'])
    expect(ids({ department: NO_VALUE })).toEqual(['2'])
  })
  it('filters by user type and resource accounts', () => {
    expect(ids({ userType: 'Guest' })).toEqual(['2'])
    expect(ids({ resource: 'only' })).toEqual(['3'])
    expect(ids({ resource: 'exclude' })).toEqual(['1', '2', '4'])
  })
  it('filters by licence name and by unlicensed', () => {
    expect(ids({ licence: 'Visio Plan 2' })).toEqual(['4'])
    expect(ids({ licence: 'Microsoft 365 E3' })).toEqual(['1', '4'])
    expect(ids({ licence: UNLICENSED })).toEqual(['2', '3'])
  })
  it('filters by MFA status', () => {
    expect(ids({ mfa: 'Disabled' })).toEqual(['2', '3', '4'])
  })
  it('inactive more than N days uses DaysInactive and leaves unknown (-1) out', () => {
    expect(ids({ inactiveDays: 90 })).toEqual(['2', '4'])
    expect(ids({ inactiveDays: 91 })).toEqual(['2'])
    expect(ids({ inactiveDays: 0 })).toEqual(['1', '2', '4'])
  })
  it('quick search matches every word, case-insensitively, across name, email and licences', () => {
    expect(ids({ search: 'cy@CONTOSO' })).toEqual(['4'])
    expect(ids({ search: 'finance visio' })).toEqual(['4'])
    expect(ids({ search: '  ' })).toEqual(['1', '2', '3', '4'])
  })
  it('combines filters', () => {
    const f = { ...noFilters, department: 'Finance', mfa: 'Disabled', inactiveDays: 30 }
    expect(filterUsers(rows, f).map((u) => u.id)).toEqual(['4'])
    expect(activeCount(f)).toBe(3)
  })
  it('offers the values present in the rows', () => {
    const fc = facets(rows)
    expect(fc.departments).toEqual(['Facilities', 'Finance'])
    expect(fc.userTypes).toEqual(['Guest', 'Member'])
    expect(fc.licences).toEqual(['Microsoft 365 E3', 'Visio Plan 2'])
    expect(fc.mfaStatuses).toEqual(['Disabled', 'Enabled'])
    expect(fc.hasNoDepartment).toBe(true)
    expect(fc.hasUnlicensed).toBe(true)
    expect(fc.unknownActivity).toBe(1)
  })
  it('parses the days box', () => {
    expect(parseDays('')).toBeNull()
    expect(parseDays(' 30 ')).toBe(30)
    expect(parseDays('-1')).toBeNull()
    expect(parseDays('2.5')).toBeNull()
    expect(parseDays('abc')).toBeNull()
  })
})
