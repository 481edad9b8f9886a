// security.msgSecCheck (2.0, and the frozen 1.0 form) and security.mediaCheckAsync, answered from
// the local word list: deterministic, in the real response shapes, including suggest=review.
import { findHits, type Suggest, type WordListFile } from './words'
import { asString, wxError, wxOk, type OpenApiCall, type OpenApiResult } from './types'

const MAX_CONTENT = 2500
const PASS_LABEL = 100

function verdict(hits: ReturnType<typeof findHits>): { suggest: Suggest; label: number } {
  const first = hits[0]
  return first
    ? { suggest: first.suggest, label: first.rule.label }
    : { suggest: 'pass', label: PASS_LABEL }
}

function checkCommon(call: OpenApiCall): OpenApiResult | undefined {
  const openid = asString(call.params['openid'])
  if (!openid) return wxError(40003, 'invalid openid：缺少 openid')
  const scene = Number(call.params['scene'])
  if (![1, 2, 3, 4].includes(scene)) return wxError(40003, 'invalid scene：scene 只能是 1、2、3、4')
  return undefined
}

export function msgSecCheck(words: WordListFile) {
  return (call: OpenApiCall): Promise<OpenApiResult> => {
    const content = asString(call.params['content'])
    if (content === undefined || content === '') {
      return Promise.resolve(wxError(47001, 'data format error：content 不能为空'))
    }
    if ([...content].length > MAX_CONTENT) {
      return Promise.resolve(
        wxError(47001, `data format error：content 超过 ${MAX_CONTENT} 个字符`),
      )
    }
    const version = Number(call.params['version'] ?? 1)
    const texts = ['content', 'title', 'nickname', 'signature']
      .map((k) => asString(call.params[k]))
      .filter((t): t is string => t !== undefined)
    const hits = findHits(words.load(), texts)
    if (version !== 2) {
      // 1.0 only says yes or no: 87014 for anything that is not clean.
      return Promise.resolve(
        hits.some((h) => h.suggest === 'risky') ? wxError(87014, 'risky content') : wxOk({}),
      )
    }
    const bad = checkCommon(call)
    if (bad) return Promise.resolve(bad)
    const result = verdict(hits)
    const detail: Record<string, unknown>[] = [
      {
        strategy: 'content_model',
        errcode: 0,
        suggest: result.suggest,
        label: result.label,
        prob: result.suggest === 'risky' ? 90 : result.suggest === 'review' ? 60 : 0,
      },
      ...hits.map((h) => ({
        strategy: 'keyword',
        errcode: 0,
        suggest: h.suggest,
        label: h.rule.label,
        level: h.suggest === 'risky' ? 90 : 60,
        keyword: h.rule.word,
      })),
    ]
    return Promise.resolve(wxOk({ result, detail, trace_id: call.state.traceId() }))
  }
}

async function mediaMarkerText(url: string): Promise<string> {
  // Only local files can be looked into; anything else is judged by its name alone.
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return ''
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return ''
  try {
    const res = await fetch(u, { signal: AbortSignal.timeout(2000) })
    if (!res.ok) return ''
    const buf = Buffer.from(await res.arrayBuffer())
    return buf.subarray(0, 1024 * 1024).toString('latin1')
  } catch {
    return ''
  }
}

/** `recorded` is told of each stored check, so its verdict can be pushed later. */
export function mediaCheckAsync(
  words: WordListFile,
  recorded: (env: string, traceId: string) => void = () => undefined,
) {
  return async (call: OpenApiCall): Promise<OpenApiResult> => {
    const mediaUrl = asString(call.params['media_url'])
    if (!mediaUrl || !/^https?:\/\//.test(mediaUrl)) {
      return wxError(47001, 'data format error：media_url 必须是 http(s) 地址')
    }
    const mediaType = Number(call.params['media_type'])
    if (mediaType !== 1 && mediaType !== 2) {
      return wxError(47001, 'data format error：media_type 只能是 1（音频）或 2（图片）')
    }
    if (Number(call.params['version'] ?? 1) === 2) {
      const bad = checkCommon(call)
      if (bad) return bad
    }
    // Deterministic by file name, or by a marker inside a local file: words from the list, or
    // the literal markers EMULATOR-RISKY / EMULATOR-REVIEW.
    const name = decodeURIComponent(new URL(mediaUrl).pathname.split('/').pop() ?? '')
    const body = await mediaMarkerText(mediaUrl)
    const list = words.load()
    const marker = /EMULATOR-RISKY/i.test(name + body)
      ? ({ suggest: 'risky', label: 20002 } as const)
      : /EMULATOR-REVIEW/i.test(name + body)
        ? ({ suggest: 'review', label: 21000 } as const)
        : undefined
    const hits = findHits(list, [name])
    const result = marker ?? verdict(hits)
    const traceId = call.state.traceId()
    const now = call.emu.clock.now()
    // Stored in the shape of the wxa_media_check push event the real platform sends later.
    await call.state.store(call.envName, 'emulator_media_checks', {
      traceId,
      ToUserName: 'gh_emulator',
      FromUserName: asString(call.params['openid']) ?? '',
      CreateTime: Math.floor(now / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: call.caller?.appid ?? '',
      trace_id: traceId,
      version: Number(call.params['version'] ?? 1),
      mediaUrl,
      mediaType,
      result,
      detail: [
        {
          strategy: 'content_model',
          errcode: 0,
          suggest: result.suggest,
          label: result.label,
          prob: 90,
        },
      ],
      errcode: 0,
      errmsg: 'ok',
      createdAt: new Date(now),
    })
    recorded(call.envName, traceId)
    return wxOk({ trace_id: traceId })
  }
}
