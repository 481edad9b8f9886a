import { glassEasel } from 'glass-easel-miniprogram-adapter'
import { text } from './data'

// WXML selectors over glass-easel trees, the way DevTools resolves them for the automator:
// tag, #id, .class, [attr], [attr=v] (also *= ^= $= ~=), descendant, `>`, `>>>` (into custom
// components' shadow trees) and `,`. A plain descendant step stays in one shadow tree, so
// `page.$` does not pierce custom components unless `>>>` says so.

type Node = glassEasel.Element
type Combinator = ' ' | '>' | '>>>'

interface AttrTest {
  name: string
  op: '' | '=' | '*=' | '^=' | '$=' | '~='
  value: string
}

interface Compound {
  tag: string | null
  ids: string[]
  classes: string[]
  attrs: AttrTest[]
}

interface Step {
  combinator: Combinator
  compound: Compound
}

export class SelectorError extends Error {}

const IDENT = /^-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*/

function parseCompound(src: string, at: number): { compound: Compound; next: number } {
  const c: Compound = { tag: null, ids: [], classes: [], attrs: [] }
  let i = at
  const ident = (): string => {
    const m = IDENT.exec(src.slice(i))
    if (!m) throw new SelectorError(`选择器无效：${src}`)
    i += m[0].length
    return m[0]
  }
  if (src[i] === '*') i += 1
  else if (IDENT.test(src.slice(i))) c.tag = ident()
  for (;;) {
    const ch = src[i]
    if (ch === '#') {
      i += 1
      c.ids.push(ident())
    } else if (ch === '.') {
      i += 1
      c.classes.push(ident())
    } else if (ch === '[') {
      const end = src.indexOf(']', i)
      if (end < 0) throw new SelectorError(`选择器无效：${src}`)
      const body = src.slice(i + 1, end).trim()
      const m = /^([-_a-zA-Z0-9:]+)\s*(?:([*^$~]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\s]*)))?$/.exec(
        body,
      )
      if (!m) throw new SelectorError(`选择器无效：${src}`)
      c.attrs.push({
        name: m[1]!,
        op: (m[2] ?? '') as AttrTest['op'],
        value: m[3] ?? m[4] ?? m[5] ?? '',
      })
      i = end + 1
    } else break
  }
  if (i === at) throw new SelectorError(`选择器无效：${src}`)
  return { compound: c, next: i }
}

export function parseSelector(src: string): Step[][] {
  const groups: Step[][] = []
  for (const part of src.split(',')) {
    const text = part.trim()
    if (!text) throw new SelectorError(`选择器无效：${src}`)
    const steps: Step[] = []
    let i = 0
    let combinator: Combinator = ' '
    while (i < text.length) {
      const { compound, next } = parseCompound(text, i)
      steps.push({ combinator, compound })
      i = next
      const rest = /^\s*(>>>|>)?\s*/.exec(text.slice(i))!
      i += rest[0].length
      combinator = (rest[1] as Combinator | undefined) ?? ' '
      if (i >= text.length && rest[1]) throw new SelectorError(`选择器无效：${src}`)
    }
    groups.push(steps)
  }
  return groups
}

export function isComponent(n: unknown): n is glassEasel.GeneralComponent {
  return glassEasel.Component.isComponent(n)
}

function isElementNode(n: unknown): n is Node {
  return glassEasel.NativeNode.isNativeNode(n) || isComponent(n)
}

export function isBuiltin(n: Node): boolean {
  return isComponent(n) && n.is.startsWith('__builtin/')
}

export function tagNameOf(n: Node): string {
  if (isComponent(n)) return isBuiltin(n) ? n.is.slice('__builtin/'.length) : n.tagName
  return (n as glassEasel.NativeNode).is
}

export function classNamesOf(n: Node): string[] {
  return (n.classList?.getClassNames() ?? '').split(/\s+/).filter(Boolean)
}

export function attributeOf(n: Node, name: string): string | null {
  if (name === 'id') return n.id || null
  if (name === 'class') return classNamesOf(n).join(' ') || null
  if (name === 'style') return n.style || null
  if (name.startsWith('data-')) {
    const key = name.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
    const v = n.dataset[key]
    return v === undefined ? null : text(v)
  }
  if (isComponent(n)) {
    const v = (n.data as Record<string, unknown>)[name]
    if (v !== undefined && v !== null) return text(v)
  }
  const v = n.getAttribute(name)
  return v === undefined || v === null || v === false ? null : text(v)
}

function matches(n: Node, c: Compound): boolean {
  if (c.tag && tagNameOf(n) !== c.tag) return false
  for (const id of c.ids) if (n.id !== id) return false
  if (c.classes.length) {
    const have = classNamesOf(n)
    for (const cls of c.classes) if (!have.includes(cls)) return false
  }
  for (const a of c.attrs) {
    const v = attributeOf(n, a.name)
    if (v === null) return false
    if (a.op === '=' && v !== a.value) return false
    if (a.op === '*=' && !v.includes(a.value)) return false
    if (a.op === '^=' && !v.startsWith(a.value)) return false
    if (a.op === '$=' && !v.endsWith(a.value)) return false
    if (a.op === '~=' && !v.split(/\s+/).includes(a.value)) return false
  }
  return true
}

// Element children of a node in its own shadow tree (virtual nodes such as wx:if blocks are
// looked through).
export function childElements(n: { childNodes: unknown[] }): Node[] {
  const out: Node[] = []
  for (const c of n.childNodes) {
    if (isElementNode(c)) out.push(c)
    else if (glassEasel.VirtualNode.isVirtualNode(c)) out.push(...childElements(c))
  }
  return out
}

function descendants(n: { childNodes: unknown[] }, pierce: boolean, out: Node[]): void {
  if (pierce && isComponent(n) && !isBuiltin(n)) {
    const sr = n.getShadowRoot()
    if (sr) descendants(sr, true, out)
  }
  for (const c of childElements(n)) {
    out.push(c)
    descendants(c, pierce, out)
  }
}

export function queryAll(scope: { childNodes: unknown[] }, selector: string): Node[] {
  const found = new Set<Node>()
  for (const steps of parseSelector(selector)) {
    let contexts: { childNodes: unknown[] }[] = [scope]
    for (const step of steps) {
      const next = new Set<Node>()
      for (const ctx of contexts) {
        const pool: Node[] = []
        if (step.combinator === '>') pool.push(...childElements(ctx))
        else descendants(ctx, step.combinator === '>>>', pool)
        for (const n of pool) if (matches(n, step.compound)) next.add(n)
      }
      contexts = [...next]
    }
    for (const n of contexts) found.add(n as Node)
  }
  return [...found]
}
