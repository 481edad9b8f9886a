import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { collect, BuildError, Resolver, type Collected, type ComponentRecord } from './collect'
import { compileTemplates } from './templates'
import { transformWxssFile } from './wxss'
import { miniprogramNpmPlugin } from './npm-plugin'
import { loadSeedUsers } from './seed-users'
import { BUILTIN_TEMPLATES } from '../runtime/builtins/templates'

export interface BuildOptions {
  root: string
  outDir: string
  repoRoot?: string
  minify?: boolean
}

export interface BuildReport {
  outDir: string
  pages: string[]
  components: number
  templates: number
  stylesheets: number
  bytes: number
  ms: number
  warnings: string[]
}

const here = path.dirname(fileURLToPath(import.meta.url))
const simRoot = path.resolve(here, '..')
const defaultRepoRoot = path.resolve(simRoot, '../..')
const ASSET_EXTS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.ttf', '.woff'])

function scopeName(index: number): string {
  return `s${index.toString(36)}`
}

function needsScope(c: ComponentRecord): boolean {
  const iso = c.config.styleIsolation
  if (iso) return iso !== 'shared' && iso !== 'page-shared'
  return c.config.component === true
}

function iconDir(repoRoot: string): string {
  return path.join(repoRoot, 'node_modules', 'tdesign-icons-svg', 'src')
}

function copyAssets(from: string, to: string, skip: (p: string) => boolean): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name)
    if (skip(src)) continue
    if (entry.isDirectory()) copyAssets(src, path.join(to, entry.name), skip)
    else if (ASSET_EXTS.has(path.extname(entry.name).toLowerCase())) {
      mkdirSync(to, { recursive: true })
      copyFileSync(src, path.join(to, entry.name))
    }
  }
}

interface EntryParts {
  collected: Collected
  templateCode: string
  styles: Record<string, string>
  scopes: Record<string, string | null>
}

function entrySource(parts: EntryParts): string {
  const { collected } = parts
  const lines: string[] = []
  lines.push(`import ${JSON.stringify(path.join(simRoot, 'runtime', 'install-wxs.ts'))}`)
  lines.push(`import { boot } from ${JSON.stringify(path.join(simRoot, 'runtime', 'boot.ts'))}`)
  lines.push(`const templates = ${parts.templateCode}`)
  const comps = [...collected.components.values()].map((c) => {
    const load = c.script ? `() => require(${JSON.stringify(c.script)})` : 'null'
    return `{ path: ${JSON.stringify(c.path)}, isPage: ${c.isPage}, config: ${JSON.stringify(
      c.config,
    )}, scope: ${JSON.stringify(parts.scopes[c.path] ?? null)}, hasTemplate: ${c.hasWxml}, load: ${load} }`
  })
  lines.push(`const components = [\n${comps.join(',\n')}\n]`)
  lines.push(`const styles = ${JSON.stringify(parts.styles)}`)
  const appLoad = collected.appScript
    ? `() => require(${JSON.stringify(collected.appScript)})`
    : 'null'
  lines.push(
    `boot({ app: ${JSON.stringify(collected.app)}, pages: ${JSON.stringify(
      collected.pages,
    )}, templates, components, styles, loadApp: ${appLoad} })`,
  )
  return lines.join('\n')
}

