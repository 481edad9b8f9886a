import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  compileRules,
  evaluateRule,
  loadRulesFile,
  parseRule,
  queryImpliesRule,
  RulesGuard,
  type RuleExpr,
} from '../../tools/cloudbase-emulator/src/rules'

const NOW = Date.UTC(2026, 11, 1, 12)
const alice = { openid: 'o_alice' }

function rule(source: string): RuleExpr {
  const parsed = parseRule(source)
  if (!parsed.ok) throw new Error(`test rule failed to parse: ${parsed.error.message}`)
  return parsed.expr
}

describe('rule parser', () => {
  it.each([
    'true',
    'false',
    'doc._openid == auth.openid',
    'auth.openid in doc.memberOpenids',
    "doc.status != 'closed' && (doc.a == 1 || !(doc.b == null))",
    "doc['odd-key'] == 'x'",
    "doc.kind in ['a', 'b']",
    'doc.expiresAt > now',
  ])('accepts %s', (source) => {
    expect(parseRule(source).ok).toBe(true)
  })

  it.each([
    ['', '规则表达式为空'],
    ['doc._openid ==', '表达式不完整'],
    ['process.exit(1)', '未知的标识符「process」，只能使用 doc、auth、now'],
    ['doc.a = 1', '无法识别的字符「=」'],
    ["doc.a == 'open", '字符串缺少结束引号'],
    ['doc.a == 1 doc.b', '表达式后有多余内容'],
    ['now.x == 1', 'now 没有字段'],
  ])('rejects %j with a Chinese message', (source, message) => {
    const parsed = parseRule(source)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.message).toBe(message)
  })

  it('rejects absurd nesting instead of overflowing the stack', () => {
    const parsed = parseRule(`${'!('.repeat(200)}true${')'.repeat(200)}`)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.message).toBe('表达式嵌套过深')
  })
})

describe('rule evaluator', () => {
  const cases: [string, Record<string, unknown> | undefined, boolean][] = [
    ['true', undefined, true],
    ['false', { _openid: 'o_alice' }, false],
    ['doc._openid == auth.openid', { _openid: 'o_alice' }, true],
    ['doc._openid == auth.openid', { _openid: 'o_bob' }, false],
    ['doc._openid == auth.openid', {}, false],
    ['doc._openid != auth.openid', { _openid: 'o_bob' }, true],
    ['auth.openid in doc.memberOpenids', { memberOpenids: ['o_bob', 'o_alice'] }, true],
    ['auth.openid in doc.memberOpenids', { memberOpenids: ['o_bob'] }, false],
    ['auth.openid in doc.memberOpenids', { memberOpenids: 'o_alice' }, false],
    [
      'doc.toOpenid == auth.openid && doc.status == "sent"',
      { toOpenid: 'o_alice', status: 'sent' },
      true,
    ],
    [
      'doc.toOpenid == auth.openid && doc.status == "sent"',
      { toOpenid: 'o_alice', status: 'read' },
      false,
    ],
    ['doc.a == 1 || doc.b == 2', { b: 2 }, true],
    ['!(doc.a == 1)', { a: 2 }, true],
    ['doc.meta.owner == auth.openid', { meta: { owner: 'o_alice' } }, true],
    ['doc.expiresAt > now', { expiresAt: new Date(NOW + 1000) }, true],
    ['doc.expiresAt > now', { expiresAt: new Date(NOW - 1000) }, false],
    ['doc.expiresAt > now', { expiresAt: 'tomorrow' }, false],
    ['doc.constructor == null', {}, true],
    ['doc.a', { a: 'yes' }, false],
  ]
  it.each(cases)('%s on %j → %s', (source, doc, expected) => {
    expect(evaluateRule(rule(source), { doc, auth: alice, now: NOW })).toBe(expected)
  })
})

