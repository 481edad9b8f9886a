// The fault configuration: what `startEmulator({ faults })`, `--faults <json>` and
// `POST /__emulator/faults` accept. Bad input is refused with a Chinese message, never thrown.

export interface FaultMatch {
  /** Only invocations of these functions fail, and only their database/storage calls. */
  readonly functions?: readonly string[]
  /** Only writes to these collections fail. */
  readonly collections?: readonly string[]
}

export interface FaultConfig {
  readonly seed: number
  readonly database: { readonly writeFailureRate: number; readonly failNext: number }
  readonly storage: { readonly failureRate: number; readonly failNext: number }
  readonly functions: {
    readonly failureRate: number
    readonly timeoutRate: number
    readonly failNext: number
    readonly timeoutNext: number
  }
  readonly match: FaultMatch
}

/** Every field optional: what a caller sends. */
export interface FaultConfigInput {
  readonly seed?: number
  readonly database?: { readonly writeFailureRate?: number; readonly failNext?: number }
  readonly storage?: { readonly failureRate?: number; readonly failNext?: number }
  readonly functions?: {
    readonly failureRate?: number
    readonly timeoutRate?: number
    readonly failNext?: number
    readonly timeoutNext?: number
  }
  readonly match?: FaultMatch
}

export const NO_FAULTS: FaultConfig = {
  seed: 1,
  database: { writeFailureRate: 0, failNext: 0 },
  storage: { failureRate: 0, failNext: 0 },
  functions: { failureRate: 0, timeoutRate: 0, failNext: 0, timeoutNext: 0 },
  match: {},
}

export type Parsed = { ok: true; config: FaultConfig } | { ok: false; message: string }

type Fields = Record<string, unknown>

const SECTIONS: Record<string, readonly string[]> = {
  database: ['writeFailureRate', 'failNext'],
  storage: ['failureRate', 'failNext'],
  functions: ['failureRate', 'timeoutRate', 'failNext', 'timeoutNext'],
  match: ['functions', 'collections'],
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

class Invalid extends Error {}

function section(raw: Fields, name: string): Fields {
  const value = raw[name]
  if (value === undefined) return {}
  if (!isObject(value)) throw new Invalid(`${name} 必须是对象`)
  const allowed = SECTIONS[name] ?? []
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Invalid(`不支持的故障设置 ${name}.${key}`)
  }
  return value
}

function rate(fields: Fields, path: string, key: string): number {
  const value = fields[key]
  if (value === undefined) return 0
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new Invalid(`${path}.${key} 必须是 0 到 1 之间的数`)
  }
  return value
}

function count(fields: Fields, path: string, key: string): number {
  const value = fields[key]
  if (value === undefined) return 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
    throw new Invalid(`${path}.${key} 必须是不超过 1000000 的非负整数`)
  }
  return value
}

function names(fields: Fields, key: string): readonly string[] | undefined {
  const value = fields[key]
  if (value === undefined) return undefined
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new Invalid(`match.${key} 必须是非空字符串数组`)
  }
  return value as string[]
}

export function parseFaultConfig(raw: unknown): Parsed {
  try {
    if (!isObject(raw)) throw new Invalid('故障设置必须是 JSON 对象')
    for (const key of Object.keys(raw)) {
      if (key !== 'seed' && !(key in SECTIONS)) throw new Invalid(`不支持的故障设置 ${key}`)
    }
    const seed = raw['seed'] ?? NO_FAULTS.seed
    if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Invalid('seed 必须是 0 到 4294967295 之间的整数')
    }
    const db = section(raw, 'database')
    const st = section(raw, 'storage')
    const fn = section(raw, 'functions')
    const match = section(raw, 'match')
    const functions = {
      failureRate: rate(fn, 'functions', 'failureRate'),
      timeoutRate: rate(fn, 'functions', 'timeoutRate'),
      failNext: count(fn, 'functions', 'failNext'),
      timeoutNext: count(fn, 'functions', 'timeoutNext'),
    }
    if (functions.failureRate + functions.timeoutRate > 1) {
      throw new Invalid('functions.failureRate 与 functions.timeoutRate 之和不能超过 1')
    }
    const matchFunctions = names(match, 'functions')
    const matchCollections = names(match, 'collections')
    return {
      ok: true,
      config: {
        seed,
        database: {
          writeFailureRate: rate(db, 'database', 'writeFailureRate'),
          failNext: count(db, 'database', 'failNext'),
        },
        storage: {
          failureRate: rate(st, 'storage', 'failureRate'),
          failNext: count(st, 'storage', 'failNext'),
        },
        functions,
        match: {
          ...(matchFunctions === undefined ? {} : { functions: matchFunctions }),
          ...(matchCollections === undefined ? {} : { collections: matchCollections }),
        },
      },
    }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message }
    throw e
  }
}
