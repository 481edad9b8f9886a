import { describe, expect, it } from 'vitest'
import { analysisFindings, formatTable, qualityFindings } from '../../tools/mp-ci/findings'

describe('qualityFindings', () => {
  it('blocks only on the main package size and summarises package sizes in KB', () => {
    const [size, wxml] = qualityFindings([
      {
        name: 'PACKAGE_SIZE_LIMIT',
        success: false,
        text: '主包尺寸应小于 1.5 M',
        detail: { __APP__: 2048, 'pages/case/': 1024 },
      },
      { name: 'WXML_COMPRESS_OPEN', success: false, text: '对WXML文件进行压缩' },
    ])
    expect(size).toEqual({
      check: 'PACKAGE_SIZE_LIMIT',
      passed: false,
      blocking: true,
      summary: '主包尺寸应小于 1.5 M；主包 2.0 KB，pages/case/ 1.0 KB',
    })
    expect(wxml?.blocking).toBe(false)
  })

  it('names the first eight files of a long list', () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i}.js`)
    const [item] = qualityFindings([
      { name: 'CONTAINS_OTHER_PKG_JS', success: false, detail: { size: 2048, files } },
    ])
    expect(item?.summary).toBe(
      '10 个文件，2.0 KB：f0.js、f1.js、f2.js、f3.js、f4.js、f5.js、f6.js、f7.js 等',
    )
  })
})

describe('analysisFindings', () => {
  it('blocks on an unresolved dependency and lists own unused files, not npm ones', () => {
    const [unresolved, unused] = analysisFindings({
      modules: [
        { id: 'Js:pages/a.js', deps: [{ request: '../core/x', error: 'not found' }] },
        { id: 'Js:pages/b.js', deps: [{ request: './c' }] },
      ],
      files: [
        { path: 'core/y.js', size: 1024, moduleId: null },
        { path: 'miniprogram_npm/t/z.js', size: 4096, moduleId: null },
        { path: 'pages/a.js', size: 10, moduleId: 'Js:pages/a.js' },
      ],
    })
    expect(unresolved).toMatchObject({ passed: false, blocking: true })
    expect(unresolved?.summary).toContain('Js:pages/a.js → ../core/x')
    expect(unused).toMatchObject({ passed: false, blocking: false })
    expect(unused?.summary).toBe('1 个文件未被任何页面或组件引用，上传时过滤（1.0 KB）：core/y.js')
  })

  it('fails when the analyser answers nothing', () => {
    expect(analysisFindings(undefined)).toEqual([
      { check: 'ANALYSE_CODE', passed: false, blocking: true, summary: '依赖分析没有结果' },
    ])
  })
})

describe('formatTable', () => {
  it('prints one line per finding with its verdict', () => {
    const table = formatTable([
      { check: 'A', passed: true, blocking: false, summary: '好' },
      { check: 'B', passed: false, blocking: true, summary: '坏' },
      { check: 'C', passed: false, blocking: false, summary: '注意' },
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[2]).toMatch(/^A\s+通过\s+好$/)
    expect(lines[3]).toMatch(/^B\s+不通过\s+坏$/)
    expect(lines[4]).toMatch(/^C\s+提示\s+注意$/)
  })
})
