// Telling everyone a step on a case concerns, in the step's transaction: one in-app message each
// (and the subscribe message where granted), never to the person who took the step.
import type { HandlerContext } from './define-function'
import { notify } from './notifier'
import type { NoticeKind } from './subscribe-templates'
import type { Tx } from './transaction'

export interface CaseNotice {
  readonly to: Iterable<string | null | undefined>
  readonly kind: NoticeKind
  readonly title: string
  readonly body: string
  readonly link: string
  readonly caseNumber: string
}

export async function tellAboutCase(tx: Tx, ctx: HandlerContext, n: CaseNotice): Promise<void> {
  for (const toOpenid of new Set(n.to)) {
    if (!toOpenid || toOpenid === ctx.caller.openid) continue
    await notify(
      tx,
      {
        toOpenid,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        templateData: {
          character_string1: n.caseNumber.slice(0, 32),
          thing2: n.title.slice(0, 20),
          time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
        },
      },
      ctx,
    )
  }
}
