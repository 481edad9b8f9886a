/**
 * The privacy scanner: reads what the emulator captured during a run (see
 * tools/cloudbase-emulator/src/capture) and reports every piece of personal data that reached
 * someone it does not belong to.
 *
 * The rules come from `miniprogram/core/masking.ts`: an ID number, a phone number and a person's
 * name are shown in clear only to the person concerned; everyone else gets the masked form
 * (`110***********002X`, `138****5678`, `张*`). Masked forms never match below, because
 * detection looks for the clear value only. So, for each channel and its audience:
 *
 * - ID numbers (any type): the numbers seen in verification requests and the arranged ones
 *   (known list), plus any token that validates as a 居民身份证, 港澳台居民居住证 or 外国人永久居留
 *   身份证 number or a 统一社会信用代码 by the domain core (pattern list).
 * - Phone numbers: any token that validates as a mainland mobile by the domain core.
 * - Names: the full names of the private persons (the parties). The names of mediators and
 *   organisation staff are not personal data here: the product shows them on purpose (a party
 *   chooses a mediator by name; the desk names its reviewer). A party whose name is also an
 *   office holder's (a homonym in the seed) is protected everywhere except where the value is
 *   an office holder's name: under a `mediator…`/`staff…`/`reviewer…` key, or as the `name` of an
 *   entry that carries a `mediatorId`/`staffId` (a mediator list item).
 *
 * - ID photos: the fileIDs submitted for a manual verification reach nobody but their owner
 *   (reviewing staff get short-lived URLs, never the fileID that would outlive the review).
 *
 * Allowed in clear to a user: their own data (a known number verified by them, their own name),
 * what they supplied themselves in any request (an applicant typed the respondent's name and
 * number; echoing them back tells the applicant nothing), and, inside the text of an agreement
 * (an object with `text` and a SHA-256 `hash`), the full names of the parties: the contract they
 * sign must name them (who may read it is the authorization matrix's concern). Nothing else.
 *
 * Audiences: a function answer goes to its caller (answers to another function, source `…,scf`,
 * are internal: what the calling function passes on is captured as its own answer); an answer
 * without a caller (timer) and every log line go to nobody, so they may carry no personal data
 * at all, not even a raw openid; an in-app message goes to its `toOpenid`; a subscribe message to
 * its `touser`; an SMS to the holder of the number it is sent to (its `phoneNumberList` is the
 * address, the rest is scanned as for nobody, since the holder's openid is unknown).
 */
import { toHalfWidth } from '../../../miniprogram/core/identity/field-check'
import { validateMobile } from '../../../miniprogram/core/identity/mobile'
import { validateUscc } from '../../../miniprogram/core/identity/uscc'
import { validateIdNumber } from '../../../miniprogram/core/identity/validate-id-number'
import { maskIdNumber, maskName, maskPhone } from '../../../miniprogram/core/masking'
import type { CaptureEntry } from '../../../tools/cloudbase-emulator/src/capture/types'

/** A private person whose data the scanner protects. */
export interface PrivatePerson {
  readonly openid: string
  readonly name: string
  /** Their ID numbers (any type), as arranged or verified. */
  readonly idNumbers: readonly string[]
}

export interface PrivacySubjects {
  readonly persons: readonly PrivatePerson[]
  /** Names of mediators and organisation staff (shown by the product on purpose). */
  readonly officeHolders: readonly string[]
  /** Arranged numbers with no person behind them in the seed (e.g. a defendant's USCC). */
  readonly otherIdNumbers: readonly string[]
  /** Every seeded openid: none may appear raw in a log line. */
  readonly openids: readonly string[]
}

export type LeakKind = 'id_number' | 'phone' | 'name' | 'openid' | 'photo'
export type Channel = 'response' | 'log' | 'message' | 'subscribe' | 'sms'

export interface Finding {
  readonly kind: LeakKind
  readonly channel: Channel
  /** `fn.action`, the message id, the template… */
  readonly where: string
  /** Who received it: an openid, or `nobody`. */
  readonly audience: string
  /** Path of the string inside the delivered value. */
  readonly path: string
  /** The leaked value, masked (a report must not repeat the leak). */
  readonly masked: string
}

export interface ScanCounts {
  readonly responses: number
  readonly internalResponses: number
  readonly logLines: number
  readonly messages: number
  readonly subscribeMessages: number
  readonly sms: number
}

export interface ScanResult {
  readonly counts: ScanCounts
  readonly findings: readonly Finding[]
}

