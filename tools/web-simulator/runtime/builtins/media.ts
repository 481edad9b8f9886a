import { hostOf, setBuiltinStyle, type BuiltinRegistration, type BuiltinThis, str } from './define'
import { resolveResourceUrl } from '../resources'

// `<image>` is a box with a background image, like WeChat's (so `mode` maps to
// background-size/position and widthFix/heightFix resize the box); `<canvas type="2d">` is the
// real HTML canvas, returned as `node` by SelectorQuery; `<rich-text>` renders `nodes`.

const POSITIONS: Record<string, string> = {
  top: 'center top',
  bottom: 'center bottom',
  center: 'center center',
  left: 'left center',
  right: 'right center',
  'top left': 'left top',
  'top right': 'right top',
  'bottom left': 'left bottom',
  'bottom right': 'right bottom',
}

type ImageThis = BuiltinThis & {
  __natural?: { width: number; height: number } | undefined
  __url?: string | undefined
}

function ownerPath(self: BuiltinThis): string {
  const owner = self._$.ownerShadowRoot?.getHostNode()
  return owner?.is ?? ''
}

function renderImage(self: ImageThis): void {
  const mode = str(self.data['mode'], 'scaleToFill')
  const url = self.__url
  const parts: string[] = []
  if (url) parts.push(`background-image:url("${url.replace(/"/g, '%22')}")`)
  parts.push('background-repeat:no-repeat')
  if (mode === 'aspectFit') parts.push('background-size:contain', 'background-position:center')
  else if (mode === 'aspectFill') parts.push('background-size:cover', 'background-position:center')
  else if (POSITIONS[mode])
    parts.push('background-size:auto', `background-position:${POSITIONS[mode]}`)
  else parts.push('background-size:100% 100%')
  const n = self.__natural
  if (n && n.width > 0 && n.height > 0) {
    const rect = hostOf(self).getBoundingClientRect()
    if (mode === 'widthFix') parts.push(`height:${(rect.width * n.height) / n.width}px`)
    if (mode === 'heightFix') parts.push(`width:${(rect.height * n.width) / n.height}px`)
  }
  setBuiltinStyle(self, parts.join(';'))
}

function loadImage(self: ImageThis): void {
  const src = str(self.data['src'], '')
  self.__natural = undefined
  if (!src) {
    self.__url = undefined
    renderImage(self)
    return
  }
  void resolveResourceUrl(src, ownerPath(self)).then(
    (url) => {
      self.__url = url
      renderImage(self)
      const img = new Image()
      img.onload = () => {
        if (self.__url !== url) return
        self.__natural = { width: img.naturalWidth, height: img.naturalHeight }
        renderImage(self)
        self.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight })
      }
      img.onerror = () => self.triggerEvent('error', { errMsg: `GET ${src} 404 (Not Found)` })
      img.src = url
    },
    (e: unknown) =>
      self.triggerEvent('error', { errMsg: e instanceof Error ? e.message : JSON.stringify(e) }),
  )
}

function sanitize(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')
  doc.querySelectorAll('script,iframe,object,embed,link,meta,style').forEach((n) => n.remove())
  doc.querySelectorAll('*').forEach((n) => {
    for (const a of Array.from(n.attributes)) {
      if (/^on/i.test(a.name) || /javascript:/i.test(a.value)) n.removeAttribute(a.name)
    }
  })
  return doc.body.innerHTML
}

interface RichNode {
  type?: string
  name?: string
  text?: string
  attrs?: Record<string, string>
  children?: RichNode[]
}

function buildNodes(nodes: RichNode[], parent: Node): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      parent.appendChild(document.createTextNode(n.text ?? ''))
      continue
    }
    if (!n.name || /^(script|iframe|object|embed|style)$/i.test(n.name)) continue
    const e = document.createElement(n.name)
    for (const [k, v] of Object.entries(n.attrs ?? {})) {
      if (!/^on/i.test(k) && !/javascript:/i.test(String(v))) e.setAttribute(k, String(v))
    }
    buildNodes(n.children ?? [], e)
    parent.appendChild(e)
  }
}

type CanvasEl = HTMLCanvasElement & {
  createImage?: () => HTMLImageElement
  createImageData?: (w: number, h: number) => ImageData
  requestAnimationFrame?: (cb: FrameRequestCallback) => number
  cancelAnimationFrame?: (id: number) => void
}

export const mediaBuiltins: BuiltinRegistration[] = [
  {
    tag: 'image',
    path: '__builtin/image',
    template: null,
    def: {
      properties: {
        src: { type: String, value: '' },
        mode: { type: String, value: 'scaleToFill' },
        lazyLoad: { type: Boolean, value: false },
        webp: { type: Boolean, value: false },
        fadeIn: { type: Boolean, value: false },
        showMenuByLongpress: { type: Boolean, value: false },
      },
      observers: {
        src(this: ImageThis) {
          loadImage(this)
        },
        mode(this: ImageThis) {
          renderImage(this)
        },
      },
      lifetimes: {
        attached(this: ImageThis) {
          hostOf(this).setAttribute('role', 'img')
          loadImage(this)
        },
      },
    },
  },
  {
    tag: 'canvas',
    path: '__builtin/canvas',
    template: null,
    def: {
      properties: {
        type: { type: String, value: '' },
        canvasId: { type: String, value: '' },
        disableScroll: { type: Boolean, value: false },
      },
      lifetimes: {
        attached(this: BuiltinThis) {
          const c = hostOf(this) as CanvasEl
          c.createImage = () => new Image()
          c.createImageData = (w: number, h: number) => new ImageData(w, h)
          c.requestAnimationFrame = (cb) => window.requestAnimationFrame(cb)
          c.cancelAnimationFrame = (id) => window.cancelAnimationFrame(id)
          if (this.data['disableScroll']) c.style.touchAction = 'none'
          else c.style.touchAction = 'pan-y'
        },
      },
    },
  },
  {
    tag: 'rich-text',
    path: '__builtin/rich-text',
    template: null,
    def: {
      properties: {
        nodes: { type: null, value: [] },
        space: { type: String, value: '' },
        userSelect: { type: Boolean, value: false },
      },
      observers: {
        nodes(this: BuiltinThis, v: unknown) {
          const host = hostOf(this)
          host.textContent = ''
          if (typeof v === 'string') host.innerHTML = sanitize(v)
          else if (Array.isArray(v)) buildNodes(v as RichNode[], host)
        },
      },
    },
  },
]
