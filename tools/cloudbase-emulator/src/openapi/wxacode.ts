// wxacode.getUnlimited: a real PNG QR code. The emulator cannot draw WeChat's round sun code, so
// it encodes the same information as a QR text the web simulator can scan:
// `wxacode://<appid>/<page>?scene=<scene>&env_version=<v>`.
import QRCode from 'qrcode'
import { join } from 'node:path'
import { appPages } from './subscribe-message'
import { asString, wxError, type OpenApiCall, type OpenApiResult } from './types'

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/

function hexColor(value: unknown): string {
  const c = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const part = (k: string): string =>
    Math.max(0, Math.min(255, Number(c[k] ?? 0) || 0))
      .toString(16)
      .padStart(2, '0')
  return `#${part('r')}${part('g')}${part('b')}`
}

export function wxacodeText(
  appid: string,
  page: string,
  scene: string,
  envVersion: string,
): string {
  return `wxacode://${appid}/${page}?scene=${encodeURIComponent(scene)}&env_version=${envVersion}`
}

export function wxacodeGetUnlimited(repoRoot: string) {
  return async (call: OpenApiCall): Promise<OpenApiResult> => {
    const p = call.params
    const scene = asString(p['scene'])
    if (scene === undefined || !SCENE_CHARS.test(scene)) {
      return wxError(
        40169,
        'invalid length for scene, or the data is not json string：scene 最多 32 个可见字符',
      )
    }
    const page = (asString(p['page']) ?? '').replace(/^\//, '')
    const envVersion = asString(p['env_version']) ?? 'release'
    if (!['release', 'trial', 'develop'].includes(envVersion)) {
      return wxError(40097, 'invalid args：env_version 只能是 release、trial 或 develop')
    }
    if (page !== '' && p['check_path'] !== false) {
      const pages = appPages(join(repoRoot, 'miniprogram', 'app.json'))
      if (pages && !pages.has(page)) return wxError(41030, `invalid page：小程序中没有页面 ${page}`)
    }
    const width = Math.max(280, Math.min(1280, Number(p['width'] ?? 430) || 430))
    const dark = p['auto_color'] === true ? '#000000' : hexColor(p['line_color'])
    const light = p['is_hyaline'] === true ? '#ffffff00' : '#ffffff'
    const appid = call.caller?.appid || 'wx0000000000000000'
    const png = await QRCode.toBuffer(wxacodeText(appid, page, scene, envVersion), {
      type: 'png',
      width,
      margin: 2,
      errorCorrectionLevel: 'M',
      color: { dark: `${dark}ff`, light },
    })
    return { kind: 'binary', contentType: 'image/png', body: png }
  }
}
