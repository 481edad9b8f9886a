import { appendFileSync } from 'node:fs'
import path from 'node:path'
import { startPlatform } from './platform'

// DevTools-compatible `cli` stand-in: `cli auto --project P --auto-port N [--auto-account A]
// [--ticket T] [--trust-project]`. It runs until the client sends Tool.close, the parent
// process dies, or it gets SIGTERM/SIGINT. AUTOMATOR_BRIDGE_LOG=<file> records its progress.
// AUTOMATOR_EMULATOR_URL=<base url> uses that running emulator (the e2e run's) instead of a
// fresh one: automator.launch spawns us with the test runner's environment.

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 ? argv[i + 1] : undefined
}

const argv = process.argv.slice(2)
const logFile = process.env['AUTOMATOR_BRIDGE_LOG']
const log = (line: string) => {
  if (logFile) appendFileSync(logFile, `[automator-bridge] ${line}\n`)
}

async function main(): Promise<void> {
  if (argv[0] !== 'auto') {
    console.error('用法：cli auto --project <项目目录> --auto-port <端口>')
    process.exit(2)
  }
  const project = arg(argv, 'project')
  const port = Number(arg(argv, 'auto-port') ?? '9420')
  if (!project || !Number.isInteger(port) || port <= 0) {
    console.error('缺少 --project 或 --auto-port 参数')
    process.exit(2)
  }
  let stopping: Promise<void> | null = null
  const emulatorUrl = process.env['AUTOMATOR_EMULATOR_URL']
  const platform = await startPlatform({
    projectPath: path.resolve(project),
    autoPort: port,
    ...(emulatorUrl ? { emulatorUrl } : {}),
    log,
    // The client's launcher arms a 15 s timer in the test process when we exit, which would
    // hold that process open after its run; so after Tool.close we stop serving at once but
    // leave only when the launching process does.
    onToolClose: () => void stop(),
  })
  function stop(): Promise<void> {
    if (!stopping) {
      log('stopping')
      stopping = platform.stop()
    }
    return stopping
  }
  async function shutdown(code: number): Promise<void> {
    await stop()
    process.exit(code)
  }
  process.on('SIGTERM', () => void shutdown(0))
  process.on('SIGINT', () => void shutdown(0))
  const parent = Number(process.env['AUTOMATOR_BRIDGE_PARENT'] ?? process.ppid)
  setInterval(() => {
    try {
      process.kill(parent, 0)
    } catch {
      void shutdown(0)
    }
  }, 1000).unref()
  // Keep the event loop alive while serving.
  setInterval(() => undefined, 60_000)
}

main().catch((e: unknown) => {
  log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  console.error(e)
  process.exit(1)
})
