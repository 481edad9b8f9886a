// The only path from the mini-program to the cloud functions: `call(fn, action, payload)`,
// typed from the contracts, over `wx.cloud.callFunction`.
import { createCaller, type Transport } from './caller'

export type { CallOptions, CallResult, Transport } from './caller'
export { NETWORK_MESSAGE } from './caller'

const wxTransport: Transport = async (name, data) => {
  const res = await wx.cloud.callFunction({ name, data })
  return res.result
}

/** `call('verifyIdentity', 'status', {})` — what the services use. */
export const call = createCaller(wxTransport)
