import { describe, expect, it } from 'vitest'
import {
  RealtimeConnection,
  type ConnectionDeps,
} from '../../tools/cloudbase-emulator/src/realtime/connection'
import { diffResults } from '../../tools/cloudbase-emulator/src/realtime/diff'
import type { ServerMessage, WireEvent } from '../../tools/cloudbase-emulator/src/realtime/protocol'
import { parseFrame } from '../../tools/cloudbase-emulator/src/realtime/protocol'
import {
  Watch,
  WATCH_DOC_CAP,
  type WatchSpec,
} from '../../tools/cloudbase-emulator/src/realtime/watch'
import { decodeWatchSpec } from '../../tools/cloudbase-emulator/src/realtime/watch-spec'
import { compileRules, RulesGuard } from '../../tools/cloudbase-emulator/src/rules'
import type { ChangeEvent } from '../../tools/cloudbase-emulator/src/server/contracts'

type Doc = Record<string, unknown>

const spec: WatchSpec = {
  envName: 'demo-local',
  collection: 'chat',
  filter: {},
  order: [],
  limit: undefined,
}

function change(docId: string, type: ChangeEvent['type']): ChangeEvent {
  return {
    envName: 'demo-local',
    collection: 'chat',
    docId,
    type,
    after: undefined,
    before: undefined,
  }
}

describe('diffResults', () => {
  const a = { _id: 'a', text: 'A' }
  const b = { _id: 'b', text: 'B' }

  it('an added match is an enqueue with the full document', () => {
    expect(diffResults([a], [a, b], change('b', 'add'))).toEqual([
      { dataType: 'add', queueType: 'enqueue', docId: 'b', doc: b },
    ])
  })

  it('an update inside the query lists the changed and removed fields', () => {
    const edited = { _id: 'a', text: 'A2', extra: 1 }
    const [event] = diffResults([{ ...a, gone: true }], [edited], change('a', 'update'))
    expect(event).toEqual({
      dataType: 'update',
      queueType: 'update',
      docId: 'a',
      doc: edited,
      updatedFields: { text: 'A2', extra: 1 },
      removedFields: ['gone'],
    })
  })

  it('an update out of the query dequeues with the version the watcher already had', () => {
    expect(diffResults([a, b], [b], change('a', 'update'))).toEqual([
      { dataType: 'update', queueType: 'dequeue', docId: 'a', doc: a },
    ])
  })

  it('a remove dequeues without any document', () => {
    expect(diffResults([a], [], change('a', 'remove'))).toEqual([
      { dataType: 'remove', queueType: 'dequeue', docId: 'a', doc: undefined },
    ])
  })

  it('limit shifts are limit events, dequeues first', () => {
    const c = { _id: 'c', text: 'C' }
    expect(
      diffResults([a, b], [c, a], change('c', 'add')).map((e) => [
        e.dataType,
        e.queueType,
        e.docId,
      ]),
    ).toEqual([
      ['limit', 'dequeue', 'b'],
      ['add', 'enqueue', 'c'],
    ])
  })

  it('a change that does not alter what the watcher sees produces nothing', () => {
    expect(diffResults([a], [a], change('z', 'add'))).toEqual([])
  })
})

