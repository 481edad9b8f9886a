import { emulatorUrl } from './emulator'

// The mini-program's own storage calls (what wx.cloud.uploadFile / getTempFileURL send), made as
// a signed-in user over the emulator's client endpoint, so a privacy test can ask for a file the
// way any phone could.

async function clientPost(
  path: string,
  token: string | undefined,
  body: string | Buffer,
  contentType: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulatorUrl()}${path}`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  })
  return (await res.json()) as Record<string, unknown>
}

/** Signs in as `openid` and answers the client token. */
export async function clientLogin(openid: string): Promise<string> {
  const reply = await clientPost(
    '/client/login',
    undefined,
    JSON.stringify({ openid }),
    'application/json',
  )
  if (typeof reply['token'] !== 'string') throw new Error(`登录失败：${JSON.stringify(reply)}`)
  return reply['token']
}

/** Uploads bytes as the signed-in user; answers the fileID. */
export async function clientUpload(
  token: string,
  cloudPath: string,
  bytes: Buffer,
): Promise<string> {
  const reply = await clientPost(
    `/client/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`,
    token,
    bytes,
    'application/octet-stream',
  )
  if (typeof reply['fileID'] !== 'string') throw new Error(`上传失败：${JSON.stringify(reply)}`)
  return reply['fileID']
}

/** A temp URL for `fileId` as the signed-in user, or undefined when storage refused it. */
export async function clientTempUrl(token: string, fileId: string): Promise<string | undefined> {
  const reply = await clientPost(
    '/client/getTempFileURL',
    token,
    JSON.stringify({ fileList: [fileId] }),
    'application/json',
  )
  const [entry] = (reply['fileList'] ?? []) as { status?: number; tempFileURL?: string }[]
  return entry?.status === 0 && entry.tempFileURL ? entry.tempFileURL : undefined
}

/** The bytes behind a temp URL, or undefined when the download is refused. */
export async function download(url: string): Promise<Buffer | undefined> {
  const res = await fetch(url)
  return res.ok ? Buffer.from(await res.arrayBuffer()) : undefined
}
