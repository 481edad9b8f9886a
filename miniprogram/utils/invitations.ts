// Video-call invitations while the mini-program is open: WeChat VoIP cannot ring, so the app
// watches `call_invitations` addressed to this user (the database rule lets only the addressee
// read them) and asks with a modal. The platform calls are injected, so Node tests drive it.

/** What the modal needs of a ringing invitation. */
export interface PendingInvitation {
  readonly invitationId: string
  readonly callId: string
  readonly caseNumber: string
  readonly expiresAt: number
}

export interface InvitationDeps {
  /** Opens the realtime watch; `onChange` receives every ringing invitation in each snapshot. */
  watch(
    onChange: (docs: readonly Record<string, unknown>[]) => void,
    onError: (error: unknown) => void,
  ): { close(): Promise<void> | void }
  /** Asks the user; resolves true for 接受. */
  ask(invitation: PendingInvitation): Promise<boolean>
  /** Opens the call page. */
  accept(invitation: PendingInvitation): void
  /** Declines on the server; resolves with the function's message on refusal. */
  decline(invitation: PendingInvitation): Promise<string | null>
  /** Shows a short notice (expired invitation, failed decline). */
  notify(message: string): void
  now(): number
  schedule(fn: () => void, ms: number): unknown
  cancel(handle: unknown): void
}

/**
 * How long a new invitation must keep ringing before the modal asks: a call started and ended
 * at once (or an invitation withdrawn a moment later) then never pops up.
 */
export const SETTLE_MS = 800

/** Reconnect waits: quick at first, then at most half a minute, so a dead network is not hammered. */
export const RECONNECT_DELAYS_MS: readonly number[] = [1_000, 3_000, 10_000, 30_000]

function toMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    const ms = Date.parse(value)
    return Number.isFinite(ms) ? ms : undefined
  }
  // EJSON `{ $date: … }`, as some transports deliver dates.
  if (typeof value === 'object' && value !== null && '$date' in value) return toMs(value.$date)
  return undefined
}

/** A watched document as a pending invitation; null unless it rings and has not lapsed. */
export function readInvitation(
  doc: Record<string, unknown>,
  now: number,
): PendingInvitation | null {
  const id = doc['_id']
  const callId = doc['callId']
  const expiresAt = toMs(doc['expiresAt'])
  if (typeof id !== 'string' || typeof callId !== 'string' || expiresAt === undefined) return null
  if (doc['status'] !== 'ringing' || expiresAt <= now) return null
  const caseNumber = typeof doc['caseNumber'] === 'string' ? doc['caseNumber'] : ''
  return { invitationId: id, callId, caseNumber, expiresAt }
}

/** The modal's text for one invitation. */
export function invitationPrompt(invitation: PendingInvitation): {
  title: string
  content: string
} {
  const which = invitation.caseNumber ? `案件 ${invitation.caseNumber} ` : ''
  return {
    title: '视频调解邀请',
    content: `调解员邀请您加入${which}的视频调解，是否现在加入？`,
  }
}

/** What the invitation rule reads of an open page (WeChat's `getCurrentPages()` entries). */
export interface OpenPage {
  readonly route?: string
  readonly data?: unknown
  readonly options?: unknown
}

const CALL_ROUTE = 'pages/case/call/index'

/**
 * The call the user is in: the call page on top of the stack, by the `callId` its data holds (or
 * its query, before onLoad has run). Read from the page stack rather than kept in this module,
 * because a page may be bundled with its own copy of the module.
 */