describe('Watch', () => {
  it('numbers batches contiguously and replays what a client missed', () => {
    let docs: Doc[] = [{ _id: 'a', n: 1 }]
    const watch = new Watch(
      'q1',
      spec,
      () => docs,
      () => true,
    )
    const init = watch.start()
    if (!init.ok) throw new Error('start failed')
    expect(init.batch.currEvent).toBe(1)
    expect(init.batch.events.map((e) => e.ID)).toEqual([1])
    docs = [...docs, { _id: 'b', n: 2 }]
    const second = watch.apply(change('b', 'add'))
    docs = docs.filter((d) => d['_id'] !== 'a')
    const third = watch.apply(change('a', 'remove'))
    expect(second?.ok && second.batch.currEvent).toBe(2)
    expect(third?.ok && third.batch.currEvent).toBe(3)
    expect(watch.apply(change('zzz', 'add'))).toBeUndefined()
    const replay = watch.replayAfter(1)
    expect(replay?.currEvent).toBe(3)
    expect(replay?.events.map((e: WireEvent) => [e.ID, e.DataType, e.DocID])).toEqual([
      [2, 'add', 'b'],
      [3, 'remove', 'a'],
    ])
    expect(watch.replayAfter(3)?.events).toEqual([])
    expect(watch.replayAfter(7)).toBeUndefined()
  })

  it('ignores changes in other collections and environments', () => {
    const watch = new Watch(
      'q',
      spec,
      () => [{ _id: 'x' }],
      () => true,
    )
    watch.start()
    expect(watch.apply({ ...change('x', 'update'), collection: 'other' })).toBeUndefined()
    expect(watch.apply({ ...change('x', 'update'), envName: 'demo-other' })).toBeUndefined()
  })

  it(`refuses to watch more than ${WATCH_DOC_CAP} records, but a limit brings it under`, () => {
    const many = Array.from({ length: WATCH_DOC_CAP + 1 }, (_, i) => ({ _id: `d${i}` }))
    const unbounded = new Watch(
      'q',
      spec,
      () => many,
      () => true,
    ).start()
    expect(unbounded).toMatchObject({ ok: false, code: 'WATCH_LIMIT_EXCEEDED' })
    if (!unbounded.ok)
      expect(unbounded.message).toBe('监听的记录数超过 5000 条上限，请缩小查询范围或设置 limit')
    const limited = new Watch(
      'q',
      { ...spec, limit: 10 },
      () => many,
      () => true,
    ).start()
    expect(limited.ok && limited.batch.events).toHaveLength(10)
  })

  it('never lists a document the watcher may not see', () => {
    const docs = [
      { _id: 'a', owner: 'me' },
      { _id: 'b', owner: 'someone else' },
    ]
    const started = new Watch(
      'q',
      spec,
      () => docs,
      (d) => d['owner'] === 'me',
    ).start()
    expect(started.ok && started.batch.events.map((e) => e.DocID)).toEqual(['a'])
  })
})

describe('frames and watch specs', () => {
  it('bad frames are typed failures with Chinese messages', () => {
    expect(parseFrame('{not json')).toEqual({
      ok: false,
      requestId: '',
      message: '消息不是合法的 JSON',
    })
    expect(parseFrame('{"requestId":"r1","msgType":"HACK"}')).toEqual({
      ok: false,
      requestId: 'r1',
      message: '不支持的消息类型 HACK',
    })
  })

  it('decodes the double-encoded query, orderBy in either shape, and checks limit', () => {
    const decoded = decodeWatchSpec(
      'demo-local',
      {
        collName: 'chat',
        query: JSON.stringify('{"n":{"$gte":{"$numberInt":"2"}}}'),
        orderBy: { n: 'desc' },
        limit: 5,
      },
      0,
    )
    expect(decoded).toEqual({
      ok: true,
      spec: {
        envName: 'demo-local',
        collection: 'chat',
        filter: { n: { $gte: 2 } },
        order: [['n', -1]],
        limit: 5,
      },
    })
    const arrayOrder = decodeWatchSpec(
      'demo-local',
      { collName: 'chat', orderBy: [{ field: 'n', direction: 'asc' }] },
      0,
    )
    expect(arrayOrder.ok && arrayOrder.spec.order).toEqual([['n', 1]])
    expect(decodeWatchSpec('demo-local', { collName: 'chat', limit: -1 }, 0)).toEqual({
      ok: false,
      message: 'limit 必须是正整数',
    })
    expect(decodeWatchSpec('demo-local', { collName: '../etc' }, 0)).toEqual({
      ok: false,
      message: '集合名不合法',
    })
  })
})

