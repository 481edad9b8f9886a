import { ApiFail, asyncApi } from './promisify'
import { showModal, showScreen, showSheet, showToast, createElement as el } from '../ui/overlay'
import { session } from '../session'
import { platformControl } from './cloud'
import { getStorageSync, setStorageSync } from './storage'

// WeChat platform capabilities, simulated with the prompts WeChat itself would show:
// privacy authorisation, subscribe messages, face verification, VoIP chat, clipboard, calls.

const PRIVACY_KEY = '__sim_privacy_agreed'
type PrivacyResolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void
let privacyListener: ((resolve: PrivacyResolve, event: { referrer: string }) => void) | null = null
let pendingPrivacy: PrivacyResolve[] = []

export function agreePrivacy(buttonId?: string): void {
  setStorageSync(PRIVACY_KEY, true)
  const pending = pendingPrivacy
  pendingPrivacy = []
  for (const r of pending) r({ event: 'agree', ...(buttonId ? { buttonId } : {}) })
}

function privacyAgreed(): boolean {
  return getStorageSync(PRIVACY_KEY) === true
}

function askPrivacy(referrer: string): Promise<boolean> {
  return new Promise((resolve) => {
    const settle: PrivacyResolve = (r) => {
      if (r.event === 'agree') setStorageSync(PRIVACY_KEY, true)
      resolve(r.event === 'agree')
    }
    if (privacyListener) {
      pendingPrivacy.push(settle)
      privacyListener(settle, { referrer })
      return
    }
    void showModal({
      title: '用户隐私保护提示',
      content:
        '在使用当前小程序服务之前，请仔细阅读《商会调解隐私保护指引》。如你同意，请点击“同意”开始使用。',
      showCancel: true,
      cancelText: '拒绝',
      cancelColor: '#000000',
      confirmText: '同意',
      confirmColor: '#07c160',
      editable: false,
      placeholderText: '',
    }).then((r) => settle({ event: r.confirm ? 'agree' : 'disagree' }))
  })
}

// Each VoIP group is shared between phone frames of the same simulator through a
// BroadcastChannel, so two simulated users in one group see each other join and leave.
const voip = {
  groupId: null as string | null,
  members: new Set<string>(),
  listeners: new Set<(r: { openIdList: string[]; errCode: number; errMsg: string }) => void>(),
  channel: null as BroadcastChannel | null,
}

function voipNotify(): void {
  const openIdList = [...voip.members]
  for (const fn of voip.listeners)
    fn({ openIdList, errCode: 0, errMsg: 'onVoIPChatMembersChanged:ok' })
}

interface VoipMessage {
  type: 'join' | 'here' | 'leave'
  groupId: string
  openid: string
}

function voipChannel(): BroadcastChannel {
  if (!voip.channel) {
    voip.channel = new BroadcastChannel('sim-voip')
    voip.channel.onmessage = (ev: MessageEvent<VoipMessage>) => {
      const m = ev.data
      if (m.groupId !== voip.groupId || m.openid === session.openid) return
      if (m.type === 'leave') voip.members.delete(m.openid)
      else voip.members.add(m.openid)
      if (m.type === 'join')
        voip.channel?.postMessage({ type: 'here', groupId: m.groupId, openid: session.openid })
      voipNotify()
    }
  }
  return voip.channel
}

function faceSheet(o: {
  name?: string
  idCardNumber?: string
}): Promise<'pass' | 'fail' | 'cancel'> {
  return new Promise((resolve) => {
    const { root, close } = showScreen('sim-face')
    const id = o.idCardNumber ?? ''
    const masked =
      id.length > 8 ? `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}` : id
    root.append(
      el('div', 'sim-face__title', '微信人脸核身（模拟）'),
      el('div', 'sim-face__circle', '🙂'),
      el('div', 'sim-face__who', `${o.name ?? ''} ${masked}`),
      el('div', 'sim-face__hint', '请选择本次核身的模拟结果'),
    )
    const actions = el('div', 'sim-face__actions')
    const add = (text: string, result: 'pass' | 'fail' | 'cancel', cls: string) => {
      const b = el('button', `sim-face__btn ${cls}`, text)
      b.addEventListener('click', () => {
        close()
        resolve(result)
      })
      actions.appendChild(b)
    }
    add('核身通过', 'pass', 'sim-face__btn--primary')
    add('核身失败', 'fail', '')
    add('取消', 'cancel', '')
    root.appendChild(actions)
  })
}

let clipboard = ''

