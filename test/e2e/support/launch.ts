import childProcess, { type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import automator from 'miniprogram-automator'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'

// Launching a project the way a developer's script does: automator.launch through the DevTools
// cli stand-in, or the real DevTools cli when WECHAT_DEVTOOLS_CLI is set.

export const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)))
export const standIn = path.join(repoRoot, 'tools/automator-bridge/cli.mjs')

export function freePort(): Promise<number> {
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

export interface Launched {
  readonly mp: MiniProgram
  readonly port: number
  /** Tool.close, then lets this process end without waiting for the cli. */
  close(): Promise<void>
}

/**
 * automator.launch, noting the cli process it spawns. The launcher keeps that child referenced
 * (and arms a 15 s timer once it exits), which would hold the test process open after its run;
 * the stand-in stops serving on Tool.close and leaves once its parent has gone, so unref'ing the
 * child is all it takes.
 */
export async function launchProject(projectPath: string): Promise<Launched> {
  const port = await freePort()
  const original = childProcess.spawn
  let child: ChildProcess | null = null
  childProcess.spawn = ((...args: Parameters<typeof original>) => {
    const c = original(...args)
    child = c
    return c
  }) as typeof original
  let mp: MiniProgram
  try {
    mp = await automator.launch({
      cliPath: process.env['WECHAT_DEVTOOLS_CLI'] ?? standIn,
      projectPath,
      port,
      // Under a fully loaded 2-core machine the first simulator build and boot took 145 s.
      timeout: 240_000,
    })
  } finally {
    childProcess.spawn = original
  }
  const spawned = child as ChildProcess | null
  return {
    mp,
    port,
    close: async () => {
      await mp.close()
      spawned?.unref()
    },
  }
}