describe('RealtimeConnection', () => {
  const rules = compileRules({ chat: { read: 'doc.owner == auth.openid' } })
  if (!rules.ok) throw new Error('rules')
  const docs: Doc[] = [
    { _id: 'a', owner: 'o_me', text: 'mine' },
    { _id: 'b', owner: 'o_other', text: 'theirs' },
  ]
  const deps: ConnectionDeps = {
    envId: 'demo-local',
    now: () => 0,
    run: (s) => docs.filter((d) => Object.entries(s.filter).every(([k, v]) => d[k] === v)),
    hasCollection: (_env, name) => name === 'chat',
    findById: (_env, _name, id) => docs.find((d) => d['_id'] === id),
    guard: new RulesGuard(rules.rules, () => 0),
    validSign: (sign) => sign === 'good-sign',
    newId: (prefix) => `${prefix}_1`,
  }

  function connect(identity: ConstructorParameters<typeof RealtimeConnection>[0]) {
    const sent: ServerMessage[] = []
    const conn = new RealtimeConnection(identity, deps, (m) => sent.push(m))
    const frame = (f: Record<string, unknown>) => {
      conn.handleFrame(JSON.stringify(f))
      return sent.at(-1)
    }
    return { frame, sent }
  }

  it('admin login needs a ticket from auth.wsWebSign; watching needs a login', () => {
    const { frame } = connect({ kind: 'admin' })
    expect(
      frame({
        requestId: 'r0',
        msgType: 'INIT_WATCH',
        watchId: 'w',
        msgData: { collName: 'chat' },
      }),
    ).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'CHECK_LOGIN_FAILED' },
    })
    expect(
      frame({ requestId: 'r1', msgType: 'LOGIN', msgData: {}, exMsgData: { signStr: 'forged' } }),
    ).toMatchObject({
      requestId: 'r1',
      msgType: 'ERROR',
      msgData: { code: 'SIGN_INVALID_ERROR' },
    })
    expect(
      frame({
        requestId: 'r2',
        msgType: 'LOGIN',
        msgData: {},
        exMsgData: { signStr: 'good-sign' },
      }),
    ).toEqual({
      requestId: 'r2',
      msgType: 'LOGIN_RES',
      msgData: { envId: 'demo-local' },
    })
    const init = frame({
      requestId: 'r3',
      msgType: 'INIT_WATCH',
      watchId: 'w',
      msgData: { collName: 'chat' },
    })
    expect(init).toMatchObject({ requestId: 'r3', msgType: 'INIT_EVENT', watchId: 'w' })
    expect((init?.msgData as { events: unknown[] }).events).toHaveLength(2)
  })

  it('a client watch pinned to another user’s document by _id is refused; its own is allowed', () => {
    const { frame } = connect({ kind: 'client', auth: { openid: 'o_me' } })
    frame({ requestId: 'r1', msgType: 'LOGIN', msgData: { envId: 'demo-local' } })
    const theirs = frame({
      requestId: 'r2',
      msgType: 'INIT_WATCH',
      watchId: 'w1',
      msgData: { collName: 'chat', query: JSON.stringify('{"_id":"b"}') },
    })
    expect(theirs).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'COLLECTION_PERMISSION_DENIED' },
    })
    const mine = frame({
      requestId: 'r3',
      msgType: 'INIT_WATCH',
      watchId: 'w2',
      msgData: { collName: 'chat', query: JSON.stringify('{"_id":"a"}') },
    })
    expect(mine).toMatchObject({ msgType: 'INIT_EVENT' })
  })

  it('a client cannot log in to another environment, nor anyone to a non-local one', () => {
    const { frame } = connect({ kind: 'client', auth: { openid: 'o_me' } })
    expect(
      frame({ requestId: 'r1', msgType: 'LOGIN', msgData: { envId: 'demo-other' } }),
    ).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'INVALIID_ENV', message: '环境 demo-other 不存在' },
    })
    const admin = connect({ kind: 'admin' })
    const prod = admin.frame({
      requestId: 'r2',
      msgType: 'LOGIN',
      msgData: { envId: 'prod-9gxyz123abcd' },
      exMsgData: { signStr: 'good-sign' },
    })
    expect(prod).toMatchObject({ msgType: 'ERROR', msgData: { code: 'INVALIID_ENV' } })
  })

  it('REBUILD_WATCH and CHECK_LAST answer for the watch; unknown queries are QUERYID_INVALID_ERROR', () => {
    const { frame } = connect({ kind: 'admin' })
    frame({ requestId: 'r1', msgType: 'LOGIN', msgData: {}, exMsgData: { signStr: 'good-sign' } })
    const init = frame({
      requestId: 'r2',
      msgType: 'INIT_WATCH',
      watchId: 'w',
      msgData: { collName: 'chat' },
    })
    const queryID = (init?.msgData as { queryID: string }).queryID
    expect(
      frame({
        requestId: 'r3',
        msgType: 'REBUILD_WATCH',
        watchId: 'w',
        msgData: { queryID, eventID: 0 },
      }),
    ).toMatchObject({
      requestId: 'r3',
      msgType: 'NEXT_EVENT',
      msgData: { currEvent: 1 },
    })
    expect(
      frame({
        requestId: 'r4',
        msgType: 'CHECK_LAST',
        watchId: 'w',
        msgData: { queryID, eventID: 1 },
      }),
    ).toEqual({
      requestId: 'r4',
      msgType: 'CHECK_EVENT',
      watchId: 'w',
      msgData: { queryID, currEvent: 1 },
    })
    expect(
      frame({ requestId: 'r5', msgType: 'CHECK_LAST', watchId: 'w', msgData: { queryID: 'nope' } }),
    ).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'QUERYID_INVALID_ERROR' },
    })
    frame({ requestId: 'r6', msgType: 'CLOSE_WATCH', watchId: 'w', msgData: null })
    expect(
      frame({
        requestId: 'r7',
        msgType: 'REBUILD_WATCH',
        watchId: 'w',
        msgData: { queryID, eventID: 0 },
      }),
    ).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'QUERYID_INVALID_ERROR' },
    })
  })
})