export const platformApis = {
  onNeedPrivacyAuthorization: (
    fn: (resolve: PrivacyResolve, event: { referrer: string }) => void,
  ) => {
    privacyListener = fn
  },
  requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', async () => {
    if (privacyAgreed()) return
    if (!(await askPrivacy('requirePrivacyAuthorize')))
      throw new ApiFail('privacy permission is not authorized', { errno: 104 })
  }),
  getPrivacySetting: asyncApi('getPrivacySetting', () => ({
    needAuthorization: !privacyAgreed(),
    privacyContractName: '《商会调解隐私保护指引》',
  })),
  openPrivacyContract: asyncApi('openPrivacyContract', () => {
    const { root, close } = showScreen('sim-doc')
    root.append(
      el('div', 'sim-doc__title', '《商会调解隐私保护指引》'),
      el('div', 'sim-doc__body', '（模拟器中的隐私保护指引页面，轻触返回）'),
    )
    root.addEventListener('click', close)
  }),

  requestSubscribeMessage: asyncApi('requestSubscribeMessage', async (o: { tmplIds: string[] }) => {
    if (!Array.isArray(o.tmplIds) || o.tmplIds.length === 0)
      throw new ApiFail('parameter error: tmplIds 不能为空', { errCode: 20001 })
    const i = await showSheet({
      title: `“商会调解”申请向你发送 ${o.tmplIds.length} 条订阅消息`,
      items: [{ text: '允许', color: '#07c160' }, { text: '拒绝' }],
    })
    if (i < 0) throw new ApiFail('cancel', { errCode: 20004 })
    const result: Record<string, string> = {}
    for (const t of o.tmplIds) result[t] = i === 0 ? 'accept' : 'reject'
    if (i === 0)
      await platformControl('subscriptions', { openid: session.openid, templateIds: o.tmplIds })
    return result
  }),

  checkIsSupportFacialRecognition: asyncApi(
    'checkIsSupportFacialRecognition',
    (_o: { checkAliveType?: number }) => ({
      errCode: 0,
    }),
  ),
  requestFacialVerify: asyncApi(
    'requestFacialVerify',
    async (o: { verifyId?: string; name?: string; idCardNumber?: string }) => {
      if (!o.verifyId) throw new ApiFail('parameter error: verifyId 不能为空', { errCode: 90001 })
      const r = await faceSheet(o)
      // Face verification 2.0: WeChat keeps the result; the server asks for it with the verifyId.
      const outcome = r === 'pass' ? 'success' : r === 'fail' ? 'mismatch' : 'cancelled'
      await platformControl(`face/${encodeURIComponent(o.verifyId)}/outcome`, { result: outcome })
      if (r === 'cancel') throw new ApiFail('cancel', { errCode: 90100 })
      if (r === 'fail') throw new ApiFail('face verify failed', { errCode: 90104 })
      return { errCode: 0, verifyId: o.verifyId }
    },
  ),

  joinVoIPChat: asyncApi(
    'joinVoIPChat',
    (o: { groupId: string; roomType?: string; signature?: string }) => {
      if (!o.groupId) throw new ApiFail('parameter error: groupId 不能为空', { errCode: -1 })
      voip.groupId = o.groupId
      voip.members = new Set([session.openid])
      voipChannel().postMessage({ type: 'join', groupId: o.groupId, openid: session.openid })
      voipNotify()
      return { openIdList: [...voip.members], errCode: 0 }
    },
  ),
  exitVoIPChat: asyncApi('exitVoIPChat', () => {
    if (voip.groupId)
      voipChannel().postMessage({ type: 'leave', groupId: voip.groupId, openid: session.openid })
    voip.groupId = null
    voip.members = new Set()
    voipNotify()
  }),
  onVoIPChatMembersChanged: (
    fn: (r: { openIdList: string[]; errCode: number; errMsg: string }) => void,
  ) => {
    voip.listeners.add(fn)
  },
  offVoIPChatMembersChanged: (
    fn?: (r: { openIdList: string[]; errCode: number; errMsg: string }) => void,
  ) => {
    if (fn) voip.listeners.delete(fn)
    else voip.listeners.clear()
  },
  onVoIPChatInterrupted: (_fn: unknown) => undefined,
  offVoIPChatInterrupted: (_fn?: unknown) => undefined,
  onVoIPChatSpeakersChanged: (_fn: unknown) => undefined,
  offVoIPChatSpeakersChanged: (_fn?: unknown) => undefined,
  updateVoIPChatMuteConfig: asyncApi(
    'updateVoIPChatMuteConfig',
    (_o: { muteConfig: unknown }) => undefined,
  ),

  setClipboardData: asyncApi('setClipboardData', (o: { data: string }) => {
    clipboard = String(o.data ?? '')
    void navigator.clipboard?.writeText(clipboard).catch(() => undefined)
    showToast({ title: '内容已复制', icon: 'none', duration: 1500, mask: false }, 'toast')
  }),
  getClipboardData: asyncApi('getClipboardData', () => ({ data: clipboard })),
  makePhoneCall: asyncApi('makePhoneCall', async (o: { phoneNumber: string }) => {
    const i = await showSheet({ title: o.phoneNumber, items: [{ text: `呼叫 ${o.phoneNumber}` }] })
    if (i < 0) throw new ApiFail('cancel')
  }),
  showShareMenu: asyncApi('showShareMenu', (_o: { menus?: string[] }) => undefined),
  hideShareMenu: asyncApi('hideShareMenu', (_o: { menus?: string[] }) => undefined),
}
