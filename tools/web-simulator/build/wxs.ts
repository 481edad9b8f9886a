import { parse, type Node } from 'acorn'
import { simple } from 'acorn-walk'
import MagicString from 'magic-string'

// WXS is close to ES5 but not the same language. The differences that change results:
// - `x.constructor` is a string ('Array', 'Object', …): tdesign's `_.cls()` depends on it, and
//   without the rewrite every modifier class silently disappears;
// - `getRegExp('\d')` keeps the backslash (WXS strings do not drop unknown escapes the way JS
//   does), otherwise tdesign's addUnit never appends "px";
// - `require('./x.wxs')` names modules without the extension in the compiled group.
// Exported functions are tagged so the event wrapper can tell a WXS handler from a method.

interface Located {
  type: string
  start: number
  end: number
}
interface MemberNode extends Located {
  object: Located
  property: Located & { name?: string }
  computed: boolean
}
interface CallNode extends Located {
  callee: Located & { name?: string }
  arguments: (Located & { value?: unknown; raw?: string })[]
}

const JS_ESCAPES = new Set([
  'n',
  'r',
  't',
  'b',
  'f',
  'v',
  '0',
  'x',
  'u',
  "'",
  '"',
  '\\',
  '\n',
  '\r',
])

function keepUnknownEscapes(raw: string): string {
  return raw.replace(/\\(.)/gs, (m: string, c: string) => (JS_ESCAPES.has(c) ? m : '\\\\' + c))
}

export const WXS_PRELUDE =
  'var __rt=globalThis.__simWxsRuntime,getRegExp=__rt.getRegExp,getDate=__rt.getDate,__wxsCtor=__rt.ctor;'
export const WXS_EPILOGUE = ';__rt.mark(module.exports);'

export function transformWxs(source: string, file: string): string {
  let ast: Node
  try {
    ast = parse(source, { ecmaVersion: 5, sourceType: 'script', allowReturnOutsideFunction: true })
  } catch {
    // Some WXS uses ES2015 syntax that WeChat accepts; fall back to a modern parse.
    try {
      ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script' })
    } catch (e) {
      throw new Error(`WXS 语法错误 ${file}：${(e as Error).message}`)
    }
  }
  const s = new MagicString(source)
  simple(ast, {
    MemberExpression(node) {
      const n = node as unknown as MemberNode
      if (!n.computed && n.property.name === 'constructor') {
        s.prependRight(n.object.start, '__wxsCtor(')
        s.overwrite(n.object.end, n.end, ')')
      }
    },
    CallExpression(node) {
      const n = node as unknown as CallNode
      const first = n.arguments[0]
      if (!first || first.type !== 'Literal' || typeof first.value !== 'string') return
      if (n.callee.name === 'require') {
        s.overwrite(first.start, first.end, JSON.stringify(first.value.replace(/\.wxs$/, '')))
      } else if (n.callee.name === 'getRegExp' && first.raw) {
        s.overwrite(first.start, first.end, keepUnknownEscapes(first.raw))
      }
    },
  })
  return WXS_PRELUDE + s.toString() + WXS_EPILOGUE
}
