import { normaliseEntityName, normaliseUscc } from './normalise'
import type { CaseParty, MediatorCandidate } from './types'

/** The case's parties reduced to the keys a declared affiliation can collide with. */
export interface PartyKeys {
  readonly enterpriseNames: ReadonlySet<string>
  readonly usccs: ReadonlySet<string>
  readonly nameHashes: ReadonlySet<string>
  readonly openids: ReadonlySet<string>
}

export function partyKeys(parties: readonly CaseParty[]): PartyKeys {
  const enterpriseNames = new Set<string>()
  const usccs = new Set<string>()
  const nameHashes = new Set<string>()
  const openids = new Set<string>()
  for (const party of parties) {
    if (party.partyType === 'enterprise') {
      const name = normaliseEntityName(party.name)
      if (name !== '') enterpriseNames.add(name)
    }
    if (party.uscc !== undefined && party.uscc !== '') usccs.add(normaliseUscc(party.uscc))
    if (party.nameHash !== undefined && party.nameHash !== '') nameHashes.add(party.nameHash)
    if (party.openid !== undefined && party.openid !== '') openids.add(party.openid)
  }
  return { enterpriseNames, usccs, nameHashes, openids }
}

/** True when the mediator must step aside (回避): they are a party or declared a tie to one. */
export function hasConflictOfInterest(candidate: MediatorCandidate, keys: PartyKeys): boolean {
  if (candidate.openid != null && keys.openids.has(candidate.openid)) return true
  for (const affiliation of candidate.affiliations ?? []) {
    if (affiliation.kind === 'person') {
      if (keys.nameHashes.has(affiliation.nameHash)) return true
      continue
    }
    if (affiliation.uscc !== undefined && keys.usccs.has(normaliseUscc(affiliation.uscc))) {
      return true
    }
    if (keys.enterpriseNames.has(normaliseEntityName(affiliation.name))) return true
  }
  return false
}
