// Evidence files: only the caller's own private uploads or files already under the case's path;
// images go to WeChat's asynchronous media check, whose verdict arrives later by push.
import type { EvidenceInput, EvidenceView } from '../../../typings/api/mediationCase'
import {
  cloudPathOf,
  fail,
  isOwnPrivateFile,
  requestImageChecks,
  type CaseRole,
  type EvidenceRecord,
} from '../../_shared'

export function checkEvidenceOwnership(
  openid: string,
  caseId: string,
  evidence: readonly EvidenceInput[],
  at = 'evidence',
): void {
  evidence.forEach((e, i) => {
    const path = cloudPathOf(e.fileId)
    const ofCase = path !== undefined && path.startsWith(`cases/${caseId}/`)
    if (!ofCase && !isOwnPrivateFile(openid, e.fileId)) {
      fail(
        'FILE_NOT_OWNED',
        '证据须由本人上传到个人私有目录，请重新上传',
        `payload.${at}.${i}.fileId`,
      )
    }
  })
}

/** Keeps the earlier check result of a file that was already attached. */
export function evidenceRecords(
  evidence: readonly EvidenceInput[],
  previous: readonly EvidenceRecord[],
): EvidenceRecord[] {
  return evidence.map((e) => {
    const known = previous.find((p) => p.fileId === e.fileId)
    return {
      fileId: e.fileId,
      name: e.name,
      kind: e.kind,
      check: known?.check ?? (e.kind === 'image' ? 'pending' : 'not_applicable'),
      traceId: known?.traceId ?? null,
    }
  })
}

/**
 * Starts the media check of images not yet checked; returns the records with their trace ids. An
 * image the check could not be asked for stays `pending`: the mediator sees it unchecked.
 */
export async function startMediaChecks(
  openid: string,
  records: readonly EvidenceRecord[],
): Promise<EvidenceRecord[]> {
  const todo = records.filter((r) => r.kind === 'image' && r.traceId === null)
  if (!todo.length) return [...records]
  const traces = await requestImageChecks(
    openid,
    todo.map((r) => r.fileId),
    'evidence.mediaCheck.failed',
  )
  return records.map((r) => {
    const traceId = traces.get(r.fileId)
    return traceId ? { ...r, traceId } : r
  })
}

/**
 * Evidence a role may see: a `risky` image only its owner (the applicant, who attaches all
 * evidence) and the organisation's staff; everyone else does not learn it exists.
 */
export function visibleEvidence(
  evidence: readonly EvidenceRecord[],
  role: CaseRole,
): EvidenceRecord[] {
  return evidence.filter((e) => e.check !== 'risky' || role === 'applicant' || role === 'staff')
}

/** A `review` flag is for the mediator and staff; the parties keep seeing 审核中. */
export function evidenceView(e: EvidenceRecord, role: CaseRole, url: string | null): EvidenceView {
  const reviewer = role === 'mediator' || role === 'staff'
  const check = e.check === 'review' && !reviewer ? 'pending' : e.check
  const note = check === 'review' || check === 'risky' ? (e.checkNote ?? null) : null
  return { name: e.name, kind: e.kind, url, check, checkNote: note }
}
