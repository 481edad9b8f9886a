// The online filing (在线立案) as fileCase and withdrawCase see it: the stored `filings` shape,
// the filer's identity snapshot and the identity lock, and the view the filer and staff get.
import { allowedCommands, type Actor } from '../../miniprogram/core/machines'
import {
  FILING_STATUS_LABELS,
  filingMachine,
  type FilingEntity,
} from '../../miniprogram/core/machines/filing'
import type { PartyType } from '../../typings/api/common'
import type { FilingEvidenceInput, FilingPartyView, FilingView } from '../../typings/api/fileCase'
import type { AuditHead } from './audit'
import type { Caller } from './caller'
import { COLLECTIONS } from './collections'
import { decryptField, keyedHash } from './crypto'
import { fail } from './errors'
import { identityIdFor } from './identity-ids'
import { iso } from './settled-case'
import { findById, type StoredDoc } from './store'

export interface FilingPartyRecord {
  readonly role: 'plaintiff' | 'defendant'
  readonly partyType: PartyType
  readonly maskedName: string
  readonly nameEnc: string
  readonly maskedIdNumber: string | null
  readonly idNumberEnc: string | null
  readonly maskedPhone: string | null
  readonly phoneEnc: string | null
  readonly addressEnc: string | null
}

/** What the filer was verified as when filing: masked values, sealed values and the lock hash. */
export interface IdentitySnapshot {
  readonly identityId: string
  readonly idType: string | null
  readonly maskedName: string
  readonly maskedIdNumber: string | null
  /** HMAC of the identity number (blind index) + the name: what must match again later. */
  readonly lockHash: string
  readonly takenAt: Date
}

