import type { DisputeTypeCode } from '../catalogues'

// Dispute types whose practice overlaps enough that a specialist in one is a reasonable second
// choice for the other (e.g. unpaid goods money is a sales-contract question). Symmetric by
// construction below, so listing each pair once is enough.
const RELATED_PAIRS: readonly (readonly [DisputeTypeCode, DisputeTypeCode])[] = [
  ['sale_contract', 'unpaid_accounts'],
  ['sale_contract', 'transport_logistics'],
  ['sale_contract', 'work_and_service'],
  ['loan_contract', 'finance'],
  ['loan_contract', 'unpaid_accounts'],
  ['construction_project', 'work_and_service'],
  ['construction_project', 'lease'],
  ['equity_and_company', 'partnership'],
  ['equity_and_company', 'finance'],
  ['work_and_service', 'transport_logistics'],
  ['intellectual_property', 'equity_and_company'],
]

const RELATED = buildRelated(RELATED_PAIRS)

function buildRelated(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  const link = (a: string, b: string): void => {
    const list = map.get(a) ?? []
    if (!list.includes(b)) list.push(b)
    map.set(a, list)
  }
  for (const [a, b] of pairs) {
    link(a, b)
    link(b, a)
  }
  for (const list of map.values()) list.sort()
  return map
}

/** Dispute type codes related to `disputeType` (never including itself), sorted. */
export function relatedDisputeTypes(disputeType: string): readonly string[] {
  return RELATED.get(disputeType) ?? []
}
