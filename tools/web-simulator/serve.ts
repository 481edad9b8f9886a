import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { watch } from 'node:fs'
import { buildSimulator } from './build'
import { serveDirectory } from './static-server'

// `tsx tools/web-simulator/serve.ts [--root miniprogram] [--out .sim-build/app] [--port 8791]
//  [--no-build] [--watch]`: builds the mini-program, serves the simulator on 127.0.0.1 and,
// with --watch, rebuilds whenever a source file changes.

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const root = path.resolve(repo, arg('root', 'miniprogram'))
const out = path.resolve(repo, arg('out', '.sim-build/app'))
const port = Number(arg('port', process.env['SIM_PORT'] ?? '8791'))

async function rebuild(): Promise<boolean> {
  try {
    const r = await buildSimulator({ root, outDir: out })
    console.log(
      `[simulator] 构建完成：${r.components} 个组件，${r.templates} 个模板，${(r.bytes / 1024).toFixed(0)} KiB，${r.ms} ms`,
    )
    return true
  } catch (e) {
    console.error(`[simulator] 构建失败：\n${(e as Error).message}`)
    return false
  }
}

async function main(): Promise<void> {
  if (
    !process.argv.includes('--no-build') &&
    !(await rebuild()) &&
    !process.argv.includes('--watch')
  )
    process.exit(1)
  const server = await serveDirectory(out, port)
  console.log(`[simulator] 模拟器：${server.url}  （单机页：${server.url}phone.html）`)
  if (process.argv.includes('--watch')) {
    let timer: NodeJS.Timeout | undefined
    let running = false
    let again = false
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (running) {
          again = true
          return
        }
        running = true
        void rebuild().finally(() => {
          running = false
          if (again) {
            again = false
            schedule()
          }
        })
      }, 150)
    }
    watch(root, { recursive: true }, (_event, file) => {
      if (file && !/(^|[\\/])(node_modules|miniprogram_npm)([\\/]|$)/.test(file)) schedule()
    })
    watch(path.join(here, 'runtime'), { recursive: true }, schedule)
    console.log(`[simulator] 正在监视 ${path.relative(repo, root)}/ 的改动`)
  }
}

void main()
