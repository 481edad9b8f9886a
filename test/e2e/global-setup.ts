import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import automator from 'miniprogram-automator'
import type { TestProject } from 'vitest/node'

// One mini-program instance for the whole e2e run: launched through the DevTools cli stand-in
// (or, with WECHAT_DEVTOOLS_CLI set, through the real DevTools cli, unchanged). Test files
// connect to the shared ws endpoint.

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
const standIn = path.join(repoRoot, 'tools/automator-bridge/cli.mjs')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

declare module 'vitest' {
  export interface ProvidedContext {
    automatorWs: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort()
  const mp = await automator.launch({
    cliPath: process.env['WECHAT_DEVTOOLS_CLI'] ?? standIn,
    projectPath: repoRoot,
    port,
    timeout: 120_000,
  })
  project.provide('automatorWs', `ws://127.0.0.1:${port}`)
  return async () => {
    await mp.close()
  }
}
