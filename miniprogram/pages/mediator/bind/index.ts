import { refreshSession } from '../../../custom-tab-bar/session'
import { bindMediator } from '../../../services/mediator-desk'
import { newIntent, type Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import { MAX_BIND_CODE_INPUT, boundMessage, checkBindCode, normaliseBindCode } from './logic'

/** One intent per code typed: a retry after a timeout must not redeem a second time. */
let bindIntent: Intent | undefined

Page({
  data: {
    code: '',
    error: '',
    busy: false,
    bound: false,
    boundName: '',
    maxLength: MAX_BIND_CODE_INPUT,
  },
  onLoad() {
    bindIntent = undefined
  },
  onCodeChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    bindIntent = undefined
    this.setData({
      code: e.detail.value,
      error: this.data.error ? checkBindCode(e.detail.value) : '',
    })
  },
  async onBindTap() {
    if (this.data.busy) return
    const error = checkBindCode(this.data.code)
    this.setData({ error })
    if (error) return
    bindIntent = bindIntent ?? newIntent()
    this.setData({ busy: true })
    const res = await bindMediator(normaliseBindCode(this.data.code), bindIntent)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') bindIntent = undefined
      if (res.error.field === 'payload.code') this.setData({ error: res.error.message })
      else showError(this, res.error.message)
      return
    }
    bindIntent = undefined
    this.setData({ bound: true, boundName: res.data.name })
    showSuccess(this, boundMessage(res.data.name))
    // The 工作台 tab appears once the session knows the new role.
    await refreshSession()
  },
  onOpenDeskTap() {
    void wx.switchTab({ url: '/pages/workbench/index' })
  },
})
