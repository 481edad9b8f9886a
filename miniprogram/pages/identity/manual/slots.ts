// Which photos a manual identity review needs, by party type and ID type.
import type { IdType, PartyType } from '../../../core/catalogues/index'

export type PhotoSlot = 'front' | 'back' | 'handheld' | 'licence' | 'authorisation'

export interface SlotSpec {
  readonly slot: PhotoSlot
  readonly label: string
  readonly required: boolean
}

/** The upload slots to show; passports have no back side, enterprises add their proofs. */
export function photoSlots(partyType: PartyType, idType: IdType): SlotSpec[] {
  const slots: SlotSpec[] = [
    { slot: 'front', label: '证件正面（人像面）', required: true },
    { slot: 'back', label: '证件反面', required: idType !== 'passport' },
    { slot: 'handheld', label: '本人手持证件照', required: true },
  ]
  if (partyType === 'enterprise') {
    slots.push(
      { slot: 'licence', label: '营业执照', required: true },
      { slot: 'authorisation', label: '授权委托书或法定代表人证明书', required: true },
    )
  }
  return slots
}

/** The first required slot still empty, so the page can say what is missing. */
export function missingSlot(
  slots: readonly SlotSpec[],
  uploaded: Readonly<Partial<Record<PhotoSlot, string>>>,
): SlotSpec | undefined {
  return slots.find((s) => s.required && !uploaded[s.slot])
}
