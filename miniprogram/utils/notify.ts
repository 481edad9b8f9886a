import Message from 'tdesign-miniprogram/message/index'

type Context = WechatMiniprogram.Page.TrivialInstance

/** Shows a function's Chinese error message at the top of the page (needs `<t-message id="t-message" />`). */
export function showError(context: Context, content: string): void {
  Message.error({ context, offset: [20, 32], duration: 4000, content })
}

/** Shows a short success notice at the top of the page. */
export function showSuccess(context: Context, content: string): void {
  Message.success({ context, offset: [20, 32], duration: 2500, content })
}
