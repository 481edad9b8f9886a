// The storage security rule: one `{ "read": expr, "write": expr }` for the whole bucket, in the
// same expression language as the database rules but over `auth` and `resource` (the file's
// uploader openid and cloud path). `write` covers uploading, overwriting and deleting. A missing
// operation is denied, as CloudBase's default is false.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RuleExpr } from './ast'
import { evaluateRule, type RuleAuth, type RuleResource } from './evaluate'
import { parseRule, STORAGE_ROOTS } from './parse'
import { readRulesJson, type RulesFileError } from './rule-set'

export type StorageOperation = 'read' | 'write'

const OPERATIONS: readonly StorageOperation[] = ['read', 'write']
const DENY: RuleExpr = { kind: 'literal', value: false }

export class StorageRules {
  constructor(
    private readonly compiled: Readonly<Partial<Record<StorageOperation, RuleExpr>>>,
    /** The source text of each rule, for messages. */
    readonly source: Readonly<Partial<Record<StorageOperation, string>>>,
  ) {}

  allows(
    operation: StorageOperation,
    auth: RuleAuth | undefined,
    resource: RuleResource,
    now: number,
  ): boolean {
    return evaluateRule(this.compiled[operation] ?? DENY, { doc: undefined, auth, resource, now })
  }
}

export type StorageRulesResult =
  | { readonly ok: true; readonly rules: StorageRules }
  | { readonly ok: false; readonly errors: readonly RulesFileError[] }

/** Compiles a storage rules object; every problem is reported, nothing throws. */
export function compileStorageRules(raw: unknown): StorageRulesResult {
  const errors: RulesFileError[] = []
  const fail = (message: string) => errors.push({ code: 'RULES_FILE_INVALID', message })
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ code: 'RULES_FILE_INVALID', message: '存储规则必须是对象' }],
    }
  }
  const compiled: Partial<Record<StorageOperation, RuleExpr>> = {}
  const source: Partial<Record<StorageOperation, string>> = {}
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith('$')) continue
    if (!(OPERATIONS as readonly string[]).includes(key)) {
      fail(`存储规则含未知的规则项「${key}」，只能是 read 或 write`)
      continue
    }
    const text = typeof value === 'boolean' ? String(value) : value
    if (typeof text !== 'string') {
      fail(`存储规则的「${key}」必须是表达式字符串或布尔值`)
      continue
    }
    const parsed = parseRule(text, { roots: STORAGE_ROOTS })
    if (!parsed.ok) {
      fail(
        `存储规则的「${key}」：${parsed.error.message}（第 ${parsed.error.position + 1} 个字符）`,
      )
      continue
    }
    compiled[key as StorageOperation] = parsed.expr
    source[key as StorageOperation] = text
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, rules: new StorageRules(compiled, source) }
}

/** `<repo>/storage/rules.json`, the committed storage rule. */
export const DEFAULT_STORAGE_RULES_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../storage/rules.json',
)

export function loadStorageRulesFile(
  file: string = DEFAULT_STORAGE_RULES_PATH,
): StorageRulesResult {
  const read = readRulesJson(file, '存储规则文件')
  return read.ok ? compileStorageRules(read.raw) : read
}

/** The rules to enforce, or an Error whose Chinese message says what is wrong. */
export function storageRulesOrThrow(result: StorageRulesResult, what: string): StorageRules {
  if (result.ok) return result.rules
  throw new Error(`${what}有误：\n${result.errors.map((e) => e.message).join('\n')}`)
}
