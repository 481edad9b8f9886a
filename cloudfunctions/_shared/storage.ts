// Private storage paths: every user's uploads live under `private/<userKey>/`, where the key is a
// keyed pseudonym of the openid. A file id outside the caller's own prefix is refused.
import { getCloud } from './cloud'
import { keyedHash } from './crypto'
import { log } from './log'

export function userStorageKey(openid: string): string {
  return keyedHash('storage', openid).slice(0, 24)
}

/** The `cloudPath` prefix the client must upload private files under. */
export function privatePrefix(openid: string): string {
  return `private/${userStorageKey(openid)}/`
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`, or undefined for anything else. */
export function cloudPathOf(fileId: string): string | undefined {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
  const path = m?.[1]
  if (!path || path.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) {
    return undefined
  }
  return path
}

export function isOwnPrivateFile(openid: string, fileId: string, folder?: string): boolean {
  const path = cloudPathOf(fileId)
  const prefix = privatePrefix(openid) + (folder ? `${folder}/` : '')
  return path !== undefined && path.startsWith(prefix) && path.length > prefix.length
}

/** Short-lived download URLs (seconds) for files the caller has been checked to see. */
export async function tempUrls(
  fileIds: readonly string[],
  maxAge = 600,
): Promise<Record<string, string>> {
  if (!fileIds.length) return {}
  const res = (await getCloud().getTempFileURL({
    fileList: fileIds.map((fileID) => ({ fileID, maxAge })),
  })) as { fileList?: { fileID: string; tempFileURL?: string; status?: number }[] }
  const out: Record<string, string> = {}
  for (const f of res.fileList ?? []) {
    if (f.tempFileURL && (f.status ?? 0) === 0) out[f.fileID] = f.tempFileURL
  }
  return out
}

export async function deleteFiles(fileIds: readonly string[]): Promise<void> {
  if (!fileIds.length) return
  try {
    await getCloud().deleteFile({ fileList: [...fileIds] })
  } catch (e) {
    log.warn('storage.delete.failed', { count: fileIds.length, error: e })
  }
}
