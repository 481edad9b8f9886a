// A TrueType (glyf) subsetter: keeps only the glyphs a document uses, renumbered from 1 (glyph 0
// stays .notdef), so a 10 MB CJK font becomes a few kilobytes inside the PDF. Written here rather
// than taken from a PDF library because those libraries alone exceed the 200 KB bundle budget.

interface Table {
  readonly offset: number
  readonly length: number
}

export interface ParsedFont {
  readonly data: Buffer
  readonly tables: ReadonlyMap<string, Table>
  readonly unitsPerEm: number
  readonly numGlyphs: number
  readonly numberOfHMetrics: number
  readonly longLoca: boolean
  readonly ascent: number
  readonly descent: number
  readonly bbox: readonly [number, number, number, number]
  /** Unicode code point → glyph id. */
  readonly cmap: ReadonlyMap<number, number>
  readonly postScriptName: string
}

export interface Subset {
  /** The subset font file (FontFile2). */
  readonly font: Buffer
  /** Code point → glyph id in the subset. */
  readonly glyphOf: ReadonlyMap<number, number>
  /** Advance width of each subset glyph, in font units. */
  readonly advances: readonly number[]
}

function table(f: { tables: ReadonlyMap<string, Table> }, tag: string): Table {
  const t = f.tables.get(tag)
  if (!t) throw new Error(`font has no ${tag} table`)
  return t
}

function readCmap(data: Buffer, cmap: Table): Map<number, number> {
  const out = new Map<number, number>()
  const n = data.readUInt16BE(cmap.offset + 2)
  let best: { offset: number; format: number } | undefined
  for (let i = 0; i < n; i += 1) {
    const rec = cmap.offset + 4 + i * 8
    const platform = data.readUInt16BE(rec)
    const encoding = data.readUInt16BE(rec + 2)
    const offset = cmap.offset + data.readUInt32BE(rec + 4)
    const format = data.readUInt16BE(offset)
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))
    if (!unicode) continue
    if (format === 12 && best?.format !== 12) best = { offset, format }
    else if (format === 4 && !best) best = { offset, format }
  }
  if (!best) throw new Error('font has no Unicode cmap')
  const o = best.offset
  if (best.format === 12) {
    const groups = data.readUInt32BE(o + 12)
    for (let g = 0; g < groups; g += 1) {
      const p = o + 16 + g * 12
      const start = data.readUInt32BE(p)
      const end = data.readUInt32BE(p + 4)
      const gid = data.readUInt32BE(p + 8)
      for (let c = start; c <= end; c += 1) out.set(c, gid + c - start)
    }
    return out
  }
  const segX2 = data.readUInt16BE(o + 6)
  const ends = o + 14
  const starts = ends + segX2 + 2
  const deltas = starts + segX2
  const ranges = deltas + segX2
  for (let s = 0; s < segX2 / 2; s += 1) {
    const end = data.readUInt16BE(ends + s * 2)
    const start = data.readUInt16BE(starts + s * 2)
    const delta = data.readInt16BE(deltas + s * 2)
    const rangeOffset = data.readUInt16BE(ranges + s * 2)
    for (let c = start; c <= end && c !== 0xffff; c += 1) {
      let gid: number
      if (rangeOffset === 0) gid = (c + delta) & 0xffff
      else {
        const at = ranges + s * 2 + rangeOffset + (c - start) * 2
        const raw = data.readUInt16BE(at)
        gid = raw === 0 ? 0 : (raw + delta) & 0xffff
      }
      if (gid !== 0) out.set(c, gid)
    }
  }
  return out
}

function readPostScriptName(data: Buffer, name: Table | undefined): string {
  if (!name) return 'Font'
  const count = data.readUInt16BE(name.offset + 2)
  const strings = name.offset + data.readUInt16BE(name.offset + 4)
  for (let i = 0; i < count; i += 1) {
    const r = name.offset + 6 + i * 12
    if (data.readUInt16BE(r + 6) !== 6) continue
    const platform = data.readUInt16BE(r)
    const len = data.readUInt16BE(r + 8)
    const off = strings + data.readUInt16BE(r + 10)
    const raw = data.subarray(off, off + len)
    const text = platform === 1 ? raw.toString('latin1') : raw.swap16().toString('utf16le')
    if (platform !== 1) raw.swap16()
    const clean = text.replace(/[^A-Za-z0-9-]/g, '')
    if (clean) return clean
  }
  return 'Font'
}