const NOBODY = 'nobody'
/** Detection must accept any plausible birth date; the validators refuse only future ones. */
const DETECTION_NOW = new Date('2999-12-31T00:00:00Z')
const ID_TYPES_WITH_CHECK_DIGIT = [
  'resident_id',
  'hmt_residence_permit',
  'foreign_permanent_resident',
] as const
// Tokens are read from the half-width, upper-cased text with its spaces and dashes, so the words
// around a number stay apart from it (`ID 4403…`) while a number written in groups still counts;
// a run inside a longer letters-and-digits token (an invocation id's hex) is not a number.
// A lookahead, so candidates may overlap: `ID 440305 …` must not swallow the number's start.
const ID_TOKEN = /(?<![0-9A-Z])(?=([0-9A-Z](?:[\s-]?[0-9A-Z]){14,17})(?![0-9A-Z]))/g
const MOBILE_TOKEN = /(?<![0-9A-Z])(?:\+?86[\s-]?)?1[3-9](?:[\s-]?\d){9}(?![0-9A-Z])/g
const ID_KEY = /idNumber|uscc/i
const OFFICE_KEY = /^(mediator|staff|reviewer)/i
const OFFICE_ID_KEY = /^(mediator|staff)Id$/
const SHA256 = /^[0-9a-f]{64}$/

/** Half-width, upper case, no spaces or dashes: how numbers are compared. */
function compact(text: string): string {
  return toHalfWidth(text).replace(/[\s-]/g, '').toUpperCase()
}

interface Leaf {
  readonly path: string
  readonly key: string
  readonly text: string
  /** Inside an agreement text (`{ text, hash }`). */
  readonly agreementText: boolean
  /** The `name` of an entry that describes a mediator or a staff member. */
  readonly officeHolderName: boolean
}

function leaves(value: unknown, path = '$', key = '', out: Leaf[] = []): Leaf[] {
  if (typeof value === 'string') {
    out.push({ path, key, text: value, agreementText: false, officeHolderName: false })
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${path}[${i}]`, key, out))
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    const describesOfficeHolder = Object.keys(obj).some((k) => OFFICE_ID_KEY.test(k))
    const isAgreement =
      typeof obj['text'] === 'string' && typeof obj['hash'] === 'string' && SHA256.test(obj['hash'])
    for (const [k, v] of Object.entries(obj)) {
      if (isAgreement && k === 'text') {
        out.push({
          path: `${path}.text`,
          key: k,
          text: v as string,
          agreementText: true,
          officeHolderName: false,
        })
      } else if (describesOfficeHolder && k === 'name' && typeof v === 'string') {
        out.push({
          path: `${path}.name`,
          key: k,
          text: v,
          agreementText: false,
          officeHolderName: true,
        })
      } else {
        leaves(v, `${path}.${k}`, k, out)
      }
    }
  }
  return out
}

/** Whether a token validates as an ID number of a type with a check digit, or as a USCC. */
export function validatesAsIdNumber(token: string): boolean {
  if (token.length !== 18) return false
  // The core accepts a USCC with a wrong check character (for manual review); detection wants
  // the strict form, or every 18-character id would look like one.
  const uscc = validateUscc(token)
  if (uscc.ok && !uscc.warnings.some((w) => w.code === 'USCC_CHECKSUM_MISMATCH')) return true
  return ID_TYPES_WITH_CHECK_DIGIT.some((t) => validateIdNumber(t, token, DETECTION_NOW).ok)
}

/** Everything each user sent in requests, compacted and raw, to test "supplied it themselves". */
class Supplied {
  private readonly raw = new Map<string, string[]>()
  private readonly compacted = new Map<string, string[]>()

  add(openid: string, event: unknown): void {
    for (const leaf of leaves(event)) {
      const raw = this.raw.get(openid) ?? []
      raw.push(leaf.text)
      this.raw.set(openid, raw)
      const c = this.compacted.get(openid) ?? []
      c.push(compact(leaf.text))
      this.compacted.set(openid, c)
    }
  }

  hasText(openid: string, text: string): boolean {
    return (this.raw.get(openid) ?? []).some((s) => s.includes(text))
  }

  hasNumber(openid: string, number: string): boolean {
    return (this.compacted.get(openid) ?? []).some((s) => s.includes(number))
  }
}

interface Knowledge {
  readonly supplied: Supplied
  /** Compacted known number → its owner's openid ('' when nobody in the run owns it). */
  readonly numbers: ReadonlyMap<string, string>
  /** Identity photo fileID → its owner's openid. */
  readonly photos: ReadonlyMap<string, string>
  readonly persons: readonly PrivatePerson[]
  readonly officeHolders: ReadonlySet<string>
  readonly openids: readonly string[]
}

function knowledgeOf(entries: readonly CaptureEntry[], subjects: PrivacySubjects): Knowledge {
  const supplied = new Supplied()
  const numbers = new Map<string, string>()
  const photos = new Map<string, string>()
  for (const n of subjects.otherIdNumbers) numbers.set(compact(n), '')
  for (const p of subjects.persons) for (const n of p.idNumbers) numbers.set(compact(n), p.openid)
  for (const e of entries) {
    if (e.kind !== 'request' || e.openid === '') continue
    supplied.add(e.openid, e.event)
    // A number someone verifies is theirs; a number typed about another party has no owner here.
    for (const leaf of leaves(e.event)) {
      if (e.function === 'verifyIdentity' && leaf.text.startsWith('cloud://'))
        photos.set(leaf.text, e.openid)
      if (!ID_KEY.test(leaf.key) || compact(leaf.text).length < 6) continue
      const n = compact(leaf.text)
      if (e.function === 'verifyIdentity') numbers.set(n, e.openid)
      else if (!numbers.has(n)) numbers.set(n, '')
    }
  }
  return {
    supplied,
    numbers,
    photos,
    persons: subjects.persons,
    officeHolders: new Set(subjects.officeHolders),
    openids: subjects.openids,
  }
}

type Report = (kind: LeakKind, path: string, masked: string) => void

/** Scans one delivered value for `audience` (an openid, or NOBODY). */
function scanValue(value: unknown, audience: string, k: Knowledge, report: Report): void {
  const mayKnowNumber = (n: string): boolean =>
    audience !== NOBODY && (k.numbers.get(n) === audience || k.supplied.hasNumber(audience, n))
  for (const leaf of leaves(value)) {
    const text = compact(leaf.text)
    const spaced = toHalfWidth(leaf.text).toUpperCase()
    const seen = new Set<string>()
    for (const [n] of k.numbers) {
      if (text.includes(n) && !mayKnowNumber(n)) {
        seen.add(n)
        report('id_number', leaf.path, maskIdNumber(n))
      }
    }
    for (const m of spaced.matchAll(ID_TOKEN)) {
      const n = compact(m[1] ?? '')
      if (seen.has(n) || !validatesAsIdNumber(n) || mayKnowNumber(n)) continue
      seen.add(n)
      report('id_number', leaf.path, maskIdNumber(n))
    }
    for (const m of spaced.matchAll(MOBILE_TOKEN)) {
      const phone = validateMobile(m[0])
      if (!phone.ok) continue
      if (audience !== NOBODY && k.supplied.hasNumber(audience, phone.value)) continue
      report('phone', leaf.path, maskPhone(phone.value))
    }
    for (const p of k.persons) {
      if (p.name.length < 2 || !leaf.text.includes(p.name)) continue
      if (audience === p.openid) continue
      if (audience !== NOBODY && (leaf.agreementText || k.supplied.hasText(audience, p.name)))
        continue
      const officeHolderValue =
        leaf.text === p.name && (leaf.officeHolderName || OFFICE_KEY.test(leaf.key))
      if (k.officeHolders.has(p.name) && officeHolderValue) continue
      report('name', leaf.path, maskName(p.name))
    }
    for (const [fileId, owner] of k.photos) {
      if (audience !== owner && leaf.text.includes(fileId))
        report('photo', leaf.path, `cloud://…/${fileId.split('/').pop() ?? ''}`)
    }
    if (audience === NOBODY) {
      for (const openid of k.openids) {
        if (leaf.text.includes(openid)) report('openid', leaf.path, `${openid.slice(0, 4)}…`)
      }
    }
  }
}

