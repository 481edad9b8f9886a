import { describe, expect, it } from 'vitest'
import {
  acceptFile,
  evidenceName,
  remainingSlots,
  withoutIndex,
} from '../../../miniprogram/components/evidence-uploader/logic'

describe('evidence files', () => {
  it('accepts images and PDFs and tells which kind', () => {
    expect(acceptFile({ path: 'wxfile://tmp/a.JPG', size: 1000 })).toEqual({
      ok: true,
      value: 'image',
    })
    expect(acceptFile({ path: 'wxfile://tmp/x', size: 10, name: '合同.pdf' })).toEqual({
      ok: true,
      value: 'document',
    })
  })
  it('refuses other types and files over 20 MB with Chinese messages', () => {
    const doc = acceptFile({ path: 'wxfile://tmp/a.docx', size: 10, name: 'a.docx' })
    expect(doc.ok).toBe(false)
    if (!doc.ok) expect(doc.error.message).toBe('仅支持上传图片或 PDF 文件')
    const big = acceptFile({ path: 'wxfile://tmp/a.png', size: 20 * 1024 * 1024 + 1 })
    expect(big.ok).toBe(false)
    if (!big.ok) expect(big.error.message).toBe('单个文件不能超过 20 MB')
  })
  it('names photos by position and shortens long names within 60 characters', () => {
    expect(evidenceName({ path: 'wxfile://tmp/abc.png', size: 1 }, 3)).toBe('证据图片 3.png')
    const long = evidenceName({ path: 'p', size: 1, name: `${'长'.repeat(80)}.pdf` }, 1)
    expect(long.length).toBeLessThanOrEqual(60)
    expect(long.endsWith('.pdf')).toBe(true)
  })
  it('counts the free slots and removes by index', () => {
    expect(remainingSlots(18)).toBe(2)
    expect(remainingSlots(25)).toBe(0)
    expect(withoutIndex(['a', 'b', 'c'], 1)).toEqual(['a', 'c'])
  })
})
