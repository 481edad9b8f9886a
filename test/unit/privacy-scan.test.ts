// The privacy scanner with planted leaks: each kind of leak on each channel is found, and the
// masked forms, a user's own data and what they supplied themselves pass. Without these a scan
// that matched nothing would report a clean run.
import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone, maskUscc } from '../../miniprogram/core/masking'
import type { CaptureEntry } from '../../tools/cloudbase-emulator/src/capture/types'
import {
  scanCapture,
  validatesAsIdNumber,
  type Finding,
  type PrivacySubjects,
} from '../e2e/support/privacy-scan'

const ZHANG = { openid: 'o_zhang', name: '张伟', idNumbers: ['11010519491231002X'] }
const WANG = { openid: 'o_wang', name: '王芳', idNumbers: ['110105200002290013'] }
const MEDIATOR = 'o_mediator'

const SUBJECTS: PrivacySubjects = {
  persons: [ZHANG, WANG],
  // 王芳 is also a mediator's name in the seed: a homonym.
  officeHolders: ['王建国', '王芳'],
  otherIdNumbers: ['91110105MA01ABCD2X'],
  openids: [ZHANG.openid, WANG.openid, MEDIATOR],
}

/** Valid numbers no subject owns: found by pattern alone. */
const UNKNOWN_RESIDENT_ID = '440305199007080084'
const VALID_USCC = '91330106MA2B3C4D5D'
const PHONE = '13812345678'

let seq = 0
function response(openid: string, body: unknown, source = 'wx_client'): CaptureEntry {
  seq += 1
  return {
    kind: 'response',
    seq,
    invocationId: `inv-${seq}`,
    function: 'mediationCase',
    action: 'get',
    openid,
    source,
    body,
  }
}
function request(openid: string, fn: string, event: unknown): CaptureEntry {
  seq += 1
  return {
    kind: 'request',
    seq,
    invocationId: `inv-${seq}`,
    function: fn,
    action: 'submit',
    openid,
    source: 'wx_client',
    event,
  }
}
function log(text: string): CaptureEntry {
  seq += 1
  return { kind: 'log', seq, invocationId: 'inv-x', function: 'mediationCase', level: 'info', text }
}
function message(toOpenid: string, doc: unknown): CaptureEntry {
  seq += 1
  return { kind: 'message', seq, docId: `msg_${seq}`, change: 'add', toOpenid, doc }
}
function subscribe(touser: string, data: unknown): CaptureEntry {
  seq += 1
  return {
    kind: 'subscribe',
    seq,
    function: 'mediationCase',
    touser,
    errcode: 0,
    params: { touser, template_id: 'tpl_case', data },
  }
}
function sms(params: unknown): CaptureEntry {
  seq += 1
  return {
    kind: 'sms',
    seq,
    function: 'mediationCase',
    apiName: 'cloudbase.sendSms',
    errcode: 0,
    params,
  }
}

const scan = (entries: CaptureEntry[]): Finding[] => [...scanCapture(entries, SUBJECTS).findings]
const kinds = (entries: CaptureEntry[]): string[] =>
  scan(entries).map((f) => `${f.channel}:${f.kind}:${f.audience}`)

