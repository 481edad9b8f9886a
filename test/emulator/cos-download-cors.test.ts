import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClientHarness, type ClientHarness } from './client-harness'

// wx.downloadFile in the web simulator fetches a temp URL from the simulator's own loopback
// port: the signed download must carry CORS headers for loopback origins (and only for them).

let h: ClientHarness
let token: string

beforeAll(async () => {
  h = await startClientHarness({ collections: ['users'] })
  token = await h.login('o_reader')
})

afterAll(async () => {
  await h.stop()
})

async function tempUrlOf(cloudPath: string, body: string): Promise<string> {
  const upload = await fetch(`${h.baseUrl}/client/uploadFile?cloudPath=${cloudPath}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  })
  const fileID = String(((await upload.json()) as Record<string, unknown>)['fileID'])
  const urls = await h.post('/client/getTempFileURL', { fileList: [fileID] }, token)
  const [first] = urls.body['fileList'] as Record<string, unknown>[]
  return String(first?.['tempFileURL'])
}

describe('signed downloads from a loopback page', () => {
  it('serves the bytes with the loopback origin allowed; other origins get no CORS header', async () => {
    const url = await tempUrlOf('docs/a.pdf', '%PDF-1.7 test')
    const sim = await fetch(url, { headers: { origin: 'http://127.0.0.1:8791' } })
    expect(sim.status).toBe(200)
    expect(sim.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8791')
    expect(await sim.text()).toBe('%PDF-1.7 test')

    const other = await fetch(url, { headers: { origin: 'https://evil.example.com' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    expect(await other.text()).toBe('%PDF-1.7 test')
  })
})
