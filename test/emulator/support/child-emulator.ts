// The emulator as a separate process started through its CLI, for tests that must kill it.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const repo = process.cwd()
const tsxBin = join(repo, 'node_modules', '.bin', 'tsx')
const cli = join(repo, 'tools', 'cloudbase-emulator', 'src', 'cli.ts')

export interface ChildEmulator {
  readonly baseUrl: string
  readonly process: ChildProcess
  readonly output: () => string
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | string>
}

export function startChildEmulator(args: readonly string[]): Promise<ChildEmulator> {
  const child = spawn(tsxBin, [cli, '--port', '0', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/admin/.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ baseUrl: match[1], process: child, output: () => output, exited })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited (${code}) before starting:\n${output}`))
    })
  })
}
