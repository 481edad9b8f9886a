// Which files the evidence list accepts and how they are named: pure rules, tested on Node.
import { MAX_EVIDENCE_FILE_BYTES, MAX_EVIDENCE_FILES } from '../../core/limits'
import { failure, success, type Outcome } from '../../core/result'

export interface EvidenceItem {
  readonly fileId: string
  readonly name: string
  readonly kind: 'image' | 'document'
}

export interface PickedFile {
  readonly path: string
  readonly size: number
  /** The file's own name (chat files have one; camera/album images do not). */
  readonly name?: string
}

const IMAGE_EXT = ['jpg', 'jpeg', 'png', 'webp', 'heic']
const DOCUMENT_EXT = ['pdf']
/** Extensions offered when picking from a chat (`wx.chooseMessageFile`). */
export const MESSAGE_FILE_EXTENSIONS = [...DOCUMENT_EXT, ...IMAGE_EXT]
/** The server refuses evidence names longer than this. */
const MAX_NAME_LENGTH = 60

function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? ''
}

/** How many more files may be added to a list already holding `count`. */
export function remainingSlots(count: number, max: number = MAX_EVIDENCE_FILES): number {
  return Math.max(0, max - count)
}

/** A readable, bounded name: the file's own, or `证据图片 3.jpg` for a photo. */
export function evidenceName(file: PickedFile, position: number): string {
  const own = file.name?.trim()
  const ext = extensionOf(own || file.path) || 'jpg'
  if (!own) return `证据图片 ${position}.${ext}`
  if (own.length <= MAX_NAME_LENGTH) return own
  return `${own.slice(0, MAX_NAME_LENGTH - ext.length - 2)}….${ext}`
}

/** Whether a picked file can be evidence (image or PDF, within the size limit), and its kind. */
export function acceptFile(file: PickedFile): Outcome<'image' | 'document'> {
  const ext = extensionOf(file.name || file.path)
  const kind = IMAGE_EXT.includes(ext) ? 'image' : DOCUMENT_EXT.includes(ext) ? 'document' : null
  if (!kind) return failure('EVIDENCE_TYPE', '仅支持上传图片或 PDF 文件', 'evidence')
  if (file.size > MAX_EVIDENCE_FILE_BYTES)
    return failure('EVIDENCE_TOO_LARGE', '单个文件不能超过 20 MB', 'evidence')
  return success(kind)
}

/** The list without the file at `index`. */
export function withoutIndex<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index)
}
