// Handwritten signature on a `canvas type="2d"`: draw with a finger, undo the last stroke, clear,
// confirm. Confirm refuses an empty pad (`error` with the Chinese message) and otherwise exports
// a PNG with wx.canvasToTempFilePath and emits `confirm` with its temp path; uploading and
// signing belong to the page, which sets `busy` while they run.
import {
  extendStroke,
  signatureProblem,
  startStroke,
  touchPoint,
  undoStroke,
  type Stroke,
} from './logic'

/** The part of the canvas 2d context used here (the mini-program typings have no DOM lib). */
interface Pen {
  fillStyle: string
  strokeStyle: string
  lineWidth: number
  lineCap: string
  lineJoin: string
  scale(x: number, y: number): void
  fillRect(x: number, y: number, w: number, h: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
}

interface PadCanvas {
  width: number
  height: number
  getContext(kind: '2d'): Pen
}

interface PadState {
  canvas?: PadCanvas
  ctx?: Pen
  cssWidth: number
  cssHeight: number
  strokes: Stroke[]
}

const INK = '#1f1f1f'
const LINE_WIDTH = 3

// Per-instance drawing state lives here, not in `data`: touchmove fires per frame.
const states = new WeakMap<object, PadState>()

function stateOf(instance: object): PadState {
  let s = states.get(instance)
  if (!s) {
    s = { cssWidth: 0, cssHeight: 0, strokes: [] }
    states.set(instance, s)
  }
  return s
}

function paintBackground(s: PadState): void {
  if (!s.ctx) return
  s.ctx.fillStyle = '#ffffff'
  s.ctx.fillRect(0, 0, s.cssWidth, s.cssHeight)
}

function drawStroke(ctx: Pen, stroke: Stroke): void {
  const first = stroke[0]
  if (!first) return
  ctx.beginPath()
  ctx.moveTo(first.x, first.y)
  if (stroke.length === 1) ctx.lineTo(first.x + 0.1, first.y + 0.1)
  for (let i = 1; i < stroke.length; i += 1) ctx.lineTo(stroke[i]!.x, stroke[i]!.y)
  ctx.stroke()
}

function redraw(s: PadState): void {
  if (!s.ctx) return
  paintBackground(s)
  for (const stroke of s.strokes) drawStroke(s.ctx, stroke)
}

Component({
  properties: {
    /** The page is uploading or signing: every button is disabled. */
    busy: { type: Boolean, value: false },
  },
  data: {
    hasInk: false,
  },
  lifetimes: {
    ready() {
      this.setUpCanvas()
    },
    detached() {
      states.delete(this)
    },
  },
  methods: {
    setUpCanvas() {
      wx.createSelectorQuery()
        .in(this)
        .select('#pad')
        .fields({ node: true, size: true })
        .exec((res: { node?: PadCanvas; width?: number; height?: number }[]) => {
          const info = res[0]
          if (!info?.node) return
          const s = stateOf(this)
          const ratio = wx.getWindowInfo().pixelRatio || 1
          s.canvas = info.node
          s.cssWidth = info.width ?? 0
          s.cssHeight = info.height ?? 0
          s.canvas.width = Math.round(s.cssWidth * ratio)
          s.canvas.height = Math.round(s.cssHeight * ratio)
          const ctx = s.canvas.getContext('2d')
          ctx.scale(ratio, ratio)
          ctx.strokeStyle = INK
          ctx.lineWidth = LINE_WIDTH
          ctx.lineCap = 'round'
          ctx.lineJoin = 'round'
          s.ctx = ctx
          redraw(s)
        })
    },

    onTouchStart(e: WechatMiniprogram.TouchCanvas) {
      if (this.properties.busy) return
      const p = touchPoint(e.touches)
      if (!p) return
      const s = stateOf(this)
      s.strokes = startStroke(s.strokes, p)
      if (s.ctx) drawStroke(s.ctx, [p])
      if (!this.data.hasInk) this.setData({ hasInk: true })
    },

    onTouchMove(e: WechatMiniprogram.TouchCanvas) {
      if (this.properties.busy) return
      const p = touchPoint(e.touches)
      if (!p) return
      const s = stateOf(this)
      const last = s.strokes[s.strokes.length - 1]
      const prev = last?.[last.length - 1]
      s.strokes = extendStroke(s.strokes, p)
      if (s.ctx && prev) drawStroke(s.ctx, [prev, p])
    },

    onTouchEnd() {
      // Nothing to finish: each move already drew its segment.
    },

    onUndoTap() {
      const s = stateOf(this)
      s.strokes = undoStroke(s.strokes)
      redraw(s)
      this.setData({ hasInk: s.strokes.length > 0 })
    },

    onClearTap() {
      const s = stateOf(this)
      s.strokes = []
      redraw(s)
      this.setData({ hasInk: false })
    },

    onConfirmTap() {
      if (this.properties.busy) return
      const s = stateOf(this)
      const problem = signatureProblem(s.strokes)
      if (problem) {
        this.triggerEvent('error', { message: problem })
        return
      }
      if (!s.canvas) {
        this.triggerEvent('error', { message: '签名板尚未就绪，请稍后重试' })
        return
      }
      wx.canvasToTempFilePath({
        canvas: s.canvas as unknown as WechatMiniprogram.Canvas,
        fileType: 'png',
        success: (res) => this.triggerEvent('confirm', { tempFilePath: res.tempFilePath }),
        fail: () => this.triggerEvent('error', { message: '签名图片生成失败，请重试' }),
      })
    },
  },
})
