// The project as DevTools would hand it to its code-quality scan: each TypeScript file compiled
// to a JavaScript file of the same name (project.config.json `useCompilerPlugins: ["typescript"]`),
// every other file of the mini-program root copied as is, and the npm packages the mini-program
// depends on built into `miniprogram_npm/` the way 工具 → 构建 npm does (each package's
// `miniprogram` directory, `miniprogram_dist` for TDesign).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { transformSync } from 'esbuild'

export interface StagedProject {
  /** The staged project directory (project.config.json at its top). */
  readonly projectPath: string
  readonly miniprogramRoot: string
  readonly compiled: number
  readonly npmPackages: readonly string[]
}

interface ProjectConfig {
  readonly appid: string
  readonly miniprogramRoot?: string
  readonly packOptions?: { readonly ignore?: readonly { value: string; type: string }[] }
}

export function readProjectConfig(repoRoot: string): ProjectConfig {
  return JSON.parse(
    readFileSync(path.join(repoRoot, 'project.config.json'), 'utf8'),
  ) as ProjectConfig
}

// Files DevTools never ships from the mini-program root: TypeScript settings and declarations.
const NOT_SHIPPED = new Set(['tsconfig.json'])

function walk(dir: string, visit: (file: string) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'miniprogram_npm') walk(full, visit)
    } else if (entry.isFile()) visit(full)
  }
}

function compileTs(source: string, file: string): string {
  return transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'es2018',
    sourcefile: file,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  }).code
}

function npmDist(repoRoot: string, name: string): string {
  const dir = path.join(repoRoot, 'node_modules', name)
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    miniprogram?: string
  }
  return path.join(dir, pkg.miniprogram ?? 'miniprogram_dist')
}

export function stageProject(repoRoot: string): StagedProject {
  const config = readProjectConfig(repoRoot)
  const rootName = (config.miniprogramRoot ?? 'miniprogram/').replace(/\/+$/, '')
  const source = path.join(repoRoot, rootName)
  const projectPath = mkdtempSync(path.join(tmpdir(), 'mp-ci-'))
  const target = path.join(projectPath, rootName)
  let compiled = 0
  walk(source, (file) => {
    const rel = path.relative(source, file)
    if (NOT_SHIPPED.has(path.basename(rel)) || rel.endsWith('.d.ts')) return
    const out = path.join(target, rel)
    mkdirSync(path.dirname(out), { recursive: true })
    if (rel.endsWith('.ts')) {
      writeFileSync(out.replace(/\.ts$/, '.js'), compileTs(readFileSync(file, 'utf8'), rel))
      compiled += 1
    } else cpSync(file, out)
  })
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  const npmPackages = Object.keys(pkg.dependencies ?? {})
  for (const name of npmPackages) {
    cpSync(npmDist(repoRoot, name), path.join(target, 'miniprogram_npm', name), { recursive: true })
  }
  cpSync(path.join(repoRoot, 'project.config.json'), path.join(projectPath, 'project.config.json'))
  return { projectPath, miniprogramRoot: target, compiled, npmPackages }
}
