// CloudBase environment per mini-program version. Replace these with your own env ids
// (see README "Opening in WeChat DevTools"). `demo-local` is what the local emulator serves.
const ENV_BY_VERSION: Record<WechatMiniprogram.MiniProgram['envVersion'], string> = {
  develop: 'demo-local',
  trial: 'demo-local',
  release: 'demo-local',
}

/** The CloudBase env id for the running version of the mini-program. */
export function cloudEnvId(): string {
  const { envVersion } = wx.getAccountInfoSync().miniProgram
  return ENV_BY_VERSION[envVersion]
}