describe('privacy scan: each kind of leak is found', () => {
  it('a known ID number of another person in an answer', () => {
    const found = scan([response(MEDIATOR, { respondent: { idNumber: WANG.idNumbers[0] } })])
    expect(found).toEqual([
      {
        kind: 'id_number',
        channel: 'response',
        where: 'mediationCase.get',
        audience: MEDIATOR,
        path: '$.respondent.idNumber',
        masked: maskIdNumber(WANG.idNumbers[0]),
      },
    ])
  })

  it('a number that only validates (resident ID, USCC), also inside text and in full width', () => {
    const fullWidth = UNKNOWN_RESIDENT_ID.replace(/\d/g, (d) =>
      String.fromCharCode(0xff10 + Number(d)),
    )
    expect(
      kinds([
        response(ZHANG.openid, { note: `证件号 ${UNKNOWN_RESIDENT_ID} 已登记` }),
        response(ZHANG.openid, { code: VALID_USCC }),
        response(ZHANG.openid, { spaced: fullWidth }),
        response(ZHANG.openid, { grouped: `ID 440305 19900708 0084` }),
      ]),
    ).toEqual([
      'response:id_number:o_zhang',
      'response:id_number:o_zhang',
      'response:id_number:o_zhang',
      'response:id_number:o_zhang',
    ])
  })

  it('a number of any type learnt from a verification request (a passport) shown to another', () => {
    expect(
      kinds([
        request(ZHANG.openid, 'verifyIdentity', {
          action: 'submitManual',
          payload: { idType: 'passport', idNumber: 'E12345678' },
        }),
        response(ZHANG.openid, { idNumber: 'E12345678' }),
        response(WANG.openid, { number: 'E12345678' }),
      ]),
    ).toEqual(['response:id_number:o_wang'])
  })

  it('a phone number in an in-app message, written with spaces or +86', () => {
    expect(
      kinds([
        message(WANG.openid, { body: `联系电话 138 1234 5678` }),
        message(WANG.openid, { body: `+86${PHONE}` }),
        message(WANG.openid, { body: `电话${PHONE}，请回电` }),
      ]),
    ).toEqual(['message:phone:o_wang', 'message:phone:o_wang', 'message:phone:o_wang'])
  })

  it("another person's full name in a subscribe message", () => {
    const found = scan([subscribe(WANG.openid, { thing1: { value: `${ZHANG.name}邀请您调解` } })])
    expect(found.map((f) => [f.kind, f.audience, f.masked])).toEqual([
      ['name', WANG.openid, maskName(ZHANG.name)],
    ])
  })

  it('anything personal in a log line, including a raw openid', () => {
    expect(
      kinds([
        log(JSON.stringify({ event: 'case.submit', name: ZHANG.name })),
        log(`idNumber=${ZHANG.idNumbers[0]}`),
        log(`phone ${PHONE}`),
        log(`caller ${WANG.openid}`),
      ]),
    ).toEqual(['log:name:nobody', 'log:id_number:nobody', 'log:phone:nobody', 'log:openid:nobody'])
  })

  it('an identity photo fileID delivered to anyone but its owner, or logged', () => {
    const front = 'cloud://demo-local.bucket/private/0123456789abcdef01234567/identity/front.png'
    expect(
      kinds([
        request(ZHANG.openid, 'verifyIdentity', {
          action: 'submitManual',
          payload: { photos: { front, handheld: `${front}.h` } },
        }),
        response(ZHANG.openid, { photos: { front } }),
        response(MEDIATOR, { evidence: [{ fileId: front }] }),
        log(`storage.delete ${front}`),
      ]),
    ).toEqual(['response:photo:o_mediator', 'log:photo:nobody'])
  })

  it('an answer without a caller (a timer) may carry no personal data', () => {
    expect(kinds([response('', { erased: [ZHANG.name] }, 'timer')])).toEqual([
      'response:name:nobody',
    ])
  })

  it("an SMS's content naming another person (its address list is not content)", () => {
    expect(
      kinds([
        sms({ phoneNumberList: [`+86${PHONE}`], content: `${ZHANG.name}向您发起调解` }),
        sms({ phoneNumberList: [`+86${PHONE}`], content: '您有一件调解申请待确认' }),
      ]),
    ).toEqual(['sms:name:nobody'])
  })

  it('a homonym of an office holder is protected outside mediator and staff fields', () => {
    expect(
      kinds([
        response(ZHANG.openid, { mediatorName: WANG.name }),
        response(ZHANG.openid, { items: [{ mediatorId: 'med_1', name: WANG.name }] }),
        response(ZHANG.openid, { respondentName: WANG.name }),
        response(ZHANG.openid, { mediatorId: 'med_1', name: '张*', note: `被申请人${WANG.name}` }),
        response(ZHANG.openid, { mediatorName: `${WANG.name}（被申请人）` }),
      ]),
    ).toEqual(['response:name:o_zhang', 'response:name:o_zhang', 'response:name:o_zhang'])
  })

  it('party names are allowed in an agreement text only, not beside it', () => {
    const hash = 'a'.repeat(64)
    expect(
      kinds([
        response(WANG.openid, { agreement: { text: `甲方：${ZHANG.name}`, hash } }),
        response(WANG.openid, { agreement: { text: 'x', hash, applicantName: ZHANG.name } }),
        response(WANG.openid, { agreement: { text: `甲方：${ZHANG.name}`, hash: 'short' } }),
      ]),
    ).toEqual(['response:name:o_wang', 'response:name:o_wang'])
  })

  it('an agreement text still may not carry a clear ID number', () => {
    const text = `甲方：${ZHANG.name}，身份证号 ${ZHANG.idNumbers[0]}`
    expect(kinds([response(WANG.openid, { text, hash: 'b'.repeat(64) })])).toEqual([
      'response:id_number:o_wang',
    ])
  })
})

