import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessTokenFor, certHash } from '../../tools/cloudbase-emulator/src/face/index'
import { startHarness, type Harness } from '../fixtures/functions/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ clock: Date.parse('2026-12-01T10:00:00+08:00') })
})

afterAll(async () => {
  await h.stop()
})

const APPID = 'wx0000000000000000'
const cert = { certType: 'IDENTITY_CARD', certName: '张三', certNo: '11010519491231002X' }
let seq = 0
const nextSeq = (): string => `case_seq_${String(++seq).padStart(3, '0')}`

async function wxapi(
  path: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const q = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`
  const res = await fetch(`${h.baseUrl}/wxapi${path}${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

async function token(): Promise<string> {
  const r = await wxapi('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: APPID,
    secret: 'local-app-secret',
  })
  expect(r['expires_in']).toBe(7200)
  return r['access_token'] as string
}

async function start(openid: string, outSeqNo: string): Promise<string> {
  const r = await wxapi(
    '/cityservice/face/identify/getverifyid',
    {
      out_seq_no: outSeqNo,
      cert_info: { cert_type: cert.certType, cert_name: cert.certName, cert_no: cert.certNo },
      openid,
    },
    await token(),
  )
  expect(r).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 3600 })
  return r['verify_id'] as string
}

async function query(
  verifyId: string,
  outSeqNo: string,
  openid: string,
  hash = certHash(cert),
): Promise<Record<string, unknown>> {
  return wxapi(
    '/cityservice/face/identify/queryverifyinfo',
    { verify_id: verifyId, out_seq_no: outSeqNo, cert_hash: hash, openid },
    await token(),
  )
}

async function decide(verifyId: string, result: string): Promise<Response> {
  return fetch(`${h.baseUrl}/__emulator/face/${verifyId}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ result }),
  })
}

describe('face verification 2.0 stand-in', () => {
  it('issues a stable access token from stable_token and the classic token endpoint', async () => {
    expect(await token()).toBe(accessTokenFor(APPID))
    const res = await fetch(
      `${h.baseUrl}/wxapi/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=s`,
    )
    expect(await res.json()).toEqual({ access_token: accessTokenFor(APPID), expires_in: 7200 })
  })

  it('requires a valid access_token', async () => {
    expect(await wxapi('/cityservice/face/identify/getverifyid', {})).toMatchObject({
      errcode: 41001,
    })
    expect(
      await wxapi(
        '/cityservice/face/identify/getverifyid',
        {},
        'emu_at_wx1_000000000000000000000000',
      ),
    ).toMatchObject({ errcode: 40001 })
  })

  it.each([
    ['success', 10000],
    ['mismatch', 10004],
    ['cancelled', 90100],
  ])('round trip with outcome %s gives verify_ret %i', async (outcome, verifyRet) => {
    const outSeqNo = nextSeq()
    const verifyId = await start('o_face', outSeqNo)
    expect(await query(verifyId, outSeqNo, 'o_face')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      verify_ret: 0,
    })

    const info = await fetch(`${h.baseUrl}/__emulator/face/${verifyId}`)
    expect(await info.json()).toMatchObject({
      verifyId,
      openid: 'o_face',
      certName: '*三',
      outcome: null,
    })

    const decided = await decide(verifyId, outcome)
    expect(decided.status).toBe(200)
    expect(await decided.json()).toEqual({ verifyId, result: outcome, verifyRet })
    expect(await query(verifyId, outSeqNo, 'o_face')).toEqual({
      errcode: 0,
      errmsg: 'ok',
      verify_ret: verifyRet,
    })
    expect((await decide(verifyId, 'success')).status).toBe(409)
  })

  it('checks cert_hash, openid and out_seq_no against the verification', async () => {
    const outSeqNo = nextSeq()
    const verifyId = await start('o_face2', outSeqNo)
    const wrongHash = certHash({ ...cert, certName: '李四' })
    expect(await query(verifyId, outSeqNo, 'o_face2', wrongHash)).toMatchObject({
      errcode: 47001,
      errmsg: expect.stringContaining('cert_hash') as unknown,
    })
    expect(await query(verifyId, outSeqNo, 'o_other')).toMatchObject({ errcode: 47001 })
    expect(await query(verifyId, 'case_seq_999', 'o_face2')).toMatchObject({ errcode: 47001 })
    expect(await query('emu_verify_unknown', outSeqNo, 'o_face2')).toMatchObject({ errcode: 47001 })
  })

  it('rejects bad getverifyid input and a reused out_seq_no', async () => {
    const t = await token()
    const bad = [
      {
        out_seq_no: 'abc',
        cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: cert.certNo },
        openid: 'o',
      },
      {
        out_seq_no: nextSeq(),
        cert_info: { cert_type: 'PASSPORT', cert_name: '张三', cert_no: cert.certNo },
        openid: 'o',
      },
      {
        out_seq_no: nextSeq(),
        cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '123' },
        openid: 'o',
      },
      {
        out_seq_no: nextSeq(),
        cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: cert.certNo },
      },
    ]
    for (const body of bad) {
      expect(
        await wxapi('/cityservice/face/identify/getverifyid', body, t),
        JSON.stringify(body),
      ).toMatchObject({
        errcode: 47001,
      })
    }
    const outSeqNo = nextSeq()
    await start('o_dup', outSeqNo)
    const again = await wxapi(
      '/cityservice/face/identify/getverifyid',
      {
        out_seq_no: outSeqNo,
        cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: cert.certNo },
        openid: 'o_dup',
      },
      t,
    )
    expect(again).toMatchObject({
      errcode: 47001,
      errmsg: expect.stringContaining('out_seq_no') as unknown,
    })
  })

  it('rejects an unknown outcome on the control route', async () => {
    const verifyId = await start('o_face3', nextSeq())
    expect((await decide(verifyId, 'maybe')).status).toBe(400)
    expect((await decide('emu_verify_missing', 'success')).status).toBe(404)
  })

  it('expires a verify_id after 3600 s of emulator time', async () => {
    const outSeqNo = nextSeq()
    const verifyId = await start('o_late', outSeqNo)
    h.emulator.clock.advance(3601_000)
    expect(await query(verifyId, outSeqNo, 'o_late')).toMatchObject({
      errcode: 47001,
      errmsg: expect.stringContaining('过期') as unknown,
    })
    expect((await decide(verifyId, 'success')).status).toBe(409)
  })

  it('is reachable from a cloud function through WX_API_BASE', async () => {
    const outSeqNo = nextSeq()
    const person = { name: cert.certName, idNumber: cert.certNo, outSeqNo }
    const started = await h.functions.invoke(
      'faceFlow',
      { step: 'start', ...person },
      { openid: 'o_fn' },
    )
    if (!('result' in started)) throw new Error(JSON.stringify(started))
    const verifyId = (started.result as { verify_id: string }).verify_id
    expect((await decide(verifyId, 'success')).status).toBe(200)
    const queried = await h.functions.invoke(
      'faceFlow',
      { step: 'query', verifyId, ...person },
      { openid: 'o_fn' },
    )
    expect(queried).toMatchObject({ result: { errcode: 0, verify_ret: 10000 } })
  })
})
