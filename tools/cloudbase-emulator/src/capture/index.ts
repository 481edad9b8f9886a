// The `capture` emulator module: records every function answer and request, every function log
// line, every write to the in-app `messages` collection, every subscribe message and every SMS
// send, for the privacy scan of a whole run. It listens on the functions runtime, the open-API
// state and the database change feed; `/__emulator/reset` does not clear it (a run resets the
// data between files, the scan covers them all). Read it at `GET /__emulator/capture[?kind=]`.
import type { DatabaseService } from '../database/service'
import type { FunctionsService } from '../functions/index'
import type { FinishedInvocation } from '../functions/runtime'
import { requestUrl, sendJson } from '../functions/http-util'
import type { OpenApiService, RecordedCall } from '../openapi/index'
import type { ChangeEvent, EmulatorContext, EmulatorModule } from '../server/contracts'
import { CaptureStore } from './store'
import { CAPTURE_KINDS, type CaptureCounts, type CaptureKind, type CaptureSnapshot } from './types'

export type * from './types'

export const CAPTURE_PATH = '/__emulator/capture'
export const MESSAGES_COLLECTION = 'messages'

/** `emu.service('capture')`. */
export interface CaptureService {
  snapshot(kind?: CaptureKind, afterSeq?: number): CaptureSnapshot
  counts(): CaptureCounts
}

function actionOf(event: unknown): string {
  const action = (event as { action?: unknown } | null)?.action
  return typeof action === 'string' ? action : ''
}

function answerOf(done: FinishedInvocation): unknown {
  if ('json' in done.outcome) return JSON.parse(done.outcome.json) as unknown
  return { error: { code: done.outcome.error.code, message: done.outcome.error.message } }
}

function isKind(value: string | null): value is CaptureKind {
  return value !== null && (CAPTURE_KINDS as readonly string[]).includes(value)
}

export function createCaptureModule(): EmulatorModule & { readonly api: CaptureService } {
  const store = new CaptureStore()
  const unsubscribe: (() => void)[] = []

  const onInvocation = (done: FinishedInvocation): void => {
    const common = {
      invocationId: done.outcome.invocationId,
      function: done.function,
      action: actionOf(done.event),
      openid: done.caller.openid,
      source: done.caller.source,
    }
    store.add({ kind: 'request', ...common, event: done.event })
    store.add({ kind: 'response', ...common, body: answerOf(done) })
  }

  const onOpenApiCall = (call: RecordedCall): void => {
    if (call.apiName === 'subscribeMessage.send') {
      const touser = call.params['touser']
      store.add({
        kind: 'subscribe',
        function: call.function ?? '',
        touser: typeof touser === 'string' ? touser : '',
        errcode: call.errcode,
        params: call.params,
      })
    } else if (/sms/i.test(call.apiName)) {
      store.add({
        kind: 'sms',
        function: call.function ?? '',
        apiName: call.apiName,
        errcode: call.errcode,
        params: call.params,
      })
    }
  }

  const onChange =
    (envId: string) =>
    (change: ChangeEvent): void => {
      if (change.envName !== envId || change.collection !== MESSAGES_COLLECTION) return
      if (change.type === 'remove' || change.after === undefined) return
      const to = change.after['toOpenid']
      store.add({
        kind: 'message',
        docId: change.docId,
        change: change.type,
        toOpenid: typeof to === 'string' ? to : '',
        doc: change.after,
      })
    }

  const api: CaptureService = {
    snapshot: (kind, afterSeq) => store.snapshot(kind, afterSeq),
    counts: () => store.counts(),
  }

  return {
    name: 'capture',
    api,
    routes: [
      {
        method: 'GET',
        path: CAPTURE_PATH,
        handle(req, res) {
          const q = requestUrl(req).searchParams
          const kind = q.get('kind')
          if (kind !== null && !isKind(kind)) {
            sendJson(res, 400, {
              error: { code: 'BAD_REQUEST', message: `kind 只能是 ${CAPTURE_KINDS.join('、')}` },
            })
            return Promise.resolve()
          }
          const after = Number(q.get('after') ?? '0')
          sendJson(res, 200, store.snapshot(kind ?? undefined, Number.isFinite(after) ? after : 0))
          return Promise.resolve()
        },
      },
    ],
    // Registered after the modules it listens to, so their services exist by now.
    start(emu: EmulatorContext) {
      const runtime = emu.service<FunctionsService>('functions').runtime()
      unsubscribe.push(
        runtime.onInvocation(onInvocation),
        runtime.logs.onLine((line) =>
          store.add({
            kind: 'log',
            invocationId: line.invocationId,
            function: line.function,
            level: line.level,
            text: line.text,
          }),
        ),
        emu.service<OpenApiService>('openapi').onCall(onOpenApiCall),
        emu.service<DatabaseService>('database').onChange(onChange(emu.envId)),
      )
      return Promise.resolve()
    },
    stop() {
      for (const off of unsubscribe.splice(0)) off()
      return Promise.resolve()
    },
  }
}