describe('privacy scan: what is allowed passes', () => {
  it('masked forms of every kind, to anyone and in logs', () => {
    const masked = {
      id: maskIdNumber(ZHANG.idNumbers[0]),
      other: maskIdNumber(UNKNOWN_RESIDENT_ID),
      uscc: maskUscc(VALID_USCC),
      phone: maskPhone(PHONE),
      name: maskName(ZHANG.name),
    }
    expect(
      scan([
        response(WANG.openid, masked),
        message(WANG.openid, masked),
        subscribe(WANG.openid, { thing1: { value: masked.name } }),
        log(JSON.stringify(masked)),
      ]),
    ).toEqual([])
  })

  it("a user's own number and name, to that user", () => {
    expect(
      scan([response(ZHANG.openid, { name: ZHANG.name, idNumber: ZHANG.idNumbers[0] })]),
    ).toEqual([])
  })

  it('what the caller supplied themselves, echoed back to them only', () => {
    const typed = request(ZHANG.openid, 'mediationCase', {
      action: 'submit',
      payload: {
        respondent: { name: WANG.name, phone: '138-1234-5678', idNumber: WANG.idNumbers[0] },
      },
    })
    const echoed = { respondent: { name: WANG.name, phone: PHONE, idNumber: WANG.idNumbers[0] } }
    expect(kinds([typed, response(ZHANG.openid, echoed), response(MEDIATOR, echoed)])).toEqual([
      'response:name:o_mediator',
      'response:phone:o_mediator',
      'response:id_number:o_mediator',
    ])
  })

  it('office holders by name, hashes, file ids, invocation ids and dates', () => {
    expect(
      scan([
        log('START RequestId: inv-77c74a7f4c14921436589a3f'),
        response(ZHANG.openid, {
          mediator: { name: '王建国' },
          hash: 'c'.repeat(64),
          fileId: 'cloud://demo-local.bucket/private/0123456789abcdef01234567/id/front.png',
          at: '2026-12-02T01:45:00.000Z',
          amountFen: 12_345_600,
        }),
      ]),
    ).toEqual([])
  })

  it('answers to another function are counted, not scanned (the caller passes on its own)', () => {
    const result = scanCapture(
      [response(ZHANG.openid, { name: WANG.name }, 'wx_client,scf'), log('START')],
      SUBJECTS,
    )
    expect(result.findings).toEqual([])
    expect(result.counts).toEqual({
      responses: 0,
      internalResponses: 1,
      logLines: 1,
      messages: 0,
      subscribeMessages: 0,
      sms: 0,
    })
  })
})

describe('validatesAsIdNumber', () => {
  it('accepts valid resident IDs and strict USCCs, refuses near misses', () => {
    expect(validatesAsIdNumber(UNKNOWN_RESIDENT_ID)).toBe(true)
    expect(validatesAsIdNumber(VALID_USCC)).toBe(true)
    // Wrong check digit, wrong USCC check character, and a random 18-character id.
    expect(validatesAsIdNumber('440305199007080085')).toBe(false)
    expect(validatesAsIdNumber('91330106MA2B3C4D5E')).toBe(false)
    expect(validatesAsIdNumber('5F3A9C0D1E2B4A6C7D')).toBe(false)
  })
})