export interface FilingDoc extends FilingEntity, AuditHead, Record<string, unknown> {
  readonly route: 'transfer' | 'direct'
  readonly caseId: string | null
  readonly caseNumber: string | null
  readonly filerOpenid: string
  /** For "my cases" queries (and verifyIdentity's blocked-case list). */
  readonly partyOpenids: readonly string[]
  readonly organisationName: string
  readonly region: { readonly provinceCode: string; readonly cityCode: string }
  readonly parties: readonly FilingPartyRecord[]
  readonly claims: readonly string[]
  readonly factsAndReasons: string
  readonly factsCheck: 'pass' | 'review'
  readonly evidence: readonly FilingEvidenceInput[]
  readonly identitySnapshot: IdentitySnapshot
  readonly pendingWithdrawalId?: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

interface IdentityLike extends Record<string, unknown> {
  readonly status?: string
  readonly idType?: string | null
  readonly idNumberHash?: string | null
  readonly nameEnc?: string | null
  readonly maskedName?: string | null
  readonly maskedIdNumber?: string | null
}

function lockHashOf(identity: IdentityLike): string | undefined {
  if (!identity.idNumberHash || !identity.nameEnc) return undefined
  let name: string
  try {
    name = decryptField(identity.nameEnc)
  } catch {
    return undefined
  }
  return keyedHash('filing-identity', `${identity.idNumberHash}\u0000${name.trim()}`)
}

async function currentIdentity(openid: string): Promise<IdentityLike | undefined> {
  return findById<IdentityLike>(COLLECTIONS.identities, identityIdFor(openid))
}

/** The filer's verified identity as the snapshot a new filing stores. */
export async function snapshotIdentity(caller: Caller, now: Date): Promise<IdentitySnapshot> {
  const identity = await currentIdentity(caller.openid)
  if (identity?.status !== 'verified') fail('IDENTITY_REQUIRED', '请先完成实名认证后再提交立案申请')
  const lockHash = lockHashOf(identity)
  if (!lockHash) return fail('IDENTITY_REQUIRED', '实名认证信息不完整，请重新认证后再提交')
  return {
    identityId: identityIdFor(caller.openid),
    idType: identity.idType ?? null,
    maskedName: identity.maskedName ?? '',
    maskedIdNumber: identity.maskedIdNumber ?? null,
    lockHash,
    takenAt: now,
  }
}

/** Whether the caller's current identity is the one the filing was made under. */
export async function identityMatches(caller: Caller, doc: FilingDoc): Promise<boolean> {
  const identity = await currentIdentity(caller.openid)
  if (identity?.status !== 'verified') return false
  return lockHashOf(identity) === doc.identitySnapshot.lockHash
}

/**
 * The identity lock: after the filer deleted their verified identity (or verified as someone
 * else), every operation on the filing is refused until the same identity verifies again.
 */
export async function assertFilerIdentity(caller: Caller, doc: FilingDoc): Promise<void> {
  const identity = await currentIdentity(caller.openid)
  if (identity?.status !== 'verified') {
    fail('IDENTITY_REQUIRED', '您的实名认证信息已删除或失效，请重新完成实名认证后再办理本立案申请')
  }
  if (lockHashOf(identity) !== doc.identitySnapshot.lockHash) {
    fail('IDENTITY_MISMATCH', '您当前的实名认证信息与提交立案时的身份不一致，暂不能办理本立案申请')
  }
}

export type FilingRole = 'filer' | 'staff'

/** Loads a filing for its filer (identity lock applies) or the staff of its organisation. */
export async function loadFiling(
  filingId: string,
  caller: Caller,
  who: 'filer' | 'staff' | 'either',
): Promise<{ doc: StoredDoc<FilingDoc>; role: FilingRole }> {
  const doc = await findById<FilingDoc>(COLLECTIONS.filings, filingId)
  if (!doc) return fail('NOT_FOUND', '立案申请不存在或已被删除')
  const filer = doc.filerOpenid === caller.openid
  const staff = caller.staff !== undefined && caller.staff.organisationId === doc.organisationId
  if (who === 'filer' && !filer) fail('NOT_FILER', '只有提交立案申请的当事人可以办理')
  if (who === 'staff' && !staff) fail('FORBIDDEN', '仅受理机构工作人员可以办理')
  if (!filer && !staff) fail('FORBIDDEN', '您无权查看该立案申请')
  const role: FilingRole = filer && who !== 'staff' ? 'filer' : 'staff'
  if (role === 'filer') await assertFilerIdentity(caller, doc)
  return { doc, role }
}

export function filingActor(role: FilingRole, caller: Caller): Actor {
  return role === 'staff' && caller.staff
    ? { kind: 'staff', id: caller.staff.id }
    : { kind: 'party', id: caller.hash }
}

const ROLE_LABELS = { plaintiff: '申请人（原告）', defendant: '被申请人（被告）' } as const

export function partyView(p: FilingPartyRecord): FilingPartyView {
  return {
    role: p.role,
    roleLabel: ROLE_LABELS[p.role],
    partyType: p.partyType,
    maskedName: p.maskedName,
    maskedIdNumber: p.maskedIdNumber,
    maskedPhone: p.maskedPhone,
  }
}

export function toFilingView(
  doc: StoredDoc<FilingDoc>,
  actor: Actor,
  now: Date,
  identityLocked: boolean,
): FilingView {
  return {
    filingId: doc._id,
    route: doc.route,
    caseId: doc.caseId,
    caseNumber: doc.caseNumber,
    status: doc.status,
    statusLabel: FILING_STATUS_LABELS[doc.status],
    organisationId: doc.organisationId ?? '',
    organisationName: doc.organisationName,
    parties: doc.parties.map(partyView),
    claims: doc.claims,
    factsAndReasons: doc.factsAndReasons,
    evidence: doc.evidence,
    filingNumber: doc.filingNumber ?? null,
    rejectReason: doc.rejectReason ?? null,
    withdrawalReason: doc.withdrawalReason ?? null,
    withdrawalRefusedReason: doc.withdrawalRefusedReason ?? null,
    submittedAt: iso(doc.submittedAt),
    acceptedAt: iso(doc.acceptedAt),
    withdrawnAt: iso(doc.withdrawnAt),
    allowedActions: identityLocked ? [] : allowedCommands(filingMachine, doc, actor, now),
    identityLocked,
  }
}
