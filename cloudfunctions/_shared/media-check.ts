// WeChat's asynchronous content check of user-generated images (security.mediaCheckAsync). The
// verdict comes later by the `wxa_media_check` push; asking answers only a trace id. An image the
// check could not be asked for gets no trace id, and its caller puts it before a person instead.
import { getCloud } from './cloud'
import { log } from './log'
import { tempUrls } from './storage'

/** 资料 (profile material): the scene for images a user submits as part of a record. */
const SCENE_PROFILE = 1
const MEDIA_IMAGE = 2
/** The check downloads the image later, so its URL must outlive the request. */
const CHECK_URL_SECONDS = 3600

/** Asks for the check of each image; the trace id per file id that the platform accepted. */
export async function requestImageChecks(
  openid: string,
  fileIds: readonly string[],
  failureEvent: string,
): Promise<Map<string, string>> {
  const traces = new Map<string, string>()
  if (!fileIds.length) return traces
  let urls: Record<string, string>
  try {
    urls = await tempUrls(fileIds, CHECK_URL_SECONDS)
  } catch (e) {
    log.warn(failureEvent, { error: e })
    return traces
  }
  const security = getCloud().openapi.security as {
    mediaCheckAsync(p: Record<string, unknown>): Promise<{ traceId?: string }>
  }
  for (const fileId of fileIds) {
    const url = urls[fileId]
    if (!url) continue
    try {
      const res = await security.mediaCheckAsync({
        mediaUrl: url,
        mediaType: MEDIA_IMAGE,
        version: 2,
        scene: SCENE_PROFILE,
        openid,
      })
      if (typeof res.traceId === 'string' && res.traceId !== '') traces.set(fileId, res.traceId)
    } catch (e) {
      log.warn(failureEvent, { error: e })
    }
  }
  return traces
}
