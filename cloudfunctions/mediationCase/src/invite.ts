// The respondent's first contact: a one-time token (only its hash is stored), the share path, a
// mini-program code in storage, and an SMS where the environment has SMS configured.
import { randomBytes } from 'node:crypto'
import { DAY_MS } from '../../../miniprogram/core/deadlines'
import type { InviteResponse } from '../../../typings/api/mediationCase'
import { decryptField, fail, getCloud, log, sha256Hex } from '../../_shared'

export const RESPOND_PAGE = 'pages/mediation/respond/index'

/** An invitation stays usable for 7 days; the applicant can issue a fresh one (the old one dies). */
export const INVITATION_TTL_MS = 7 * DAY_MS

/** 18 random bytes → 24 URL-safe characters: fits a wxacode scene (≤ 32) as it is. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(18).toString('base64url')
  return { token, tokenHash: tokenHash(token) }
}

export function tokenHash(token: string): string {
  return sha256Hex(`invitation\u0000${token}`)
}

export function sharePath(token: string): string {
  return `${RESPOND_PAGE}?token=${token}`
}

function envVersion(): 'release' | 'trial' | 'develop' {
  const s = process.env.MINIPROGRAM_STATE
  return s === 'developer' ? 'develop' : s === 'trial' ? 'trial' : 'release'
}

/** Draws the mini-program code and stores it under the case's storage path. */
export async function storeQr(caseId: string, token: string, issuedAt: Date): Promise<string> {
  const cloud = getCloud()
  let buffer: Buffer
  try {
    const api = cloud.openapi.wxacode as {
      getUnlimited(p: Record<string, unknown>): Promise<{ buffer?: unknown; errCode?: number }>
    }
    const res = await api.getUnlimited({
      scene: token,
      page: RESPOND_PAGE,
      // The respond page ships with the same release; checking it against the live version
      // would refuse codes drawn before the first publish.
      checkPath: false,
      envVersion: envVersion(),
      width: 430,
    })
    if (res.errCode || !res.buffer) throw Object.assign(new Error('wxacode failed'), res)
    buffer = Buffer.from(res.buffer as Uint8Array)
  } catch (e) {
    log.error('invite.wxacode.failed', { error: e })
    return fail('UPSTREAM_UNAVAILABLE', '小程序码生成失败，请稍后重试')
  }
  const uploaded = (await cloud.uploadFile({
    cloudPath: `cases/${caseId}/invitation-${issuedAt.getTime()}.png`,
    fileContent: buffer,
  })) as { fileID: string }
  return uploaded.fileID
}

/** Sends the invitation SMS when configured (`INVITE_SMS_ENABLED=true`); says so otherwise. */
export async function sendInvitationSms(
  phoneEnc: string | null,
  caseNumber: string | null,
  path: string,
): Promise<InviteResponse['sms']> {
  if (process.env.INVITE_SMS_ENABLED !== 'true' || !phoneEnc) {
    return {
      status: 'not_configured',
      message: '未开通短信通知，请通过微信分享邀请链接或出示小程序码邀请被申请人',
    }
  }
  try {
    const api = getCloud().openapi.cloudbase as {
      sendSms(p: Record<string, unknown>): Promise<{ errCode?: number }>
    }
    const res = await api.sendSms({
      env: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE,
      content: `您有一件商事纠纷调解申请（${caseNumber ?? ''}）待确认，请打开小程序查看`,
      path: `/${path}`,
      phoneNumberList: [`+86${decryptField(phoneEnc)}`],
    })
    if (res.errCode) throw Object.assign(new Error('sms failed'), res)
    return { status: 'sent', message: '已向被申请人发送短信通知' }
  } catch (e) {
    log.warn('invite.sms.failed', { error: e })
    return {
      status: 'failed',
      message: '短信发送失败，请通过微信分享邀请链接或小程序码邀请被申请人',
    }
  }
}