export function parseFont(data: Buffer): ParsedFont {
  const count = data.readUInt16BE(4)
  const tables = new Map<string, Table>()
  for (let i = 0; i < count; i += 1) {
    const r = 12 + i * 16
    tables.set(data.toString('latin1', r, r + 4), {
      offset: data.readUInt32BE(r + 8),
      length: data.readUInt32BE(r + 12),
    })
  }
  const f = { tables }
  const head = table(f, 'head').offset
  const hhea = table(f, 'hhea').offset
  if (!tables.has('glyf')) throw new Error('only TrueType (glyf) fonts can be subset here')
  return {
    data,
    tables,
    unitsPerEm: data.readUInt16BE(head + 18),
    bbox: [
      data.readInt16BE(head + 36),
      data.readInt16BE(head + 38),
      data.readInt16BE(head + 40),
      data.readInt16BE(head + 42),
    ],
    longLoca: data.readInt16BE(head + 50) === 1,
    ascent: data.readInt16BE(hhea + 4),
    descent: data.readInt16BE(hhea + 6),
    numberOfHMetrics: data.readUInt16BE(hhea + 34),
    numGlyphs: data.readUInt16BE(table(f, 'maxp').offset + 4),
    cmap: readCmap(data, table(f, 'cmap')),
    postScriptName: readPostScriptName(data, tables.get('name')),
  }
}

function glyphRange(f: ParsedFont, gid: number): [number, number] {
  const loca = table(f, 'loca').offset
  const glyf = table(f, 'glyf').offset
  const at = (i: number) =>
    f.longLoca ? f.data.readUInt32BE(loca + i * 4) : f.data.readUInt16BE(loca + i * 2) * 2
  return [glyf + at(gid), glyf + at(gid + 1)]
}

export function advanceOf(f: ParsedFont, gid: number): number {
  const hmtx = table(f, 'hmtx').offset
  const i = Math.min(gid, f.numberOfHMetrics - 1)
  return f.data.readUInt16BE(hmtx + i * 4)
}

const MORE_COMPONENTS = 0x20

/** Offsets (inside the glyph) of each component's glyph index, for a composite glyph. */
function componentRefs(glyph: Buffer): { at: number; gid: number }[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return []
  const refs: { at: number; gid: number }[] = []
  let p = 10
  for (;;) {
    const flags = glyph.readUInt16BE(p)
    refs.push({ at: p + 2, gid: glyph.readUInt16BE(p + 2) })
    p += 4 + (flags & 0x1 ? 4 : 2)
    if (flags & 0x8) p += 2
    else if (flags & 0x40) p += 4
    else if (flags & 0x80) p += 8
    if (!(flags & MORE_COMPONENTS)) break
  }
  return refs
}

function checksum(buf: Buffer): number {
  let sum = 0
  const padded = buf.length % 4 ? Buffer.concat([buf, Buffer.alloc(4 - (buf.length % 4))]) : buf
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0
  return sum
}

/** A cmap with one format-4 subtable: enough for viewers that read the font's own mapping. */
function buildCmap(glyphOf: ReadonlyMap<number, number>): Buffer {
  const chars = [...glyphOf.keys()].filter((c) => c < 0xffff).sort((a, b) => a - b)
  const segs = [...chars.map((c) => ({ c, gid: glyphOf.get(c) ?? 0 })), { c: 0xffff, gid: 0 }]
  const n = segs.length
  const sub = Buffer.alloc(16 + n * 8)
  sub.writeUInt16BE(4, 0)
  sub.writeUInt16BE(sub.length, 2)
  sub.writeUInt16BE(n * 2, 6)
  const pow = 2 ** Math.floor(Math.log2(n))
  sub.writeUInt16BE(pow * 2, 8)
  sub.writeUInt16BE(Math.log2(pow), 10)
  sub.writeUInt16BE(n * 2 - pow * 2, 12)
  segs.forEach((s, i) => {
    sub.writeUInt16BE(s.c, 14 + i * 2)
    sub.writeUInt16BE(s.c, 16 + n * 2 + i * 2)
    sub.writeUInt16BE(s.c === 0xffff ? 1 : (s.gid - s.c) & 0xffff, 16 + n * 4 + i * 2)
  })
  const head = Buffer.alloc(12)
  head.writeUInt16BE(1, 2)
  head.writeUInt16BE(3, 4)
  head.writeUInt16BE(1, 6)
  head.writeUInt32BE(12, 8)
  return Buffer.concat([head, sub])
}

