// The code package sizes WeChat would count for this mini-program: the main package and each
// subpackage, holding only the files reachable from app.json (DevTools' "过滤无依赖文件") and
// only the npm components actually referenced, as DevTools' npm build would copy them into
// `miniprogram_npm/`. Scripts count as the minified JavaScript DevTools uploads (TypeScript
// compiled, `minified: true` in project.config.json); templates and styles count as written.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { build, transformSync } from 'esbuild'
import { collect, Resolver } from '../web-simulator/build/collect'
import { miniprogramNpmPlugin } from '../web-simulator/build/npm-plugin'

/** WeChat refuses uploads whose main package exceeds 2 MB; we stop well before that. */
export const MAIN_PACKAGE_HARD_LIMIT = 1.5 * 1024 * 1024
export const MAIN_PACKAGE_TARGET = 800 * 1024

export interface PackageSize {
  /** `main`, or the subpackage root. */
  readonly name: string
  readonly bytes: number
  /** Virtual paths of the shipped files, sorted. */
  readonly files: readonly string[]
  /** Bytes by kind: js, wxml, wxss, json, wxs, other. */
  readonly byKind: Readonly<Record<string, number>>
}

export interface PackageReport {
  readonly packages: readonly PackageSize[]
  readonly npmComponents: readonly string[]
  /** Reachable files that DevTools could not ship (outside the mini-program root). */
  readonly problems: readonly string[]
}

const WXML_REF = /<(?:import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g
const WXSS_REF = /@import\s+(?:url\()?["']([^"']+)["']\)?/g

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

export async function measurePackages(root: string, repoRoot: string): Promise<PackageReport> {
  const collected = collect(root, repoRoot)
  const resolver = new Resolver(root, repoRoot)
  const npmDists = new Map<string, string>()
  const problems: string[] = [...collected.errors]
  const sizes = new Map<string, { kind: string; bytes: number }>()

  const virtualOf = (file: string): string | null => {
    const rel = path.relative(root, file)
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/')
    for (const [pkg, dist] of npmDists) {
      const inDist = path.relative(dist, file)
      if (!inDist.startsWith('..'))
        return `miniprogram_npm/${pkg}/${inDist.split(path.sep).join('/')}`
    }
    return null
  }
  const add = (file: string, kind: string, bytes: number) => {
    const v = virtualOf(file)
    if (v === null) problems.push(`小程序目录之外的文件：${path.relative(repoRoot, file)}`)
    // DevTools compiles each .ts to a .js of the same name and ships only that.
    else sizes.set(kind === 'js' ? v.replace(/\.ts$/, '.js') : v, { kind, bytes })
  }
  const seenText = new Set<string>()
  const addText = (file: string, kind: 'wxml' | 'wxss' | 'wxs' | 'json') => {
    if (seenText.has(file) || !isFile(file)) return
    seenText.add(file)
    const text = readFileSync(file, 'utf8')
    add(file, kind, Buffer.byteLength(text))
    const refs = kind === 'wxml' ? WXML_REF : kind === 'wxss' ? WXSS_REF : null
    if (!refs) return
    for (const m of text.matchAll(refs)) {
      const spec = m[1]!
      const target = spec.startsWith('/')
        ? path.join(root, spec)
        : path.resolve(path.dirname(file), spec)
      const targetKind = target.endsWith('.wxs') ? 'wxs' : kind
      addText(target, targetKind)
    }
  }

  const scripts: string[] = []
  if (collected.appScript) scripts.push(collected.appScript)
  for (const name of ['app.json', 'app.wxss', 'sitemap.json']) {
    const file = path.join(root, name)
    addText(file, name.endsWith('.wxss') ? 'wxss' : 'json')
  }
  const npmComponents: string[] = []
  for (const record of collected.components.values()) {
    const pkg = /^miniprogram_npm\/((?:@[^/]+\/)?[^/]+)\//.exec(record.path)?.[1]
    if (pkg) {
      npmComponents.push(record.path)
      const dist = resolver.npmDist(pkg)
      if (dist) npmDists.set(pkg, dist)
    }
    addText(record.base + '.json', 'json')
    addText(record.base + '.wxml', 'wxml')
    addText(record.base + '.wxss', 'wxss')
    if (record.script) scripts.push(record.script)
  }

  // One esbuild pass finds every module each script reaches (type-only imports vanish as they
  // do in DevTools); each module is then counted once, minified on its own, as uploaded.
  const graph = await build({
    entryPoints: scripts,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'out',
    platform: 'neutral',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [miniprogramNpmPlugin(resolver)],
  })
  for (const input of Object.keys(graph.metafile.inputs)) {
    const file = path.resolve(repoRoot, input)
    const source = readFileSync(file, 'utf8')
    const loader = file.endsWith('.ts') ? 'ts' : 'js'
    const js = transformSync(source, { loader, minify: true, format: 'cjs' }).code
    add(file, 'js', Buffer.byteLength(js))
  }

  const roots = [...(collected.app.subpackages ?? []), ...(collected.app.subPackages ?? [])]
    .map((s) => s.root.replace(/^\/|\/$/g, ''))
    .sort((a, b) => b.length - a.length)
  const totals = new Map<
    string,
    { bytes: number; files: string[]; byKind: Record<string, number> }
  >()
  for (const name of ['main', ...roots.slice().sort()]) {
    totals.set(name, { bytes: 0, files: [], byKind: {} })
  }
  for (const [virtual, { kind, bytes }] of sizes) {
    const name = roots.find((r) => virtual.startsWith(r + '/')) ?? 'main'
    const t = totals.get(name)!
    t.bytes += bytes
    t.files.push(virtual)
    t.byKind[kind] = (t.byKind[kind] ?? 0) + bytes
  }
  return {
    packages: [...totals].map(([name, t]) => ({ name, ...t, files: t.files.sort() })),
    npmComponents: npmComponents.sort(),
    problems,
  }
}

export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}
