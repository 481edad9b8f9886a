import { glassEasel } from 'glass-easel-miniprogram-adapter'
import { attributeOf, classNamesOf, isBuiltin, isComponent, tagNameOf } from './selector'

// WXML text of a node's own shadow-tree children (inner) or of the node itself (outer).

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function inner(n: { childNodes: unknown[] }): string {
  let out = ''
  for (const c of n.childNodes) {
    if (glassEasel.TextNode.isTextNode(c)) out += escape(c.textContent)
    else if (glassEasel.VirtualNode.isVirtualNode(c)) out += inner(c)
    else out += outer(c as glassEasel.Element)
  }
  return out
}

function outer(n: glassEasel.Element): string {
  const tag = tagNameOf(n)
  let attrs = ''
  if (n.id) attrs += ` id="${escape(n.id)}"`
  const cls = classNamesOf(n).join(' ')
  if (cls) attrs += ` class="${escape(cls)}"`
  const style = attributeOf(n, 'style')
  if (style) attrs += ` style="${escape(style)}"`
  for (const [k, v] of Object.entries(n.dataset)) {
    const name = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    attrs += ` data-${name}="${escape(String(v))}"`
  }
  return `<${tag}${attrs}>${content(n)}</${tag}>`
}

// A custom component shows its rendered shadow tree, as DevTools' WXML panel does.
function content(n: glassEasel.Element): string {
  const sr = isComponent(n) && !isBuiltin(n) ? n.getShadowRoot() : null
  return inner(sr ?? n)
}

export function serializeWxml(n: glassEasel.Element, isOuter: boolean): string {
  return isOuter ? outer(n) : content(n)
}