export function currentCallId(pages: readonly OpenPage[]): string | null {
  const top = pages[pages.length - 1]
  if (!top || top.route?.replace(/^\//, '') !== CALL_ROUTE) return null
  const fromData = (top.data as { callId?: unknown } | undefined)?.callId
  if (typeof fromData === 'string' && fromData) return fromData
  const fromQuery = (top.options as { callId?: unknown } | undefined)?.callId
  return typeof fromQuery === 'string' && fromQuery ? decodeURIComponent(fromQuery) : null
}

/** WeChat's page stack; empty where there is none (Node tests, a runtime without globalThis). */
function openPages(): readonly OpenPage[] {
  if (typeof globalThis !== 'object') return []
  const stack = (globalThis as { getCurrentPages?: () => readonly OpenPage[] }).getCurrentPages
  return typeof stack === 'function' ? stack() : []
}

/** Whether to ask about an invitation: never for the call the user is already in. */
export function shouldAsk(invitation: PendingInvitation, currentCallId: string | null): boolean {
  return invitation.callId !== currentCallId
}

export function callPageUrl(callId: string): string {
  return `/pages/case/call/index?callId=${encodeURIComponent(callId)}`
}

/** The watcher: start once at launch, `resume` on every App.onShow, `stop` to close. */
export class InvitationWatcher {
  private handle: { close(): Promise<void> | void } | null = null
  private retryTimer: unknown = null
  private attempts = 0
  /** Invitations already asked about (or queued), so each rings once. */
  private readonly seen = new Set<string>()
  private readonly queue: PendingInvitation[] = []
  /** The invitations ringing in the latest snapshot: a queued one no longer there is dropped. */
  private ringing = new Set<string>()
  private settleTimer: unknown = null
  private asking = false

  constructor(private readonly deps: InvitationDeps) {}

  get connected(): boolean {
    return this.handle !== null
  }

  start(): void {
    if (this.handle !== null) return
    this.clearRetry()
    try {
      this.handle = this.deps.watch(
        (docs) => this.onSnapshot(docs),
        () => this.onError(),
      )
    } catch {
      this.onError()
    }
  }

  /** App.onShow: a watch dropped while in the background reconnects now, not after its wait. */
  resume(): void {
    if (this.handle !== null) return
    this.attempts = 0
    this.start()
  }

  stop(): void {
    this.clearRetry()
    const handle = this.handle
    this.handle = null
    if (handle) void Promise.resolve(handle.close()).catch(() => undefined)
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.deps.cancel(this.retryTimer)
    this.retryTimer = null
  }

  private onError(): void {
    this.stop()
    const delay =
      RECONNECT_DELAYS_MS[Math.min(this.attempts, RECONNECT_DELAYS_MS.length - 1)] ?? 30_000
    this.attempts += 1
    this.retryTimer = this.deps.schedule(() => {
      this.retryTimer = null
      this.start()
    }, delay)
  }

  private onSnapshot(docs: readonly Record<string, unknown>[]): void {
    this.attempts = 0
    const now = this.deps.now()
    const ringing = new Set<string>()
    for (const doc of docs) {
      const invitation = readInvitation(doc, now)
      if (!invitation) continue
      ringing.add(invitation.invitationId)
      if (this.seen.has(invitation.invitationId)) continue
      this.seen.add(invitation.invitationId)
      if (shouldAsk(invitation, currentCallId(openPages()))) this.queue.push(invitation)
    }
    this.ringing = ringing
    if (this.queue.length === 0 || this.settleTimer !== null) return
    this.settleTimer = this.deps.schedule(() => {
      this.settleTimer = null
      void this.next()
    }, SETTLE_MS)
  }

  /** One modal at a time; an invitation that lapsed while another was shown is not asked. */
  private async next(): Promise<void> {
    if (this.asking) return
    const invitation = this.queue.shift()
    if (!invitation) return
    // Withdrawn, answered elsewhere, ended, or joined from the case page since it was queued.
    if (
      !this.ringing.has(invitation.invitationId) ||
      !shouldAsk(invitation, currentCallId(openPages()))
    ) {
      void this.next()
      return
    }
    this.asking = true
    try {
      if (invitation.expiresAt <= this.deps.now()) {
        this.deps.notify('一个视频调解邀请已过期')
        return
      }
      const accepted = await this.deps.ask(invitation)
      if (accepted) {
        this.deps.accept(invitation)
        return
      }
      const refused = await this.deps.decline(invitation)
      if (refused) this.deps.notify(refused)
    } catch {
      this.deps.notify('视频调解邀请处理失败，请稍后重试')
    } finally {
      this.asking = false
      void this.next()
    }
  }
}
