// One place that tells a user something needs them: an in-app message (the 消息 tab) always, and
// a subscribe message when the user granted that template. A failed push never fails the action.
import { randomUUID } from 'node:crypto'
import { getCloud } from './cloud'
import { COLLECTIONS } from './collections'
import { sha256Hex } from './crypto'
import { log } from './log'
import { command, insert, updateWhere } from './store'
import { templateIdFor, type NoticeKind } from './subscribe-templates'
import type { Tx } from './transaction'

export interface Notice {
  readonly toOpenid: string
  readonly kind: NoticeKind
  /** Short title for the list (no personal data beyond masked values). */
  readonly title: string
  readonly body: string
  /** Page path the message opens, e.g. `/pages/identity/index`. */
  readonly link: string
  /** Template fields for the subscribe message (`thing1`, `time2`, …); omitted → in-app only. */
  readonly templateData?: Readonly<Record<string, string>>
}

export interface NotifyContext {
  readonly now: Date
  afterCommit(fn: () => Promise<void>): void
}

/** Which build a subscribe message opens; anything unrecognised means the released one. */
function miniprogramState(): 'developer' | 'trial' | 'formal' {
  const s = process.env.MINIPROGRAM_STATE
  return s === 'developer' || s === 'trial' ? s : 'formal'
}

export function grantId(openid: string, templateId: string): string {
  return 'sg_' + sha256Hex(`${openid}\u0000${templateId}`).slice(0, 40)
}

/**
 * Writes the in-app message (inside `tx` when given, so it exists exactly when the change does)
 * and schedules the subscribe message for after the commit.
 */
export async function notify(
  tx: Tx | undefined,
  notice: Notice,
  ctx: NotifyContext,
): Promise<void> {
  const doc = {
    toOpenid: notice.toOpenid,
    kind: notice.kind,
    title: notice.title.slice(0, 40),
    body: notice.body.slice(0, 1000),
    link: notice.link,
    read: false,
    createdAt: ctx.now,
    version: 1,
  }
  const id = `msg_${randomUUID().replace(/-/g, '')}`
  if (tx) await tx.create(COLLECTIONS.messages, id, doc)
  else await insert(COLLECTIONS.messages, { _id: id, ...doc })
  if (notice.templateData) {
    const data = notice.templateData
    ctx.afterCommit(async () => {
      await sendSubscribe(notice.toOpenid, notice.kind, notice.link, data)
    })
  }
}

/** Consumes one accepted grant and sends; without a grant nothing is sent (the platform would refuse). */
export async function sendSubscribe(
  openid: string,
  kind: NoticeKind,
  page: string,
  fields: Readonly<Record<string, string>>,
): Promise<'sent' | 'no_grant' | 'not_configured' | 'failed'> {
  const templateId = templateIdFor(kind)
  if (!templateId) return 'not_configured'
  const _ = command()
  const consumed = await updateWhere(
    COLLECTIONS.subscribeGrants,
    { _id: grantId(openid, templateId), remaining: _.gt(0) },
    { remaining: _.inc(-1) },
  )
  if (consumed !== 1) return 'no_grant'
  const data: Record<string, { value: string }> = {}
  for (const [k, value] of Object.entries(fields)) data[k] = { value }
  try {
    const send = getCloud().openapi.subscribeMessage as {
      send(p: Record<string, unknown>): Promise<{ errCode?: number }>
    }
    const res = await send.send({
      touser: openid,
      templateId,
      page: page.replace(/^\//, ''),
      data,
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
    })
    if (res.errCode && res.errCode !== 0) throw Object.assign(new Error('send failed'), res)
    return 'sent'
  } catch (e) {
    log.warn('notifier.subscribe.failed', { kind, toOpenid: openid, error: e })
    return 'failed'
  }
}