const PHONE_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>商会调解 · 模拟器</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="__sim/runtime.css">
</head><body><div id="sim-app"></div><script src="__sim/app.js"></script></body></html>
`

export async function buildSimulator(opts: BuildOptions): Promise<BuildReport> {
  const started = Date.now()
  const repoRoot = opts.repoRoot ?? defaultRepoRoot
  const root = path.resolve(opts.root)
  const outDir = path.resolve(opts.outDir)
  const collected = collect(root, repoRoot)
  if (collected.errors.length) throw new BuildError(collected.errors.join('\n'))
  const resolver = new Resolver(root, repoRoot)

  const withTemplates = [...collected.components.values()].filter((c) => c.hasWxml)
  const tmpl = compileTemplates(
    withTemplates.map((c) => c.path),
    (p) => resolver.physical(p),
    BUILTIN_TEMPLATES,
  )
  if (tmpl.errors.length) throw new BuildError(tmpl.errors.join('\n'))

  const icons = new Set(
    readdirSync(iconDir(repoRoot))
      .filter((f) => f.endsWith('.svg'))
      .map((f) => f.slice(0, -4)),
  )
  const wxssOpts = (scope: string | null) => ({
    scope,
    iconNames: icons,
    iconUrl: (name: string) => `/__sim/icons/${name}.svg`,
  })
  const styles: Record<string, string> = {}
  const scopes: Record<string, string | null> = {}
  let index = 0
  for (const c of collected.components.values()) {
    const scope = needsScope(c) ? scopeName(index++) : null
    scopes[c.path] = scope
    if (c.hasWxss) styles[c.path] = transformWxssFile(c.base + '.wxss', wxssOpts(scope))
  }
  if (collected.hasAppWxss)
    styles['app'] = transformWxssFile(path.join(root, 'app.wxss'), wxssOpts(null))

  mkdirSync(path.join(outDir, '__sim'), { recursive: true })
  const entryFile = path.join(outDir, '__sim', 'entry.js')
  writeFileSync(entryFile, entrySource({ collected, templateCode: tmpl.code, styles, scopes }))
  const result = await esbuild.build({
    entryPoints: { app: entryFile, shell: path.join(simRoot, 'shell', 'shell.ts') },
    outdir: path.join(outDir, '__sim'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'linked',
    minify: opts.minify ?? false,
    logLevel: 'silent',
    metafile: true,
    loader: { '.css': 'text' },
    plugins: [miniprogramNpmPlugin(resolver)],
  })
  const warnings = [...tmpl.warnings, ...result.warnings.map((w) => w.text)]
  copyFileSync(
    path.join(simRoot, 'runtime', 'runtime.css'),
    path.join(outDir, '__sim', 'runtime.css'),
  )
  copyFileSync(path.join(simRoot, 'shell', 'shell.css'), path.join(outDir, '__sim', 'shell.css'))
  writeFileSync(path.join(outDir, 'phone.html'), PHONE_HTML)
  writeFileSync(
    path.join(outDir, 'index.html'),
    shellHtml({ users: await loadSeedUsers(repoRoot), pages: collected.pages }),
  )
  const iconsOut = path.join(outDir, '__sim', 'icons')
  if (!existsSync(iconsOut)) {
    mkdirSync(iconsOut, { recursive: true })
    for (const name of icons) {
      // tdesign-icons-svg writes `view-box`, which browsers ignore: the glyph would be cropped.
      const svg = readFileSync(path.join(iconDir(repoRoot), `${name}.svg`), 'utf8')
        .replace(' view-box=', ' viewBox=')
        .replace('width="1em" height="1em"', 'width="24" height="24"')
      writeFileSync(path.join(iconsOut, `${name}.svg`), svg)
    }
  }
  copyAssets(root, outDir, (p) => /[\\/](node_modules|miniprogram_npm)$/.test(p))
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
  writeFileSync(
    path.join(outDir, '__sim', 'manifest.json'),
    JSON.stringify({ pages: collected.pages, tabBar: collected.app.tabBar ?? null }, null, 2),
  )
  return {
    outDir,
    pages: collected.pages,
    components: collected.components.size,
    templates: tmpl.files.filter((f) => f.endsWith('.wxml')).length,
    stylesheets: Object.keys(styles).length,
    bytes,
    ms: Date.now() - started,
    warnings,
  }
}

function shellHtml(data: { users: { openid: string; label: string }[]; pages: string[] }): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>商会调解 · 模拟器</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="__sim/shell.css">
</head><body><script id="sim-shell-data" type="application/json">${json}</script>
<div id="sim-shell"></div><script src="__sim/shell.js"></script></body></html>
`
}

export function isBuildError(e: unknown): e is BuildError {
  return e instanceof BuildError
}

export function sourceMtime(root: string): number {
  let latest = 0
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'miniprogram_npm') continue
      const p = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(p)
      else latest = Math.max(latest, statSync(p).mtimeMs)
    }
  }
  walk(root)
  return latest
}
