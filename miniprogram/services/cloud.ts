import { cloudEnvId } from '../config/env'

/** Connects the mini-program to its CloudBase environment; call once from App.onLaunch. */
export function initCloud(): void {
  wx.cloud.init({ env: cloudEnvId(), traceUser: true })
}
