// Who to tell at an organisation: its active staff members (a handful per organisation).
import { COLLECTIONS } from './collections'
import { findMany } from './store'

export async function staffOpenidsOf(organisationId: string | null): Promise<string[]> {
  if (!organisationId) return []
  const rows = await findMany<{ openid?: unknown; active?: unknown }>(
    COLLECTIONS.staffMembers,
    { organisationId },
    { limit: 20 },
  )
  return rows
    .filter((r) => r.active !== false && typeof r.openid === 'string' && r.openid !== '')
    .map((r) => r.openid as string)
}
