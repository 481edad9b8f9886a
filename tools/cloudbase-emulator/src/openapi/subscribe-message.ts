// subscribeMessage.send: validates like the platform (touser, template_id, field limits,
// miniprogram_state, page), refuses with 43101 when the user holds no grant for the template,
// consumes one-time grants, and records each accepted message in the `emulator_outbox` collection.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateTemplateData } from './subscribe-fields'
import { OUTBOX_COLLECTION } from './state'
import { asString, wxError, wxOk, type OpenApiCall, type OpenApiResult } from './types'

const STATES = ['developer', 'trial', 'formal']
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW']

/** Pages of the mini-program (main package and subpackages), from app.json. */
export function appPages(appJsonPath: string): Set<string> | undefined {
  if (!existsSync(appJsonPath)) return undefined
  try {
    const app = JSON.parse(readFileSync(appJsonPath, 'utf8')) as {
      pages?: string[]
      subpackages?: { root?: string; pages?: string[] }[]
      subPackages?: { root?: string; pages?: string[] }[]
    }
    const pages = new Set(app.pages ?? [])
    for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
      const root = (sub.root ?? '').replace(/\/+$/, '')
      for (const p of sub.pages ?? []) pages.add(root ? `${root}/${p}` : p)
    }
    return pages
  } catch {
    return undefined
  }
}

export function subscribeMessageSend(repoRoot: string) {
  return async (call: OpenApiCall): Promise<OpenApiResult> => {
    const p = call.params
    const touser = asString(p['touser'])
    if (!touser) return wxError(40003, 'invalid openid：touser 不能为空')
    const templateId = asString(p['template_id'])
    if (!templateId) return wxError(40037, 'invalid template_id：template_id 不能为空')
    const problem = validateTemplateData(p['data'])
    if (problem) return wxError(47003, problem)
    const state = asString(p['miniprogram_state']) ?? 'formal'
    if (!STATES.includes(state)) {
      return wxError(47003, 'argument invalid! miniprogram_state 只能是 developer、trial 或 formal')
    }
    const lang = asString(p['lang']) ?? 'zh_CN'
    if (!LANGS.includes(lang)) return wxError(47003, 'argument invalid! lang 不受支持')
    const page = asString(p['page'])
    // Only the released version is checked for the page, as the platform does.
    if (page !== undefined && page !== '' && state === 'formal') {
      const path = page.replace(/^\//, '').split('?')[0] ?? ''
      const pages = appPages(join(repoRoot, 'miniprogram', 'app.json'))
      if (pages && !pages.has(path)) return wxError(41030, `invalid page：小程序中没有页面 ${path}`)
    }
    const grant = await call.state.consume(call.envName, touser, templateId)
    if (!grant)
      return wxError(43101, 'user refuse to accept the msg：用户未订阅该模板或订阅次数已用完')
    const msgid = call.state.nextMsgId()
    await call.state.store(call.envName, OUTBOX_COLLECTION, {
      msgid,
      touser,
      templateId,
      page: page ?? '',
      data: p['data'],
      miniprogramState: state,
      lang,
      grantKind: grant,
      fromFunction: call.functionName ?? '',
      sentAt: new Date(call.emu.clock.now()),
    })
    return wxOk({ msgid })
  }
}
