import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import postcss, { type Root, type Rule } from 'postcss'
import selectorParser from 'postcss-selector-parser'

// WXSS → CSS for glass-easel's DOM backend:
// - `@import` inlined recursively (relative to the importing file);
// - `rpx` → `calc(var(--rpx) * N)`, with --rpx set by the runtime from the phone width;
// - in a scoped component, `.a` → `.S--a` (the DOM backend writes `${scope}--${class}`) and
//   `:host` → `[wx-host="S"]`;
// - tdesign's CDN icon font glyphs become CSS masks over local SVG files.

export interface WxssOptions {
  scope: string | null
  iconNames: ReadonlySet<string>
  iconUrl: (name: string) => string
}

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g

export function rpxToCss(value: string): string {
  return value.replace(RPX, (_m, n: string) => `calc(var(--rpx) * ${n})`)
}

function inlineImports(file: string, seen: Set<string>): string {
  if (seen.has(file)) return ''
  seen.add(file)
  const src = readFileSync(file, 'utf8')
  return src.replace(
    /@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;/g,
    (_m: string, spec: string) => {
      let target = spec.startsWith('/')
        ? path.resolve(path.dirname(file), '.' + spec)
        : path.resolve(path.dirname(file), spec)
      if (!existsSync(target) && existsSync(target + '.wxss')) target += '.wxss'
      if (!existsSync(target)) throw new Error(`WXSS @import 找不到文件：${spec}（在 ${file}）`)
      return inlineImports(target, seen)
    },
  )
}

const ICON_RULE = /^\.t-icon-([a-z0-9-]+):before$/

function rewriteIcon(rule: Rule, opts: WxssOptions): void {
  const m = ICON_RULE.exec(rule.selector.trim())
  if (!m) return
  const name = m[1]!
  if (!opts.iconNames.has(name)) return
  const url = opts.iconUrl(name)
  rule.removeAll()
  rule.append(
    { prop: 'content', value: "''" },
    { prop: 'display', value: 'block' },
    { prop: 'width', value: '1em' },
    { prop: 'height', value: '1em' },
    { prop: 'background-color', value: 'currentColor' },
    { prop: '-webkit-mask', value: `url("${url}") center / contain no-repeat` },
    { prop: 'mask', value: `url("${url}") center / contain no-repeat` },
  )
}

function scopeSelector(selector: string, scope: string): string {
  // `:host` first, textually: the host element carries wx-host="<scope>".
  const host = `[wx-host="${scope}"]`
  const withHost = selector.replace(/:host\(([^()]*)\)/g, `${host}$1`).replace(/:host\b/g, host)
  return selectorParser((sel) => {
    sel.walkClasses((c) => {
      c.value = `${scope}--${c.value}`
    })
  }).processSync(withHost)
}

export function transformWxssFile(file: string, opts: WxssOptions): string {
  const source = inlineImports(file, new Set())
  return transformWxssSource(source, file, opts)
}

export function transformWxssSource(source: string, file: string, opts: WxssOptions): string {
  let root: Root
  try {
    root = postcss.parse(source, { from: file })
  } catch (e) {
    throw new Error(`WXSS 语法错误 ${file}：${(e as Error).message}`)
  }
  root.walkAtRules('font-face', (at) => {
    // The tdesign icon font comes from a CDN; glyphs are replaced by local masks below.
    if (/tdesign\.gtimg\.com/.test(at.toString())) at.remove()
  })
  root.walkRules((rule) => {
    const parent = rule.parent
    if (parent?.type === 'atrule' && /keyframes$/i.test((parent as { name: string }).name)) return
    rewriteIcon(rule, opts)
    if (opts.scope) rule.selector = scopeSelector(rule.selector, opts.scope)
  })
  root.walkDecls((d) => {
    if (d.value.includes('rpx')) d.value = rpxToCss(d.value)
  })
  return root.toString()
}