describe('query implication (CloudBase read semantics)', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['doc._openid == auth.openid', { _openid: 'o_alice' }, true],
    ['doc._openid == auth.openid', { _openid: 'o_alice', status: 'open' }, true],
    ['doc._openid == auth.openid', { _openid: { $eq: 'o_alice' } }, true],
    ['doc._openid == auth.openid', { _openid: { $in: ['o_alice'] } }, true],
    ['doc._openid == auth.openid', { _openid: { $in: ['o_alice', 'o_bob'] } }, false],
    ['doc._openid == auth.openid', { _openid: 'o_bob' }, false],
    ['doc._openid == auth.openid', {}, false],
    ['doc._openid == auth.openid', { status: 'open' }, false],
    ['doc._openid == auth.openid', { _openid: { $ne: 'o_bob' } }, false],
    ['doc._openid == auth.openid', { $and: [{ _openid: 'o_alice' }, { n: { $gt: 1 } }] }, true],
    ['doc._openid == auth.openid', { $or: [{ _openid: 'o_alice' }, { _openid: 'o_bob' }] }, false],
    [
      'doc._openid == auth.openid',
      { $or: [{ _openid: 'o_alice', a: 1 }, { _openid: 'o_alice' }] },
      true,
    ],
    ['doc._openid == auth.openid', { _openid: 'o_alice', $or: [{ a: 1 }, { b: 2 }] }, true],
    ['auth.openid in doc.memberOpenids', { memberOpenids: 'o_alice' }, true],
    ['auth.openid in doc.memberOpenids', { memberOpenids: { $all: ['o_alice', 'o_bob'] } }, true],
    ['auth.openid in doc.memberOpenids', { memberOpenids: 'o_bob' }, false],
    [
      'doc.toOpenid == auth.openid && doc.kind == "invite"',
      { toOpenid: 'o_alice', kind: 'invite' },
      true,
    ],
    ['doc.toOpenid == auth.openid && doc.kind == "invite"', { toOpenid: 'o_alice' }, false],
    [
      'doc.toOpenid == auth.openid || doc.fromOpenid == auth.openid',
      { fromOpenid: 'o_alice' },
      true,
    ],
    ["doc.kind in ['a', 'b']", { kind: { $in: ['a', 'b'] } }, true],
    ["doc.kind in ['a', 'b']", { kind: { $in: ['a', 'c'] } }, false],
    ['true', {}, true],
    ['false', { _openid: 'o_alice' }, false],
    ['auth.openid == "o_alice"', {}, true],
  ]
  it.each(cases)('rule %s, query %j → %s', (source, filter, expected) => {
    expect(queryImpliesRule(rule(source), filter, alice, NOW)).toBe(expected)
  })
})

describe('rules file', () => {
  it('reports every problem in Chinese instead of throwing', () => {
    const result = compileRules({
      messages: { read: 'doc.toOpenid ==', write: 1 },
      'Bad-Name': { read: 'true' },
      calls: { reed: 'true' },
    })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors.map((e) => e.message)).toEqual([
        '集合「messages」的「read」：表达式不完整（第 16 个字符）',
        '集合「messages」的「write」必须是表达式字符串或布尔值',
        '集合名「Bad-Name」不合法',
        '集合「calls」含未知的规则项「reed」',
      ])
    }
  })

  it('falls back from create/update/delete to write, and denies unlisted collections', () => {
    const result = compileRules({
      notes: { read: true, write: 'doc._openid == auth.openid', delete: false },
    })
    if (!result.ok) throw new Error('rules should compile')
    const guard = new RulesGuard(result.rules, () => NOW)
    const own = { _openid: 'o_alice' }
    expect(guard.documentAllowed('notes', 'create', own, alice)).toBe(true)
    expect(guard.documentAllowed('notes', 'update', own, alice)).toBe(true)
    expect(guard.documentAllowed('notes', 'delete', own, alice)).toBe(false)
    expect(guard.documentAllowed('notes', 'write', own, alice)).toBe(true)
    expect(guard.documentAllowed('notes', 'write', { _openid: 'o_bob' }, alice)).toBe(false)
    expect(guard.documentAllowed('elsewhere', 'read', own, alice)).toBe(false)
  })

  it('the committed database/rules.json: owner reads messages and invitations, all else admin-only', () => {
    const loaded = loadRulesFile()
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'))
    const guard = new RulesGuard(loaded.rules, () => NOW)
    expect(guard.decideQuery('messages', { toOpenid: 'o_alice' }, alice).kind).toBe('allowed')
    expect(guard.decideQuery('messages', { toOpenid: 'o_bob' }, alice).kind).toBe('denied')
    expect(
      guard.decideQuery('call_invitations', { toOpenid: 'o_alice', status: 'ringing' }, alice).kind,
    ).toBe('allowed')
    expect(guard.decideQuery('users', { _openid: 'o_alice' }, alice).kind).toBe('allowed')
    expect(guard.decideQuery('mediation_cases', { _openid: 'o_alice' }, alice).kind).toBe('denied')
    expect(guard.decideQuery('messages', { _id: 'm1' }, alice)).toEqual({
      kind: 'by-document',
      docId: 'm1',
    })
    expect(guard.documentAllowed('messages', 'create', { toOpenid: 'o_alice' }, alice)).toBe(false)
    expect(loaded.rules.collections()).toHaveLength(20)
  })

  it('names every collection of database/collections.json explicitly', () => {
    const schema = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../database/collections.json'), 'utf8'),
    ) as { collections: string[] }
    const loaded = loadRulesFile()
    if (!loaded.ok) throw new Error('rules should load')
    const project = schema.collections.filter((name) => !name.startsWith('emulator_'))
    expect(loaded.rules.collections()).toEqual([...project].sort())
  })
})