/** Builds the subset font holding the glyphs of `codePoints` (unknown ones map to .notdef). */
export function subsetFont(f: ParsedFont, codePoints: Iterable<number>): Subset {
  const order: number[] = [0]
  const newId = new Map<number, number>([[0, 0]])
  const glyphOf = new Map<number, number>()
  const add = (gid: number): number => {
    const known = newId.get(gid)
    if (known !== undefined) return known
    const id = order.length
    newId.set(gid, id)
    order.push(gid)
    const [s, e] = glyphRange(f, gid)
    for (const ref of componentRefs(f.data.subarray(s, e))) add(ref.gid)
    return id
  }
  for (const cp of codePoints) {
    const gid = f.cmap.get(cp)
    if (gid !== undefined && gid < f.numGlyphs) glyphOf.set(cp, add(gid))
  }
  const glyphs: Buffer[] = []
  const offsets: number[] = [0]
  let size = 0
  for (const gid of order) {
    const [s, e] = glyphRange(f, gid)
    const g = Buffer.from(f.data.subarray(s, e))
    for (const ref of componentRefs(g)) g.writeUInt16BE(newId.get(ref.gid) ?? 0, ref.at)
    const padded = g.length % 4 ? Buffer.concat([g, Buffer.alloc(4 - (g.length % 4))]) : g
    glyphs.push(padded)
    size += padded.length
    offsets.push(size)
  }
  const advances = order.map((gid) => advanceOf(f, gid))
  const hmtxOld = table(f, 'hmtx').offset
  const hmtx = Buffer.alloc(order.length * 4)
  order.forEach((gid, i) => {
    const m = Math.min(gid, f.numberOfHMetrics - 1)
    hmtx.writeUInt16BE(advances[i] ?? 0, i * 4)
    const lsbAt =
      gid < f.numberOfHMetrics ? hmtxOld + gid * 4 + 2 : hmtxOld + m * 4 + 4 + (gid - m - 1) * 2
    hmtx.writeInt16BE(f.data.readInt16BE(lsbAt), i * 4 + 2)
  })
  const loca = Buffer.alloc(offsets.length * 4)
  offsets.forEach((o, i) => loca.writeUInt32BE(o, i * 4))
  const copy = (tag: string) => {
    const t = table(f, tag)
    return Buffer.from(f.data.subarray(t.offset, t.offset + t.length))
  }
  const head = copy('head')
  head.writeUInt32BE(0, 8)
  head.writeInt16BE(1, 50)
  const hhea = copy('hhea')
  hhea.writeUInt16BE(order.length, 34)
  const maxp = copy('maxp')
  maxp.writeUInt16BE(order.length, 4)
  const post = copy('post').subarray(0, 32)
  post.writeUInt32BE(0x00030000, 0)
  const tables: [string, Buffer][] = [
    ['OS/2', copy('OS/2')],
    ['cmap', buildCmap(glyphOf)],
    ['glyf', Buffer.concat(glyphs)],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ]
  const dir = Buffer.alloc(12 + tables.length * 16)
  dir.writeUInt32BE(0x00010000, 0)
  dir.writeUInt16BE(tables.length, 4)
  const pow = 2 ** Math.floor(Math.log2(tables.length))
  dir.writeUInt16BE(pow * 16, 6)
  dir.writeUInt16BE(Math.log2(pow), 8)
  dir.writeUInt16BE(tables.length * 16 - pow * 16, 10)
  let offset = dir.length
  const bodies: Buffer[] = []
  let headAt = 0
  tables.forEach(([tag, body], i) => {
    const r = 12 + i * 16
    dir.write(tag, r, 'latin1')
    dir.writeUInt32BE(checksum(body), r + 4)
    dir.writeUInt32BE(offset, r + 8)
    dir.writeUInt32BE(body.length, r + 12)
    if (tag === 'head') headAt = offset
    const padded =
      body.length % 4 ? Buffer.concat([body, Buffer.alloc(4 - (body.length % 4))]) : body
    bodies.push(padded)
    offset += padded.length
  })
  const font = Buffer.concat([dir, ...bodies])
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8)
  return { font, glyphOf, advances }
}
