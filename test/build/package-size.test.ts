import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  MAIN_PACKAGE_HARD_LIMIT,
  measurePackages,
  type PackageReport,
} from '../../tools/bench/package-size'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const fixture = path.join(repoRoot, 'test/fixtures/package-size/mp')

function pkg(report: PackageReport, name: string) {
  const found = report.packages.find((p) => p.name === name)
  if (!found) throw new Error(`no package ${name}`)
  return found
}

describe('package size as WeChat counts it', () => {
  it('ships only reachable files, split between the main package and its subpackage', async () => {
    const report = await measurePackages(fixture, repoRoot)
    expect(report.problems).toEqual([])
    expect(report.packages.map((p) => p.name)).toEqual(['main', 'sub'])
    expect(pkg(report, 'sub').files).toEqual([
      'sub/pages/a/index.js',
      'sub/pages/a/index.json',
      'sub/pages/a/index.wxml',
    ])
    const own = pkg(report, 'main').files.filter((f) => !f.startsWith('miniprogram_npm/'))
    expect(own).toEqual([
      'app.js',
      'app.json',
      'app.wxss',
      'components/card/index.js',
      'components/card/index.json',
      'components/card/index.wxml',
      'pages/index/index.js',
      'pages/index/index.json',
      'pages/index/index.wxml',
      'pages/index/index.wxss',
      // reached through <import src> and @import
      'pages/index/parts.wxml',
      'styles/shared.wxss',
      // imported by both packages' pages; utils/unused.ts, imported by nobody, is left out
      'utils/math.js',
    ])
    expect(pkg(report, 'sub').byKind['json']).toBe(Buffer.byteLength('{}\n'))
  })

  it('ships the referenced npm components with what they need, and nothing else of TDesign', async () => {
    const report = await measurePackages(fixture, repoRoot)
    expect(report.npmComponents).toEqual(
      expect.arrayContaining(['miniprogram_npm/tdesign-miniprogram/button/button']),
    )
    expect(report.npmComponents.some((c) => c.includes('/calendar/'))).toBe(false)
    const npm = pkg(report, 'main').files.filter((f) => f.startsWith('miniprogram_npm/'))
    expect(npm).toContain('miniprogram_npm/tdesign-miniprogram/button/button.wxml')
    expect(npm.some((f) => f.includes('/tslib/'))).toBe(true)
    expect(npm.some((f) => f.includes('/calendar/'))).toBe(false)
  })

  it('keeps the real main package under the hard limit', async () => {
    const report = await measurePackages(path.join(repoRoot, 'miniprogram'), repoRoot)
    expect(report.problems).toEqual([])
    expect(pkg(report, 'main').bytes).toBeLessThanOrEqual(MAIN_PACKAGE_HARD_LIMIT)
  })
})
