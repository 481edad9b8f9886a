// Runs before `npm start` and `npm test` so that a fresh clone needs nothing but Node.js and npm.
// - installs the npm dependencies when node_modules is missing or older than package-lock.json;
// - with --browser, makes sure Debian's chromium and the CJK fonts exist for the browser suites
//   (installs them with apt when running as root, otherwise prints the one command to run).
import { execSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const lock = path.join(root, 'package-lock.json')
const stamp = path.join(root, 'node_modules', '.package-lock.json')

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) {
    console.error(`\n依赖安装失败：${cmd} ${args.join(' ')} (exit ${r.status})`)
    process.exit(r.status ?? 1)
  }
}

function npmDepsAreCurrent() {
  if (!existsSync(stamp)) return false
  return statSync(stamp).mtimeMs >= statSync(lock).mtimeMs
}

if (!npmDepsAreCurrent()) {
  console.log('[setup] installing npm dependencies (npm ci)…')
  run('npm', ['ci', '--no-audit', '--no-fund'])
}

const BROWSER = '/usr/bin/chromium'
function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0
  } catch {
    return false
  }
}

if (process.argv.includes('--browser')) {
  const missing = []
  if (!existsSync(BROWSER)) missing.push('chromium')
  if (!hasCjkFont()) missing.push('fonts-noto-cjk')
  if (missing.length) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
    if (isRoot) {
      console.log(`[setup] installing ${missing.join(' ')} with apt…`)
      run('apt-get', ['update', '-qq'])
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing])
    } else {
      console.error(
        `浏览器测试需要 ${missing.join(' 和 ')}。请先运行：\n  sudo apt-get install -y ${missing.join(' ')}`,
      )
      process.exit(1)
    }
  }
}
