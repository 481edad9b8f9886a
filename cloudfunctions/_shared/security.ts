// Content security for user text (msgSecCheck 2.0). "review" is not a rejection: the item is
// flagged for the mediator or staff, since evidence can legitimately contain harsh words.
import { getCloud } from './cloud'
import { fail } from './errors'
import { log } from './log'

export type ContentVerdict = 'pass' | 'review'

/** Scenes of msgSecCheck 2.0: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type SecScene = 1 | 2 | 3 | 4

/**
 * Checks text; returns `pass` or `review`, and rejects `risky` content with a Chinese message.
 * When the check itself is unavailable (quota, user not active within 2 h) the text goes to
 * human review rather than being blocked or silently passed.
 */
export async function checkText(
  openid: string,
  content: string,
  options: { scene?: SecScene; field?: string; title?: string } = {},
): Promise<ContentVerdict> {
  if (content.trim() === '') return 'pass'
  let suggest: unknown
  try {
    const security = getCloud().openapi.security as {
      msgSecCheck(p: Record<string, unknown>): Promise<{ result?: { suggest?: unknown } }>
    }
    const res = await security.msgSecCheck({
      content: content.slice(0, 2500),
      version: 2,
      scene: options.scene ?? 1,
      openid,
      ...(options.title ? { title: options.title.slice(0, 100) } : {}),
    })
    suggest = res.result?.suggest
  } catch (e) {
    log.warn('security.msgSecCheck.failed', { error: e })
    return 'review'
  }
  if (suggest === 'risky') {
    fail('CONTENT_RISKY', '内容可能含有违规信息，请修改后再提交', options.field)
  }
  return suggest === 'pass' ? 'pass' : 'review'
}
