import { useEffect, useState } from 'react'
import { Label, Select, useId } from '@fluentui/react-components'
import { useBackend } from '../api'
import type { TenantRow } from '../api/types'
import { ALL_TENANTS, loadPick, resolvePick, savePick } from '../tenantPick'

export interface PickedTenant {
  tenantId: string
  setTenantId: (id: string) => void
  tenants: TenantRow[] | null
}

/** The tenant picked for Users/Licenses/MFA, remembered across pages and restarts. */
export function usePickedTenant(): PickedTenant {
  const b = useBackend()
  const [stored, setStored] = useState<string>(() => loadPick())
  const [tenants, setTenants] = useState<TenantRow[] | null>(null)
  useEffect(() => {
    let live = true
    b.tenants
      .list()
      .then((t) => live && setTenants(t))
      .catch(() => live && setTenants([]))
    return () => {
      live = false
    }
  }, [b])
  const setTenantId = (id: string) => {
    savePick(id)
    setStored(id)
  }
  return { tenantId: resolvePick(stored, tenants), setTenantId, tenants }
}

export function TenantPicker({ pick }: { pick: PickedTenant }) {
  const id = useId('tenant-picker')
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <Label htmlFor={id}>Tenant</Label>
      <Select id={id} style={{ width: 280 }} data-testid="tenant-picker" value={pick.tenantId} onChange={(_, d) => pick.setTenantId(d.value)}>
        <option value={ALL_TENANTS}>All tenants</option>
        {(pick.tenants ?? []).map((t) => (
          <option key={t.id} value={t.id}>
            {t.displayName || t.defaultDomain || t.id}
          </option>
        ))}
      </Select>
    </div>
  )
}
