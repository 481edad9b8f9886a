import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

// The "who am I" overlay lists the emulator's seeded users when the seed module exists; until
// it does, the four fixed OPENIDs the seed is agreed to contain.
export interface SimUser {
  openid: string
  label: string
}

export const FALLBACK_USERS: SimUser[] = [
  { openid: 'o_party_applicant', label: '申请人' },
  { openid: 'o_party_respondent', label: '被申请人' },
  { openid: 'o_mediator_0001', label: '调解员' },
  { openid: 'o_staff_beijing', label: '工商联工作人员（北京）' },
]

function labelOf(u: Record<string, unknown>): string {
  for (const k of ['label', 'displayName', 'nickName', 'name', 'role']) {
    const v = u[k]
    if (typeof v === 'string' && v) return v
  }
  return String(u['openid'])
}

export async function loadSeedUsers(repoRoot: string): Promise<SimUser[]> {
  const file = path.join(repoRoot, 'tools', 'cloudbase-emulator', 'seed', 'index.ts')
  if (!existsSync(file)) return FALLBACK_USERS
  try {
    const mod = (await import(pathToFileURL(file).href)) as { SEED_USERS?: unknown }
    const list = Array.isArray(mod.SEED_USERS) ? (mod.SEED_USERS as Record<string, unknown>[]) : []
    const users = list
      .filter((u) => typeof u['openid'] === 'string')
      .map((u) => ({ openid: u['openid'] as string, label: labelOf(u) }))
    return users.length ? users : FALLBACK_USERS
  } catch {
    return FALLBACK_USERS
  }
}
