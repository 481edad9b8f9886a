import { statSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'esbuild'
import type { Resolver } from './collect'

// Mini-program npm resolution for scripts: a bare import inside a package's miniprogram_dist
// resolves from that dist's own miniprogram_npm (tdesign ships tslib, dayjs there), and a bare
// import from app code resolves into the package's miniprogram_dist, as DevTools' 构建 npm does.

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function resolveFile(base: string): string | null {
  for (const c of [base, `${base}.js`, `${base}.ts`, `${base}/index.js`, `${base}/index.ts`]) {
    if (isFile(c)) return c
  }
  return null
}

function splitSpec(spec: string): { pkg: string; rest: string } {
  const parts = spec.split('/')
  const n = spec.startsWith('@') ? 2 : 1
  return { pkg: parts.slice(0, n).join('/'), rest: parts.slice(n).join('/') }
}

export function miniprogramNpmPlugin(resolver: Resolver): Plugin {
  return {
    name: 'miniprogram-npm',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point' || !args.importer) return undefined
        const { pkg, rest } = splitSpec(args.path)
        const distMatch = /^(.*[\\/]miniprogram_dist)[\\/]/.exec(args.importer)
        if (distMatch) {
          let dir = path.dirname(args.importer)
          while (dir.length >= distMatch[1]!.length) {
            const found = resolveFile(path.join(dir, 'miniprogram_npm', args.path))
            if (found) return { path: found }
            dir = path.dirname(dir)
          }
        }
        if (args.importer.startsWith(resolver.root + path.sep)) {
          const local = resolveFile(path.join(resolver.root, 'miniprogram_npm', args.path))
          if (local) return { path: local }
          const dist = resolver.npmDist(pkg)
          if (dist) {
            const found = resolveFile(path.join(dist, rest || 'index'))
            if (found) return { path: found }
          }
        }
        return undefined
      })
    },
  }
}
