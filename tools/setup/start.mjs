// `npm start`: the whole local platform on localhost — the cloud functions (rebuilt on change),
// the CloudBase emulator with the demo seed, and the web simulator (rebuilt on change).
// Ctrl+C stops everything.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const EMULATOR_PORT = process.env.EMULATOR_PORT ?? '8790'
const SIM_PORT = process.env.SIM_PORT ?? '8791'
// Seed only a fresh data dir, so a restart keeps what you did in the simulator.
const firstRun = !existsSync(path.join(root, '.cloudbase'))

const children = []
function start(label, command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  child.on('exit', (code, signal) => {
    if (stopping) return
    console.error(`[start] ${label} 已退出（${signal ?? code}），正在停止其余服务…`)
    stop(code ?? 1)
  })
  children.push(child)
  return child
}

let stopping = false
function stop(code = 0) {
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500).unref()
}
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

start('functions', process.execPath, ['tools/build/build-functions.mjs', '--watch'])
start('emulator', tsx, [
  'tools/cloudbase-emulator/src/cli.ts',
  '--port',
  EMULATOR_PORT,
  ...(firstRun ? ['--seed'] : []),
])
start('simulator', tsx, ['tools/web-simulator/serve.ts', '--watch', '--port', SIM_PORT])

/** Resolves once `url` answers, so the banner appears only when everything is usable. */
async function ready(url, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until && !stopping) {
    try {
      const res = await fetch(url)
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`
const simulatorUrl = `http://127.0.0.1:${SIM_PORT}/`
if ((await ready(`${emulatorUrl}/__emulator/status`)) && (await ready(simulatorUrl))) {
  console.log(
    [
      '',
      '商会调解 本地平台已启动：',
      `  模拟器（小程序）   ${simulatorUrl}`,
      `  云开发模拟器控制台 ${emulatorUrl}/console`,
      `  云开发 admin 接口  ${emulatorUrl}/admin`,
      '按 Ctrl+C 停止。',
      '',
    ].join('\n'),
  )
} else if (!stopping) {
  console.error('[start] 服务未能在 3 分钟内就绪，请查看上面的日志。')
  stop(1)
}
