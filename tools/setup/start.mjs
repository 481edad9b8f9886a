// `npm start`: brings the local platform up. Each part registers itself here as it lands
// (emulator, web simulator); until then this says plainly what it does.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const build = spawnSync('node', ['tools/build/build-functions.mjs'], {
  cwd: root,
  stdio: 'inherit',
})
if (build.status !== 0) process.exit(build.status ?? 1)
console.log('本地平台尚未包含模拟器：已构建云函数（见上）。')
