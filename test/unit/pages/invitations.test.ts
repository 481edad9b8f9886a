import { describe, expect, it } from 'vitest'
import {
  callPageUrl,
  currentCallId,
  invitationPrompt,
  InvitationWatcher,
  readInvitation,
  RECONNECT_DELAYS_MS,
  SETTLE_MS,
  shouldAsk,
  type InvitationDeps,
  type PendingInvitation,
} from '../../../miniprogram/utils/invitations'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')

const doc = (id: string, overrides: Record<string, unknown> = {}) => ({
  _id: id,
  callId: `call_${id}`,
  caseNumber: '（2026）商调字第 0001 号',
  status: 'ringing',
  expiresAt: new Date(NOW + 120_000),
  toOpenid: 'o_party_applicant',
  ...overrides,
})

/** A fake platform: the test plays the watch, the modal answers and the clock. */
function fakePlatform(answers: boolean[] = []) {
  const log: string[] = []
  let onChange: ((docs: readonly Record<string, unknown>[]) => void) | null = null
  let onError: ((e: unknown) => void) | null = null
  const timers: { fn: () => void; ms: number; done?: boolean }[] = []
  let now = NOW
  let declineAnswer: string | null = null
  const deps: InvitationDeps = {
    watch(change, error) {
      log.push('watch')
      onChange = change
      onError = error
      return { close: () => void log.push('close') }
    },
    ask: (inv) => {
      log.push(`ask ${inv.callId}`)
      return Promise.resolve(answers.shift() ?? false)
    },
    accept: (inv) => void log.push(`accept ${inv.callId}`),
    decline: (inv) => {
      log.push(`decline ${inv.callId}`)
      return Promise.resolve(declineAnswer)
    },
    notify: (m) => void log.push(`notify ${m}`),
    now: () => now,
    schedule: (fn, ms) => {
      timers.push({ fn, ms })
      return timers.length
    },
    cancel: () => undefined,
  }
  const flush = () => new Promise((r) => setTimeout(r, 0))
  return {
    deps,
    log,
    timers,
    emit: (docs: Record<string, unknown>[]) => onChange?.(docs),
    /** Lets the settle wait pass. */
    settle: () => {
      for (const t of timers)
        if (t.ms === SETTLE_MS && !t.done) {
          t.done = true
          t.fn()
        }
    },
    fail: () => onError?.(new Error('socket closed')),
    setNow: (ms: number) => void (now = ms),
    setDecline: (m: string | null) => void (declineAnswer = m),
    flush: async () => {
      for (let i = 0; i < 5; i += 1) await flush()
    },
  }
}

describe('readInvitation', () => {
  it('reads a ringing invitation with its expiry from a Date, an ISO string or EJSON', () => {
    const expected: PendingInvitation = {
      invitationId: 'i1',
      callId: 'call_i1',
      caseNumber: '（2026）商调字第 0001 号',
      expiresAt: NOW + 120_000,
    }
    expect(readInvitation(doc('i1'), NOW)).toEqual(expected)
    const iso = new Date(NOW + 120_000).toISOString()
    expect(readInvitation(doc('i1', { expiresAt: iso }), NOW)).toEqual(expected)
    expect(readInvitation(doc('i1', { expiresAt: { $date: iso } }), NOW)).toEqual(expected)
  })
  it('ignores lapsed, answered and malformed documents', () => {
    expect(readInvitation(doc('i1'), NOW + 120_000)).toBeNull()
    expect(readInvitation(doc('i1', { status: 'declined' }), NOW)).toBeNull()
    expect(readInvitation(doc('i1', { callId: 7 }), NOW)).toBeNull()
    expect(readInvitation(doc('i1', { expiresAt: 'soon' }), NOW)).toBeNull()
  })
  it('asks in Chinese and opens the call page', () => {
    const inv = readInvitation(doc('i1'), NOW)!
    expect(invitationPrompt(inv)).toEqual({
      title: '视频调解邀请',
      content: '调解员邀请您加入案件 （2026）商调字第 0001 号 的视频调解，是否现在加入？',
    })
    expect(callPageUrl('c/1')).toBe('/pages/case/call/index?callId=c%2F1')
  })
})

