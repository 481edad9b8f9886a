// A hand-written recursive-descent parser for CloudBase security-rule expressions, e.g.
// `doc._openid == auth.openid || auth.openid in doc.memberOpenids`. It never evaluates text as
// code; anything outside the grammar is a typed error with a Chinese message.
import type { BinaryOp, RuleExpr, RuleRoot } from './ast'

export interface RuleSyntaxError {
  readonly code: 'RULE_SYNTAX'
  readonly message: string
  readonly position: number
}

export type ParseResult =
  | { readonly ok: true; readonly expr: RuleExpr }
  | { readonly ok: false; readonly error: RuleSyntaxError }

const MAX_LENGTH = 4000
const MAX_DEPTH = 64
/** The roots of database rules; storage rules pass their own (`auth`, `resource`). */
export const DATABASE_ROOTS: readonly RuleRoot[] = ['doc', 'auth', 'now']
export const STORAGE_ROOTS: readonly RuleRoot[] = ['auth', 'resource']

export interface ParseOptions {
  readonly roots?: readonly RuleRoot[]
}

type Token =
  | { readonly type: 'op'; readonly text: string; readonly pos: number }
  | { readonly type: 'ident'; readonly text: string; readonly pos: number }
  | { readonly type: 'string'; readonly text: string; readonly pos: number }
  | { readonly type: 'number'; readonly value: number; readonly pos: number }
  | { readonly type: 'end'; readonly pos: number }

/** Internal control flow only: parseRule turns it into a typed result before returning. */
class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message)
  }
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ',']

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const ch = source.charAt(i)
    if (/\s/.test(ch)) {
      i += 1
      continue
    }
    if (ch === "'" || ch === '"') {
      const start = i
      let text = ''
      i += 1
      while (i < source.length && source.charAt(i) !== ch) {
        if (source.charAt(i) === '\\' && i + 1 < source.length) i += 1
        text += source.charAt(i)
        i += 1
      }
      if (i >= source.length) throw new SyntaxFailure('字符串缺少结束引号', start)
      i += 1
      tokens.push({ type: 'string', text, pos: start })
      continue
    }
    const numberMatch = /^-?\d+(\.\d+)?/.exec(source.slice(i))
    if (numberMatch && (ch !== '-' || tokens.length === 0 || tokens.at(-1)?.type === 'op')) {
      tokens.push({ type: 'number', value: Number(numberMatch[0]), pos: i })
      i += numberMatch[0].length
      continue
    }
    const identMatch = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i))
    if (identMatch) {
      tokens.push({ type: 'ident', text: identMatch[0], pos: i })
      i += identMatch[0].length
      continue
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i))
    if (op === undefined) throw new SyntaxFailure(`无法识别的字符「${ch}」`, i)
    tokens.push({ type: 'op', text: op, pos: i })
    i += op.length
  }
  tokens.push({ type: 'end', pos: source.length })
  return tokens
}

class Parser {
  private index = 0
  private depth = 0

  constructor(
    private readonly tokens: readonly Token[],
    private readonly roots: readonly RuleRoot[],
  ) {}

  parseAll(): RuleExpr {
    const expr = this.parseOr()
    const next = this.peek()
    if (next.type !== 'end') throw new SyntaxFailure('表达式后有多余内容', next.pos)
    return expr
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { type: 'end', pos: 0 }
  }

  private take(): Token {
    const token = this.peek()
    this.index += 1
    return token
  }

  private isOp(text: string): boolean {
    const token = this.peek()
    return token.type === 'op' && token.text === text
  }

  private expectOp(text: string): void {
    const token = this.take()
    if (token.type !== 'op' || token.text !== text) {
      throw new SyntaxFailure(`此处应为「${text}」`, token.pos)
    }
  }

  private nested<T>(parse: () => T): T {
    this.depth += 1
    if (this.depth > MAX_DEPTH) throw new SyntaxFailure('表达式嵌套过深', this.peek().pos)
    try {
      return parse()
    } finally {
      this.depth -= 1
    }
  }

  private parseOr(): RuleExpr {
    let left = this.parseAnd()
    while (this.isOp('||')) {
      this.take()
      left = { kind: 'or', left, right: this.parseAnd() }
    }
    return left
  }

