// The intake half of the party journey at the function level, shared by the throughput bench
// and the durability test: applicant and respondent verify by face, the applicant applies and
// invites, the respondent joins through the invitation and agrees. Request ids are derived from
// the user and the step, so running a step again (after a crash) is an idempotent retry.
import { gb11643CheckChar } from '../../miniprogram/core/identity/gb11643'
import {
  COMMERCIAL_DISPUTE_TYPES,
  SEED_DISPUTE_TYPES,
} from '../cloudbase-emulator/seed/dispute-types'
import { REGIONS } from '../cloudbase-emulator/seed/regions'

export type Answer =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; error: { code: string; message?: string } }

export interface JourneyPlatform {
  invoke(
    openid: string,
    fn: string,
    action: string,
    payload: object,
    requestId: string,
  ): Promise<Answer>
  /** Passes the face check, as the user would in WeChat's face sheet; false if it expired. */
  passFace(verifyId: string): Promise<boolean>
}

/** A valid, distinct resident ID number for journey user `i` (born 1980-01-01 + i days). */
export function journeyIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000)
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '')
  const body = `330106${ymd}${String(100 + (i % 900)).padStart(3, '0')}`
  return body + (gb11643CheckChar(body) ?? '0')
}

export function journeyPeople(i: number, total: number) {
  const n = String(i).padStart(4, '0')
  return {
    applicant: { openid: `o_journey_app_${n}`, name: '陈静', idNumber: journeyIdNumber(i) },
    respondent: {
      openid: `o_journey_resp_${n}`,
      name: '王芳',
      idNumber: journeyIdNumber(total + i),
    },
  }
}

const JOURNEY_REGIONS = Object.values(REGIONS)

/** Journey `i`'s application: a sales dispute in Hangzhou, or with `spread`, one of the seeded
 * cities and commercial dispute types in turn, as a chamber's real caseload is, so that many
 * journeys do not all compete for one city's specialists (which would measure the seed's supply,
 * not the platform). */
export function journeyApplication(i: number, respondentIdNumber: string, spread = false) {
  const disputeType = spread
    ? COMMERCIAL_DISPUTE_TYPES[i % COMMERCIAL_DISPUTE_TYPES.length]!
    : 'sale_contract'
  const region = spread ? JOURNEY_REGIONS[i % JOURNEY_REGIONS.length]! : REGIONS.hangzhou
  const label = SEED_DISPUTE_TYPES[disputeType]
  return {
    disputeType,
    description: `旅程 ${i} 的${label}纠纷：已按约履行，对方拒付款项，申请调解。`,
    amountFen: 1_000_000 + i,
    claims: ['支付款项'],
    evidence: [],
    respondent: {
      partyType: 'person',
      name: '王芳',
      phone: '13812345678',
      idType: 'resident_id',
      idNumber: respondentIdNumber,
      address: `${region.provinceName}${region.cityName === region.provinceName ? '' : region.cityName}人民路 100 号`,
    },
    region: { provinceCode: region.provinceCode, cityCode: region.cityCode },
  }
}

/** A request id the functions accept ([A-Za-z0-9_-]{8,64}), fixed per user and step. */
export function requestIdFor(openid: string, step: string): string {
  return `${openid}_${step}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)
}

export class JourneyError extends Error {}

export function dataOf(answer: Answer, what: string): Record<string, unknown> {
  if (!answer.ok) throw new JourneyError(`${what}: ${answer.error.code}`)
  return answer.data
}

/** Runs the intake for journey `i`; `onAck` hears every step the platform acknowledged. */
export async function runIntake(
  platform: JourneyPlatform,
  i: number,
  total: number,
  onAck: (step: string, data: Record<string, unknown>, openid: string) => void = () => undefined,
  spread = false,
): Promise<{ caseId: string; applicant: string; respondent: string }> {
  const { applicant, respondent } = journeyPeople(i, total)
  const step = async (
    openid: string,
    fn: string,
    action: string,
    payload: object,
    attempt = '',
  ) => {
    const requestId = requestIdFor(openid, `${fn}_${action}${attempt}`)
    const data = dataOf(
      await platform.invoke(openid, fn, action, payload, requestId),
      `${fn}.${action}`,
    )
    onAck(`${fn}.${action}`, data, openid)
    return data
  }
  for (const p of [applicant, respondent]) {
    // A user who is already verified (say, before a crash) does not verify again.
    const status = dataOf(
      await platform.invoke(p.openid, 'verifyIdentity', 'status', {}, requestIdFor(p.openid, 's')),
      'verifyIdentity.status',
    )
    if (status['status'] === 'verified') continue
    for (let attempt = 0; ; attempt += 1) {
      const suffix = attempt === 0 ? '' : `_${attempt}`
      const started = await step(
        p.openid,
        'verifyIdentity',
        'startFace',
        {
          name: p.name,
          idNumber: p.idNumber,
        },
        suffix,
      )
      const verifyId = String(started['verifyId'])
      // An expired face session is started anew, as WeChat's sheet would ask the user to.
      if (!(await platform.passFace(verifyId))) {
        if (attempt < 2) continue
        throw new JourneyError('人脸核身会话已失效')
      }
      await step(p.openid, 'verifyIdentity', 'confirmFace', { verifyId }, suffix)
      break
    }
  }
  const submitted = await step(
    applicant.openid,
    'mediationCase',
    'submit',
    journeyApplication(i, respondent.idNumber, spread),
  )
  const caseId = String(submitted['caseId'])
  const invited = await step(applicant.openid, 'mediationCase', 'invite', { caseId })
  const token = new URL(`https://x/${String(invited['sharePath'])}`).searchParams.get('token')
  await step(respondent.openid, 'mediationCase', 'join', { token })
  await step(respondent.openid, 'mediationCase', 'respond', { caseId, agree: true })
  return { caseId, applicant: applicant.openid, respondent: respondent.openid }
}