describe('InvitationWatcher', () => {
  it('asks once per invitation; 接受 opens the call page', async () => {
    const p = fakePlatform([true])
    const w = new InvitationWatcher(p.deps)
    w.start()
    w.start()
    p.emit([doc('i1')])
    p.settle()
    await p.flush()
    // The same invitation in the next snapshot does not ring again.
    p.emit([doc('i1')])
    p.settle()
    await p.flush()
    expect(p.log).toEqual(['watch', 'ask call_i1', 'accept call_i1'])
  })

  it('拒绝 declines on the server and shows the function’s message when refused', async () => {
    const p = fakePlatform([false])
    p.setDecline('邀请已过期，请等待调解员重新发起')
    const w = new InvitationWatcher(p.deps)
    w.start()
    p.emit([doc('i1')])
    p.settle()
    await p.flush()
    expect(p.log).toEqual([
      'watch',
      'ask call_i1',
      'decline call_i1',
      'notify 邀请已过期，请等待调解员重新发起',
    ])
  })

  it('shows one modal at a time and skips an invitation that lapsed meanwhile', async () => {
    const p = fakePlatform()
    let release: (v: boolean) => void = () => undefined
    p.deps.ask = (inv) => {
      p.log.push(`ask ${inv.callId}`)
      return new Promise((r) => (release = r))
    }
    const w = new InvitationWatcher(p.deps)
    w.start()
    p.emit([doc('i1'), doc('i2', { expiresAt: new Date(NOW + 60_000) })])
    p.settle()
    await p.flush()
    expect(p.log).toEqual(['watch', 'ask call_i1'])
    p.setNow(NOW + 90_000)
    release(true)
    await p.flush()
    expect(p.log).toEqual([
      'watch',
      'ask call_i1',
      'accept call_i1',
      'notify 一个视频调解邀请已过期',
    ])
  })

  it('never asks about an invitation withdrawn before the settle wait passed', async () => {
    const p = fakePlatform([true])
    const w = new InvitationWatcher(p.deps)
    w.start()
    // A call started and ended at once: ringing in one snapshot, gone in the next.
    p.emit([doc('i1')])
    p.emit([])
    p.settle()
    await p.flush()
    expect(p.log).toEqual(['watch'])
    p.emit([doc('i2')])
    p.settle()
    await p.flush()
    expect(p.log).toEqual(['watch', 'ask call_i2', 'accept call_i2'])
  })

  it('reconnects after an error with growing waits, and at once on resume', () => {
    const p = fakePlatform()
    const w = new InvitationWatcher(p.deps)
    w.start()
    p.fail()
    expect(w.connected).toBe(false)
    expect(p.timers.map((t) => t.ms)).toEqual([RECONNECT_DELAYS_MS[0]])
    p.timers[0]!.fn()
    expect(w.connected).toBe(true)
    p.fail()
    expect(p.timers.map((t) => t.ms)).toEqual([RECONNECT_DELAYS_MS[0], RECONNECT_DELAYS_MS[1]])
    // Back in the foreground: no waiting for the timer.
    w.resume()
    expect(w.connected).toBe(true)
    expect(p.log.filter((l) => l === 'watch')).toHaveLength(3)
    expect(p.log.filter((l) => l === 'close')).toHaveLength(2)
  })

  it('a watch that throws on open is retried too', () => {
    const p = fakePlatform()
    p.deps.watch = () => {
      throw new Error('not initialised')
    }
    const w = new InvitationWatcher(p.deps)
    w.start()
    expect(w.connected).toBe(false)
    expect(p.timers).toHaveLength(1)
  })
})

describe('invitations for the call the user is already in', () => {
  // The mini-program's page stack, as WeChat's global getCurrentPages() returns it.
  const g = globalThis as { getCurrentPages?: () => unknown[] }
  const onCallPage = (callId: string) => {
    g.getCurrentPages = () => [{ route: 'pages/case/call/index', data: { callId }, options: {} }]
  }
  const leavePages = () => {
    delete g.getCurrentPages
  }
  const inv = (callId: string): PendingInvitation => ({
    invitationId: `inv_${callId}`,
    callId,
    caseNumber: '',
    expiresAt: NOW + 60_000,
  })

  it('asks about any other call, never the current one', () => {
    expect(shouldAsk(inv('call_a'), null)).toBe(true)
    expect(shouldAsk(inv('call_a'), 'call_b')).toBe(true)
    expect(shouldAsk(inv('call_a'), 'call_a')).toBe(false)
  })

  it('reads the current call from the call page on top of the stack', () => {
    const call = { route: 'pages/case/call/index', data: { callId: 'call_a' }, options: {} }
    expect(currentCallId([{ route: 'pages/home/index' }, call])).toBe('call_a')
    expect(
      currentCallId([{ route: 'pages/case/call/index', data: {}, options: { callId: 'c%2F1' } }]),
    ).toBe('c/1')
    // The call page under another page (or no page at all) is not "in the call" on screen.
    expect(currentCallId([call, { route: 'pages/case/detail/index' }])).toBeNull()
    expect(currentCallId([])).toBeNull()
  })

  it('does not pop up on the call page for its own call, but still rings for another', async () => {
    const p = fakePlatform([false])
    const w = new InvitationWatcher(p.deps)
    w.start()
    onCallPage('call_i1')
    try {
      p.emit([doc('i1'), doc('i2')])
      p.settle()
      await p.flush()
    } finally {
      leavePages()
    }
    expect(p.log).toEqual(['watch', 'ask call_i2', 'decline call_i2'])
  })

  it('drops a queued invitation once the user has entered its call from the case page', async () => {
    const p = fakePlatform([])
    const w = new InvitationWatcher(p.deps)
    w.start()
    p.emit([doc('i1')])
    onCallPage('call_i1')
    try {
      p.settle()
      await p.flush()
    } finally {
      leavePages()
    }
    expect(p.log).toEqual(['watch'])
  })
})
