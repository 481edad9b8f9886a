// A compiled rules file: per collection, one expression per operation. CloudBase's shape is
// `{ "<collection>": { "read": "<expr>", "write": "<expr>" } }`, where `create`/`update`/`delete`
// may refine `write`. Anything not granted is denied: an unlisted collection is admin-only.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RuleExpr } from './ast'
import { parseRule } from './parse'

/** `write` asks the generic write rule; create/update/delete fall back to it. */
export type RuleOperation = 'read' | 'write' | 'create' | 'update' | 'delete'

const KEYS = ['read', 'write', 'create', 'update', 'delete'] as const
type RuleKey = (typeof KEYS)[number]

export interface RulesFileError {
  readonly code: 'RULES_FILE_INVALID'
  readonly message: string
}

export type RuleSetResult =
  | { readonly ok: true; readonly rules: RuleSet }
  | { readonly ok: false; readonly errors: readonly RulesFileError[] }

const DENY: RuleExpr = { kind: 'literal', value: false }

export class RuleSet {
  constructor(
    private readonly compiled: ReadonlyMap<string, Partial<Record<RuleKey, RuleExpr>>>,
    /** The source text of every rule, for display (console, errors). */
    readonly source: Readonly<Record<string, Readonly<Record<string, string>>>>,
  ) {}

  ruleFor(collection: string, operation: RuleOperation): RuleExpr {
    const entry = this.compiled.get(collection)
    if (entry === undefined) return DENY
    if (operation === 'read') return entry.read ?? DENY
    if (operation === 'write') return entry.write ?? DENY
    return entry[operation] ?? entry.write ?? DENY
  }

  collections(): string[] {
    return [...this.compiled.keys()].sort()
  }
}

/** Compiles a parsed rules file; every problem is reported, nothing throws. */
export function compileRules(raw: unknown): RuleSetResult {
  const errors: RulesFileError[] = []
  const fail = (message: string) => errors.push({ code: 'RULES_FILE_INVALID', message })
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ code: 'RULES_FILE_INVALID', message: '规则文件必须是对象' }] }
  }
  const compiled = new Map<string, Partial<Record<RuleKey, RuleExpr>>>()
  const source: Record<string, Record<string, string>> = {}
  for (const [collection, entry] of Object.entries(raw as Record<string, unknown>)) {
    // `$comment` and other `$` keys document the file, as in collections.json.
    if (collection.startsWith('$')) continue
    if (!/^[a-z][a-z0-9_]*$/.test(collection)) {
      fail(`集合名「${collection}」不合法`)
      continue
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      fail(`集合「${collection}」的规则必须是对象`)
      continue
    }
    const rules: Partial<Record<RuleKey, RuleExpr>> = {}
    const texts: Record<string, string> = {}
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (!(KEYS as readonly string[]).includes(key)) {
        fail(`集合「${collection}」含未知的规则项「${key}」`)
        continue
      }
      const text = typeof value === 'boolean' ? String(value) : value
      if (typeof text !== 'string') {
        fail(`集合「${collection}」的「${key}」必须是表达式字符串或布尔值`)
        continue
      }
      const parsed = parseRule(text)
      if (!parsed.ok) {
        fail(
          `集合「${collection}」的「${key}」：${parsed.error.message}（第 ${parsed.error.position + 1} 个字符）`,
        )
        continue
      }
      rules[key as RuleKey] = parsed.expr
      texts[key] = text
    }
    compiled.set(collection, rules)
    source[collection] = texts
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, rules: new RuleSet(compiled, source) }
}

/** `<repo>/database/rules.json`, the committed rules file. */
export const DEFAULT_RULES_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../database/rules.json',
)

/**
 * The parsed JSON of a rules file, or the one error saying why not; `label` names the kind of
 * file in the message (规则文件, 存储规则文件).
 */
export function readRulesJson(
  file: string,
  label: string,
):
  | { readonly ok: true; readonly raw: unknown }
  | { readonly ok: false; readonly errors: readonly RulesFileError[] } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {
      ok: false,
      errors: [{ code: 'RULES_FILE_INVALID', message: `无法读取${label} ${file}` }],
    }
  }
  try {
    return { ok: true, raw: JSON.parse(text) as unknown }
  } catch {
    return {
      ok: false,
      errors: [{ code: 'RULES_FILE_INVALID', message: `${label} ${file} 不是合法的 JSON` }],
    }
  }
}

export function loadRulesFile(file: string = DEFAULT_RULES_PATH): RuleSetResult {
  const read = readRulesJson(file, '规则文件')
  return read.ok ? compileRules(read.raw) : read
}
