// The web simulator's page is served from another loopback port, so the browser needs CORS
// headers to read replies. Only loopback origins are let in: the emulator is a local dev tool.
// Requests stay "simple" (no preflight) when the token travels as `?token=` instead of a header,
// because the emulator's router has no OPTIONS routes.
import type { IncomingMessage, ServerResponse } from 'node:http'

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

export function allowLoopbackOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  if (origin === undefined || !LOOPBACK_ORIGIN.test(origin)) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('vary', 'Origin')
}
