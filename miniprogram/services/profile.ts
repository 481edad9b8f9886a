// Who the user is, and the consents they give (subscribe messages, privacy guide).
import type { NoticeKind, SubscribeChoice } from '../../typings/api/common'
import { call, type CallResult } from './call'
import type { Intent } from './intent'

export const whoAmI = () => call('profile', 'whoAmI', {})

export const recordSubscribeGrants = (
  results: Readonly<Record<string, SubscribeChoice>>,
  intent: Intent,
) =>
  call(
    'profile',
    'recordSubscribeGrants',
    { results },
    { requestId: intent.requestIdFor('grants') },
  )

export const acceptPrivacy = (version: string, intent: Intent) =>
  call('profile', 'acceptPrivacy', { version }, { requestId: intent.requestIdFor('privacy') })

const CHOICES: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/**
 * Asks for the templates of these purposes and records the answer. Call it directly from a tap
 * handler: WeChat only shows the prompt for a user gesture.
 */
export function subscribe(
  templates: Readonly<Partial<Record<NoticeKind, string>>>,
  kinds: readonly NoticeKind[],
  intent: Intent,
): Promise<CallResult<'profile', 'recordSubscribeGrants'> | undefined> {
  const tmplIds = kinds
    .map((k) => templates[k])
    .filter((id): id is string => !!id)
    .slice(0, 3)
  if (!tmplIds.length) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const results: Record<string, SubscribeChoice> = {}
        for (const id of tmplIds) {
          const choice = res[id]
          if (choice && CHOICES.includes(choice)) results[id] = choice as SubscribeChoice
        }
        void recordSubscribeGrants(results, intent).then(resolve)
      },
      // Declining the prompt (or an unsupported client) is not an error for the flow.
      fail: () => resolve(undefined),
    })
  })
}
