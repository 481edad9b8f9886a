import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSimulator } from './index'

// `tsx tools/web-simulator/build/cli.ts [--root miniprogram] [--out .sim-build/app]`
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

async function main(): Promise<void> {
  try {
    const r = await buildSimulator({
      root: path.resolve(repo, arg('root', 'miniprogram')),
      outDir: path.resolve(repo, arg('out', '.sim-build/app')),
    })
    console.log(
      `构建完成 ${path.relative(repo, r.outDir)}：${r.pages.length} 个页面，${r.components} 个组件，${r.templates} 个模板，${r.stylesheets} 个样式表，${(r.bytes / 1024).toFixed(0)} KiB，${r.ms} ms`,
    )
    for (const w of r.warnings) console.warn(`警告：${w}`)
  } catch (e) {
    console.error(`构建失败：\n${(e as Error).message}`)
    process.exit(1)
  }
}

void main()