  private parseAnd(): RuleExpr {
    let left = this.parseUnary()
    while (this.isOp('&&')) {
      this.take()
      left = { kind: 'and', left, right: this.parseUnary() }
    }
    return left
  }

  private parseUnary(): RuleExpr {
    if (this.isOp('!')) {
      this.take()
      return this.nested(() => ({ kind: 'not', operand: this.parseUnary() }))
    }
    return this.parseComparison()
  }

  private parseComparison(): RuleExpr {
    const left = this.parsePrimary()
    const token = this.peek()
    const op = comparisonOperator(token)
    if (op === undefined) return left
    this.take()
    const right = this.parsePrimary()
    return { kind: 'compare', op, left, right }
  }

  private parsePrimary(): RuleExpr {
    const token = this.take()
    switch (token.type) {
      case 'string':
        return { kind: 'literal', value: token.text }
      case 'number':
        return { kind: 'literal', value: token.value }
      case 'ident':
        return this.parseIdent(token.text, token.pos)
      case 'op':
        if (token.text === '(') {
          const inner = this.nested(() => this.parseOr())
          this.expectOp(')')
          return inner
        }
        if (token.text === '[') return this.nested(() => this.parseList())
        throw new SyntaxFailure(`此处不应出现「${token.text}」`, token.pos)
      case 'end':
        throw new SyntaxFailure('表达式不完整', token.pos)
    }
  }

  private parseList(): RuleExpr {
    const items: RuleExpr[] = []
    if (this.isOp(']')) {
      this.take()
      return { kind: 'list', items }
    }
    for (;;) {
      items.push(this.parsePrimary())
      if (this.isOp(',')) {
        this.take()
        continue
      }
      this.expectOp(']')
      return { kind: 'list', items }
    }
  }

  private parseIdent(name: string, pos: number): RuleExpr {
    if (name === 'true') return { kind: 'literal', value: true }
    if (name === 'false') return { kind: 'literal', value: false }
    if (name === 'null') return { kind: 'literal', value: null }
    if (!(this.roots as readonly string[]).includes(name)) {
      throw new SyntaxFailure(`未知的标识符「${name}」，只能使用 ${this.roots.join('、')}`, pos)
    }
    const segments: string[] = []
    for (;;) {
      if (this.isOp('.')) {
        this.take()
        const key = this.take()
        if (key.type !== 'ident') throw new SyntaxFailure('「.」后应为字段名', key.pos)
        segments.push(key.text)
        continue
      }
      if (this.isOp('[')) {
        this.take()
        const key = this.take()
        if (key.type !== 'string' && key.type !== 'number') {
          throw new SyntaxFailure('「[」内应为字段名字符串或下标', key.pos)
        }
        segments.push(key.type === 'string' ? key.text : String(key.value))
        this.expectOp(']')
        continue
      }
      break
    }
    if (name === 'now' && segments.length > 0) throw new SyntaxFailure('now 没有字段', pos)
    return { kind: 'path', root: name as RuleRoot, segments }
  }
}

function comparisonOperator(token: Token): BinaryOp | undefined {
  if (token.type === 'ident' && token.text === 'in') return 'in'
  if (token.type !== 'op') return undefined
  switch (token.text) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return token.text
    default:
      return undefined
  }
}

/** Parses one rule expression; never throws. */
export function parseRule(source: string, options: ParseOptions = {}): ParseResult {
  if (typeof source !== 'string' || source.trim() === '') {
    return { ok: false, error: { code: 'RULE_SYNTAX', message: '规则表达式为空', position: 0 } }
  }
  if (source.length > MAX_LENGTH) {
    return {
      ok: false,
      error: { code: 'RULE_SYNTAX', message: `规则表达式超过 ${MAX_LENGTH} 个字符`, position: 0 },
    }
  }
  try {
    return {
      ok: true,
      expr: new Parser(tokenize(source), options.roots ?? DATABASE_ROOTS).parseAll(),
    }
  } catch (failure) {
    if (failure instanceof SyntaxFailure) {
      return {
        ok: false,
        error: { code: 'RULE_SYNTAX', message: failure.message, position: failure.position },
      }
    }
    throw failure
  }
}
