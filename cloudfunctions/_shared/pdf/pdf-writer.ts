// A small PDF 1.7 writer for the documents the service issues (agreement, judicial confirmation
// application, mediation document): A4 pages of wrapped paragraphs in one embedded, subset CJK
// TrueType font (Type0 / CIDFontType2, Identity-H, with a ToUnicode map so text can be copied
// and searched).
import { deflateSync } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import { advanceOf, subsetFont, type ParsedFont } from './ttf-subset'

export interface Paragraph {
  readonly text: string
  /** Font size in points (default 11). */
  readonly size?: number
  readonly align?: 'left' | 'center' | 'right'
  /** Extra space before, in points. */
  readonly spaceBefore?: number
}

export interface PdfDocumentSpec {
  readonly title: string
  readonly paragraphs: readonly Paragraph[]
}

const PAGE_W = 595.28
const PAGE_H = 841.89
const MARGIN = 64
const LINE = 1.6

interface Line {
  readonly gids: number[]
  readonly size: number
  readonly width: number
  readonly align: 'left' | 'center' | 'right'
  readonly gap: number
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase()

function utf16Hex(cp: number): string {
  if (cp < 0x10000) return hex4(cp)
  const v = cp - 0x10000
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff))
}

function pdfString(s: string): string {
  return '<FEFF' + [...s].map((c) => utf16Hex(c.codePointAt(0) ?? 0x20)).join('') + '>'
}

export interface RenderedPdf {
  readonly bytes: Buffer
  readonly pages: number
}

/** Lays out, subsets and writes the document. */
export function renderPdf(font: ParsedFont, spec: PdfDocumentSpec): RenderedPdf {
  const used = new Set<number>()
  for (const p of [{ text: spec.title }, ...spec.paragraphs]) {
    for (const ch of p.text) used.add(ch.codePointAt(0) ?? 0x20)
  }
  used.add(0x20)
  const sub = subsetFont(font, used)
  const scale = 1000 / font.unitsPerEm
  const width = (cp: number) => {
    const gid = font.cmap.get(cp)
    return gid === undefined ? 0 : advanceOf(font, gid) * scale
  }

  const lines: Line[] = []
  const usable = PAGE_W - 2 * MARGIN
  for (const p of spec.paragraphs) {
    const size = p.size ?? 11
    const align = p.align ?? 'left'
    let gap = p.spaceBefore ?? 0
    for (const raw of p.text.split('\n')) {
      let gids: number[] = []
      let w = 0
      const flush = () => {
        lines.push({ gids, size, width: w, align, gap })
        gap = 0
        gids = []
        w = 0
      }
      for (const ch of raw) {
        const cp = ch.codePointAt(0) ?? 0x20
        const cw = (width(cp) * size) / 1000
        if (w + cw > usable && gids.length) flush()
        gids.push(sub.glyphOf.get(cp) ?? 0)
        w += cw
      }
      flush()
    }
  }

  const pages: string[] = []
  let ops: string[] = []
  let y = PAGE_H - MARGIN
  for (const line of lines) {
    const h = line.size * LINE
    if (y - h - line.gap < MARGIN && ops.length) {
      pages.push(ops.join('\n'))
      ops = []
      y = PAGE_H - MARGIN
    }
    y -= h + line.gap
    const x =
      line.align === 'center'
        ? MARGIN + (usable - line.width) / 2
        : line.align === 'right'
          ? MARGIN + usable - line.width
          : MARGIN
    if (line.gids.length) {
      ops.push(
        `BT /F1 ${line.size} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td <${line.gids.map(hex4).join('')}> Tj ET`,
      )
    }
  }
  pages.push(ops.join('\n'))

  const objects: (string | Buffer)[] = []
  const add = (body: string | Buffer) => {
    objects.push(body)
    return objects.length
  }
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream', 'latin1'),
    ])
  const compressed = (dict: string, data: Buffer) =>
    stream(`${dict} /Filter /FlateDecode`, deflateSync(data))

  const tag = [...randomBytes(6)].map((b) => String.fromCharCode(65 + (b % 26))).join('')
  const baseFont = `${tag}+${font.postScriptName}`
  const fontFile = add(compressed(`/Length1 ${sub.font.length}`, sub.font))
  const [x0, y0, x1, y1] = font.bbox.map((v) => Math.round(v * scale))
  const descriptor = add(
    `<< /Type /FontDescriptor /FontName /${baseFont} /Flags 4 /FontBBox [${x0} ${y0} ${x1} ${y1}] ` +
      `/ItalicAngle 0 /Ascent ${Math.round(font.ascent * scale)} /Descent ${Math.round(font.descent * scale)} ` +
      `/CapHeight ${Math.round(font.ascent * scale)} /StemV 80 /FontFile2 ${fontFile} 0 R >>`,
  )
  const widths = sub.advances.map((a) => Math.round(a * scale)).join(' ')
  const cidFont = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} ` +
      `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor ${descriptor} 0 R /W [0 [${widths}]] /CIDToGIDMap /Identity >>`,
  )
  const entries = [...sub.glyphOf.entries()].sort((a, b) => a[1] - b[1])
  const bf: string[] = []
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100)
    bf.push(`${chunk.length} beginbfchar`)
    for (const [cp, gid] of chunk) bf.push(`<${hex4(gid)}> <${utf16Hex(cp)}>`)
    bf.push('endbfchar')
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...bf,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n')
  const toUnicode = add(compressed('', Buffer.from(cmap, 'latin1')))
  const type0 = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H ` +
      `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  )
  const pagesId = objects.length + 1 + pages.length * 2
  const kids: number[] = []
  for (const content of pages) {
    const c = add(compressed('', Buffer.from(content, 'latin1')))
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
          `/Resources << /Font << /F1 ${type0} 0 R >> >> /Contents ${c} 0 R >>`,
      ),
    )
  }
  add(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`)
  const catalog = add(`<< /Type /Catalog /Pages ${pagesId} 0 R /Lang (zh-CN) >>`)
  const info = add(`<< /Title ${pdfString(spec.title)} /Producer (shanghui-tiaojie) >>`)

  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let size = chunks[0]!.length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(size)
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ])
    chunks.push(b)
    size += b.length
  })
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>`,
    'startxref',
    String(size),
    '%%EOF',
    '',
  ].join('\n')
  chunks.push(Buffer.from(xref, 'latin1'))
  return { bytes: Buffer.concat(chunks), pages: pages.length }
}