/** Scans a whole capture. Pure: the same capture and subjects give the same findings. */
export function scanCapture(
  entries: readonly CaptureEntry[],
  subjects: PrivacySubjects,
): ScanResult {
  const k = knowledgeOf(entries, subjects)
  const findings: Finding[] = []
  const counts = {
    responses: 0,
    internalResponses: 0,
    logLines: 0,
    messages: 0,
    subscribeMessages: 0,
    sms: 0,
  }
  const scan = (value: unknown, channel: Channel, where: string, audience: string): void =>
    scanValue(value, audience, k, (kind, path, masked) =>
      findings.push({ kind, channel, where, audience, path, masked }),
    )
  for (const e of entries) {
    switch (e.kind) {
      case 'request':
        break
      case 'response':
        if (e.source.split(',').includes('scf')) {
          counts.internalResponses += 1
          break
        }
        counts.responses += 1
        scan(e.body, 'response', `${e.function}.${e.action}`, e.openid || NOBODY)
        break
      case 'log':
        counts.logLines += 1
        scan(e.text, 'log', e.function, NOBODY)
        break
      case 'message':
        counts.messages += 1
        scan(e.doc, 'message', e.docId, e.toOpenid || NOBODY)
        break
      case 'subscribe':
        counts.subscribeMessages += 1
        scan(e.params, 'subscribe', templateOf(e.params), e.touser || NOBODY)
        break
      case 'sms': {
        counts.sms += 1
        const { phoneNumberList: _address, ...content } = (e.params ?? {}) as Record<
          string,
          unknown
        >
        scan(content, 'sms', e.apiName, NOBODY)
        break
      }
    }
  }
  return { counts, findings }
}

function templateOf(params: unknown): string {
  const id = (params as { template_id?: unknown } | null)?.template_id
  return typeof id === 'string' ? id : ''
}

/** One line per finding, for the end-of-run report. */
export function describeFinding(f: Finding): string {
  return `${f.channel} ${f.where} → ${f.audience}: ${f.kind} ${f.masked} at ${f.path}`
}
