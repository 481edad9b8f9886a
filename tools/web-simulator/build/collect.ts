import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

// Walks app.json the way WeChat does: pages and subpackages first, then every usingComponents
// entry, resolving relative paths before npm packages. Every component gets a *virtual path*
// (its path inside the mini-program, without extension) and the physical base it is read from;
// npm components live under the virtual `miniprogram_npm/<pkg>/…` even when DevTools has not
// built miniprogram_npm, because we read them straight from node_modules.

export interface StaticConfig {
  component?: boolean
  usingComponents?: Record<string, string>
  componentGenerics?: Record<string, unknown>
  componentPlaceholder?: Record<string, string>
  styleIsolation?: string
  addGlobalClass?: boolean
  pureDataPattern?: string
  navigationBarTitleText?: string
  navigationStyle?: string
  enablePullDownRefresh?: boolean
  [key: string]: unknown
}

export interface ComponentRecord {
  path: string
  base: string
  script: string | null
  config: StaticConfig
  isPage: boolean
  hasWxml: boolean
  hasWxss: boolean
}

export interface TabBarConfig {
  custom?: boolean
  color?: string
  selectedColor?: string
  backgroundColor?: string
  list: { pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }[]
}

export interface AppConfig {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
  subPackages?: { root: string; pages: string[] }[]
  window?: Record<string, unknown>
  tabBar?: TabBarConfig
  usingComponents?: Record<string, string>
  [key: string]: unknown
}

export interface Collected {
  app: AppConfig
  appScript: string | null
  hasAppWxss: boolean
  pages: string[]
  components: Map<string, ComponentRecord>
  errors: string[]
}

const SCRIPT_EXTS = ['.ts', '.js']

export class BuildError extends Error {}

export function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch (e) {
    throw new BuildError(`无法读取 JSON：${file}（${(e as Error).message}）`)
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function findScript(base: string): string | null {
  for (const ext of SCRIPT_EXTS) if (isFile(base + ext)) return base + ext
  return null
}

export class Resolver {
  private readonly npmRoots = new Map<string, string>()

  constructor(
    readonly root: string,
    private readonly nodeModulesSearchFrom: string,
  ) {}

  // The physical base (no extension) for a virtual path.
  physical(virtualPath: string): string {
    const m = /^miniprogram_npm\/((?:@[^/]+\/)?[^/]+)(?:\/(.*))?$/.exec(virtualPath)
    if (m) {
      const pkg = m[1]!
      const built = path.join(this.root, 'miniprogram_npm', pkg)
      if (!existsSync(built)) {
        const dist = this.npmDist(pkg)
        if (dist) return path.join(dist, m[2] ?? '')
      }
    }
    return path.join(this.root, virtualPath)
  }

  npmDist(pkg: string): string | null {
    const cached = this.npmRoots.get(pkg)
    if (cached !== undefined) return cached
    let dir = this.nodeModulesSearchFrom
    for (;;) {
      const pj = path.join(dir, 'node_modules', pkg, 'package.json')
      if (isFile(pj)) {
        const meta = readJson<{ miniprogram?: string }>(pj)
        const dist = path.join(dir, 'node_modules', pkg, meta.miniprogram ?? 'miniprogram_dist')
        this.npmRoots.set(pkg, dist)
        return dist
      }
      const up = path.dirname(dir)
      if (up === dir) return null
      dir = up
    }
  }

  private componentExists(virtualPath: string): boolean {
    return isFile(this.physical(virtualPath) + '.json')
  }

  // Resolves a usingComponents value seen in the component at `from` (a virtual path).
  resolve(from: string, spec: string): string | null {
    if (spec.includes('://')) return null
    const candidates: string[] = []
    const fromDir = path.posix.dirname(from)
    if (spec.startsWith('/')) candidates.push(path.posix.normalize(spec.slice(1)))
    else {
      candidates.push(path.posix.normalize(path.posix.join(fromDir, spec)))
      if (!spec.startsWith('.')) {
        // npm: look for miniprogram_npm in each ancestor directory, then node_modules.
        let dir = fromDir
        for (;;) {
          const prefix = dir === '.' ? '' : dir + '/'
          candidates.push(`${prefix}miniprogram_npm/${spec}`)
          candidates.push(`${prefix}miniprogram_npm/${spec}/index`)
          if (dir === '.' || dir === '') break
          dir = path.posix.dirname(dir)
        }
      }
    }
    for (const c of candidates) {
      const cleaned = c.replace(/^\.\//, '')
      if (this.componentExists(cleaned)) return cleaned
      if (this.componentExists(cleaned + '/index')) return cleaned + '/index'
    }
    return null
  }
}

export function collect(root: string, repoRoot: string): Collected {
  const appJsonPath = path.join(root, 'app.json')
  if (!isFile(appJsonPath)) throw new BuildError(`找不到 app.json：${appJsonPath}`)
  const app = readJson<AppConfig>(appJsonPath)
  const resolver = new Resolver(root, repoRoot)
  const components = new Map<string, ComponentRecord>()
  const errors: string[] = []
  const pages: string[] = [...(app.pages ?? [])]
  for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
    for (const p of sub.pages) pages.push(path.posix.join(sub.root, p))
  }
  const globalUsing = app.usingComponents ?? {}

  const visit = (virtualPath: string, isPage: boolean) => {
    if (components.has(virtualPath)) return
    const base = resolver.physical(virtualPath)
    const jsonFile = base + '.json'
    const config: StaticConfig = isFile(jsonFile) ? readJson<StaticConfig>(jsonFile) : {}
    const record: ComponentRecord = {
      path: virtualPath,
      base,
      script: findScript(base),
      config,
      isPage,
      hasWxml: isFile(base + '.wxml'),
      hasWxss: isFile(base + '.wxss'),
    }
    if (!record.hasWxml) errors.push(`${virtualPath}：缺少 .wxml 文件`)
    if (!record.script) errors.push(`${virtualPath}：缺少 .ts/.js 文件`)
    components.set(virtualPath, record)
    // app.json's global components are visible in every page and component of the main space.
    const using = { ...globalUsing, ...(config.usingComponents ?? {}) }
    const rewritten: Record<string, string> = {}
    for (const [tag, spec] of Object.entries(using)) {
      const target = resolver.resolve(virtualPath, spec)
      if (target === null) {
        errors.push(`${virtualPath}：无法解析组件 ${tag} → ${spec}`)
        continue
      }
      rewritten[tag] = '/' + target
      visit(target, false)
    }
    const generics = config.componentGenerics ?? {}
    for (const g of Object.values(generics)) {
      const def = typeof g === 'object' && g !== null ? (g as { default?: string }).default : null
      if (typeof def === 'string') {
        const target = resolver.resolve(virtualPath, def)
        if (target) visit(target, false)
      }
    }
    config.usingComponents = rewritten
  }

  for (const p of pages) visit(p, true)
  if (app.tabBar?.custom) {
    const tabBar = resolver.resolve('app', './custom-tab-bar/index')
    if (tabBar) visit(tabBar, false)
    else errors.push('tabBar.custom 为 true，但缺少 custom-tab-bar/index')
  }
  return {
    app,
    appScript: findScript(path.join(root, 'app')),
    hasAppWxss: isFile(path.join(root, 'app.wxss')),
    pages,
    components,
    errors,
  }
}
