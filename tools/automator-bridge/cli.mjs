#!/usr/bin/env node
// Executable entry of the DevTools `cli` stand-in: runs cli.ts under tsx, watching the process
// that launched us (automator.launch spawns this file), not this wrapper.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('./cli.ts', import.meta.url))
const child = spawn(process.execPath, ['--import', 'tsx', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, AUTOMATOR_BRIDGE_PARENT: String(process.ppid) },
})
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 1))
