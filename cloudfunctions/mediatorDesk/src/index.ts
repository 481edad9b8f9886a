/**
 * mediatorDesk: the mediator's workbench (调解员工作台).
 *
 * - `bind(code)`: redeems a one-time bind code issued by organisation staff, binding the caller's
 *   WeChat account to that `mediators` doc.
 * - `listAssigned(tab)`: the caller's cases — 待受理 / 调解中 / 已结束 — with the mediation deadline.
 * - `accept` / `decline(reason)`: answers the applicant's choice; a repeated accept makes one
 *   transition (version-conditional, and an already accepted case answers its state again);
 *   a decline returns the case to choosing and bars this mediator from it.
 * - `addNote(text)`: mediation notes on the timeline, visible to the mediator and staff only.
 * - `draftAgreement` / `reviseAgreement` / `sendForSigning`: the agreement, generated from its
 *   structure by `core/agreement-text`; a revision voids every signature (agreement machine).
 * - `closeCase(failed | terminated, reason)`: closes without agreement, unlocking online filing.
 *
 * Caller: `miniprogram/services/mediator-desk.ts` (mediator subpackage).
 * Auth: OPENID; `bind` for any signed-in user, everything else only for a bound mediator, and
 *   case actions only for the case's assigned mediator.
 * Reads/writes: `bind_codes`, `mediators`, `mediation_cases`, `agreements`, `case_events`,
 *   `audit_events`, `messages`, `subscribe_grants`, `idempotency_keys`; reads `organisations`.
 * Errors: `BIND_CODE_INVALID`, `BIND_CODE_EXPIRED`, `BIND_CODE_USED`, `ALREADY_BOUND`,
 *   `INVALID_TRANSITION`, `NOT_ASSIGNED_MEDIATOR`, `AGREEMENT_EXISTS`, `NO_AGREEMENT`,
 *   `STALE_REVISION`, `INCOMPLETE_SIGNERS`, `CONTENT_RISKY`, plus the common codes.
 */
import { defineFunction } from '../../_shared'
import { accept, decline } from './answer'
import { bind } from './bind'
import { closeCase } from './close'
import { draftAgreement, reviseAgreement, sendForSigning } from './agreement'
import { listAssigned } from './list'
import { addNote } from './notes'

export const main = defineFunction('mediatorDesk', {
  actions: {
    bind,
    listAssigned,
    accept,
    decline,
    addNote,
    draftAgreement,
    reviseAgreement,
    sendForSigning,
    closeCase,
  },
})
