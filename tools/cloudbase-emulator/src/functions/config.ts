// What the emulator needs to know about one function, from the same two files CloudBase reads:
// cloudbaserc.json (`functions[]`: timeout, envVariables) and the function's own config.json
// (`permissions.openapi`, `triggers`, and `timeout` as DevTools writes it).
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface TimerTriggerConfig {
  readonly name: string
  readonly type: 'timer'
  readonly config: string
}

export interface FunctionConfig {
  readonly name: string
  readonly dir: string
  readonly entry: string
  /** Bundle mtime in ms; a new value means the function was rebuilt. */
  readonly mtimeMs: number
  readonly timeoutMs: number
  readonly memoryMb: number
  readonly envVariables: Readonly<Record<string, string>>
  readonly openapi: readonly string[]
  readonly triggers: readonly TimerTriggerConfig[]
}

/** SCF's default execution timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 3
/** CloudBase's upper bound for an event function's timeout. */
export const MAX_TIMEOUT_SECONDS = 900

export interface ConfigSources {
  readonly functionsRoot: string
  /** Path of cloudbaserc.json; missing file means "no entries". */
  readonly rcPath: string
  /** Value for each `{{env.X}}` placeholder; unknown ones fall back to `local-x` with a warning. */
  readonly placeholder: (name: string) => string
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

export function isValidFunctionName(name: string): boolean {
  return NAME_PATTERN.test(name) && name !== '_shared'
}

function readJson(path: string): unknown {
  if (!existsSync(path)) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch {
    return undefined
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function rcEntry(rcPath: string, name: string): Record<string, unknown> {
  const rc = asRecord(readJson(rcPath))
  const list = Array.isArray(rc['functions']) ? (rc['functions'] as unknown[]) : []
  for (const item of list) {
    const entry = asRecord(item)
    if (entry['name'] === name) return entry
  }
  return {}
}

function substitute(value: string, placeholder: (name: string) => string): string {
  return value.replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, key: string) =>
    placeholder(key),
  )
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined
}

function parseTriggers(value: unknown): TimerTriggerConfig[] {
  if (!Array.isArray(value)) return []
  const out: TimerTriggerConfig[] = []
  for (const item of value) {
    const t = asRecord(item)
    if (t['type'] === 'timer' && typeof t['name'] === 'string' && typeof t['config'] === 'string') {
      out.push({ name: t['name'], type: 'timer', config: t['config'] })
    }
  }
  return out
}

/** Reads a function's configuration, or undefined when `<root>/<name>/index.js` does not exist. */
export function loadFunctionConfig(
  sources: ConfigSources,
  name: string,
): FunctionConfig | undefined {
  if (!isValidFunctionName(name)) return undefined
  const dir = join(sources.functionsRoot, name)
  const entry = join(dir, 'index.js')
  let mtimeMs: number
  try {
    const st = statSync(entry)
    if (!st.isFile()) return undefined
    mtimeMs = st.mtimeMs
  } catch {
    return undefined
  }
  const local = asRecord(readJson(join(dir, 'config.json')))
  const rc = rcEntry(sources.rcPath, name)
  const timeoutSeconds = Math.min(
    seconds(rc['timeout']) ?? seconds(local['timeout']) ?? DEFAULT_TIMEOUT_SECONDS,
    MAX_TIMEOUT_SECONDS,
  )
  const envVariables: Record<string, string> = {}
  for (const [key, raw] of Object.entries(asRecord(rc['envVariables']))) {
    if (raw === undefined || raw === null) continue
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw)
    envVariables[key] = substitute(text, sources.placeholder)
  }
  const permissions = asRecord(local['permissions'])
  const openapi = Array.isArray(permissions['openapi'])
    ? (permissions['openapi'] as unknown[]).filter((x): x is string => typeof x === 'string')
    : []
  return {
    name,
    dir,
    entry,
    mtimeMs,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    memoryMb: seconds(rc['memorySize']) ?? seconds(local['memorySize']) ?? 256,
    envVariables,
    openapi,
    triggers: parseTriggers(local['triggers']),
  }
}
