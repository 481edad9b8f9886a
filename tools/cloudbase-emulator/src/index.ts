// Public entry of the CloudBase emulator: start it in-process (tests) or from the CLI.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { createControlModule } from './control/index'
import { exportEnv, importEnv } from './control/data-io'
import { createFaultsModule, type FaultConfigInput } from './faults/index'
import { createDatabaseModule, loadSchema, type DatabaseService } from './database/index'
import { repoRoot } from './database/schema'
import { projectModules } from './modules'
import { createControlledClock, createRealClock, type EmulatorClock } from './server/clock'
import type { EmulatorContext, EmulatorModule } from './server/contracts'
import { ENV_NAME_RULE, isLocalEnvName } from './server/env-names'
import { EmulatorServer, type SlowRequestGuard } from './server/http-server'
import { DEFAULT_ENV_ID } from './sdk-env'
import {
  compileStorageRules,
  loadStorageRulesFile,
  StorageRules,
  storageRulesOrThrow,
} from './rules/index'
import { createStorageModule, type StorageService } from './storage/index'

export { sdkEnvFor, DEFAULT_ENV_ID, type WxContext } from './sdk-env'
export type { EmulatorClock } from './server/clock'
export type { ChangeEvent, EmulatorContext, EmulatorModule } from './server/contracts'
export type { DatabaseService, CollectionHandle } from './database/index'
export type { StorageService, ClientAccess, ObjectOwner } from './storage/index'
export { StorageRules, compileStorageRules } from './rules/index'
export type { FaultConfigInput, FaultInjector } from './faults/index'

export const DEFAULT_PORT = 8790

export interface StartOptions {
  /** Default 8790; 0 picks a free port (tests). */
  readonly port?: number
  /** Where data lives; default `<repo>/.cloudbase`. */
  readonly dataDir?: string
  /** Keep data in memory only (nothing written under dataDir except uploaded files). */
  readonly inMemory?: boolean
  /** Replace the default env's data with an exported directory at start. */
  readonly importDir?: string
  /** Load `tools/cloudbase-emulator/seed/index.ts` generateSeed() into the default env. */
  readonly seed?: boolean
  /** 'real' (default), 'controlled' (starts now, moves only when told), a start instant, or a clock. */
  readonly clock?: 'real' | 'controlled' | number | EmulatorClock
  /** Modules to register instead of the project's optional ones (functions, client, …). */
  readonly modules?: readonly EmulatorModule[]
  /** Default environment id; must be demo-* or local-*. */
  readonly envId?: string
  /** Directory holding collections.json and indexes.json; default `<repo>/database`. */
  readonly schemaDir?: string
  /** Compact the database log after this many records. */
  readonly compactEvery?: number
  readonly echoLog?: boolean
  /** Shorter HTTP slow-request guards (tests prove long-lived sockets outlive them). */
  readonly slowRequestGuard?: SlowRequestGuard
  /** Fault injection from the start (also settable later through `/__emulator/faults`). */
  readonly faults?: FaultConfigInput
  /**
   * The storage security rule for client requests instead of the committed storage/rules.json:
   * a rules object (`{ read, write }`), compiled rules, or the path of a rules file.
   */
  readonly storageRules?: Readonly<Record<string, unknown>> | StorageRules | string
}

export interface RunningEmulator {
  readonly baseUrl: string
  readonly adminUrl: string
  readonly clientUrl: string
  readonly consoleUrl: string
  readonly envId: string
  readonly dataDir: string
  readonly clock: EmulatorClock
  readonly emu: EmulatorContext
  readonly server: EmulatorServer
  readonly database: DatabaseService
  readonly storage: StorageService
  stop(): Promise<void>
  /** Drop all data, or one environment's. */
  reset(env?: string): Promise<void>
  export(
    dir: string,
    env?: string,
  ): Promise<{ collections: number; documents: number; files: number }>
}

function makeClock(option: StartOptions['clock']): EmulatorClock {
  if (option === undefined || option === 'real') return createRealClock()
  if (option === 'controlled') return createControlledClock()
  if (typeof option === 'number') return createControlledClock(option)
  return option
}

export const seedModulePath = join(repoRoot, 'tools/cloudbase-emulator/seed/index.ts')

async function loadSeed(database: DatabaseService, env: string): Promise<number> {
  if (!existsSync(seedModulePath)) {
    throw new Error(`种子数据尚未提供：找不到 ${seedModulePath}（generateSeed()）`)
  }
  const mod = (await import(seedModulePath)) as {
    generateSeed?: () =>
      Record<string, Record<string, unknown>[]> | Promise<Record<string, Record<string, unknown>[]>>
  }
  if (typeof mod.generateSeed !== 'function')
    throw new Error(`${seedModulePath} 没有导出 generateSeed()`)
  const seed = await mod.generateSeed()
  let count = 0
  for (const [name, docs] of Object.entries(seed)) {
    await database.createCollection(env, name)
    for (const doc of docs) {
      const id = doc['_id']
      if (typeof id === 'string') {
        const { _id: _ignored, ...rest } = doc
        await database.engine.update(env, name, { _id: id }, rest, { upsert: true, replace: true })
      } else {
        await database.engine.insert(env, name, [doc])
      }
      count += 1
    }
  }
  return count
}

function storageRulesFor(option: StartOptions['storageRules']): StorageRules {
  if (option instanceof StorageRules) return option
  if (typeof option === 'string')
    return storageRulesOrThrow(loadStorageRulesFile(option), '存储规则')
  if (option !== undefined) return storageRulesOrThrow(compileStorageRules(option), '存储规则')
  return storageRulesOrThrow(loadStorageRulesFile(), '存储安全规则文件 storage/rules.json ')
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const envId = options.envId ?? DEFAULT_ENV_ID
  const acceptable: boolean = isLocalEnvName(envId)
  if (!acceptable) throw new Error(`环境 ID ${envId} 不可用：${ENV_NAME_RULE}`)
  const storageRules = storageRulesFor(options.storageRules)
  const dataDir = resolve(options.dataDir ?? join(repoRoot, '.cloudbase'))
  await mkdir(dataDir, { recursive: true })
  const clock = makeClock(options.clock)
  const databaseModule = await createDatabaseModule({
    clock,
    schema: loadSchema(options.schemaDir),
    ...(options.inMemory === true ? {} : { dir: join(dataDir, 'database') }),
    ...(options.compactEvery === undefined ? {} : { compactEvery: options.compactEvery }),
  })
  const database = databaseModule.api
  const storageModule = createStorageModule({
    dir: join(dataDir, 'storage'),
    rules: storageRules,
  })
  const storage = storageModule.api

  const reset = async (env?: string): Promise<void> => {
    await database.engine.reset(env)
    await storage.clear(env)
  }
  const exportData = (dir: string, env?: string): ReturnType<typeof exportEnv> =>
    exportEnv(resolve(dir), env ?? envId, database, storage)

  // The control module reports the server's address, which exists only once it is built below.
  const ref: { server?: EmulatorServer } = {}
  const startedAt = new Date().toISOString()
  const control = createControlModule({
    clock,
    reset,
    export: exportData,
    status: () => ({
      ok: true,
      envId,
      baseUrl: ref.server?.baseUrl,
      adminUrl: `${ref.server?.baseUrl}/admin`,
      clientUrl: `${ref.server?.baseUrl}/client/`,
      consoleUrl: `${ref.server?.baseUrl}/console`,
      dataDir,
      startedAt,
      clock: { now: clock.now(), controllable: clock.controllable },
      modules: ref.server?.registry.modules.map((m) => m.name) ?? [],
      actions: ref.server?.registry.actionNames() ?? [],
      envs: database.envNames().map((env) => ({
        env,
        collections: database.listCollections(env).map((name) => ({
          name,
          count: database.engine.count(env, name),
        })),
      })),
    }),
  })

  const extra: EmulatorModule[] = [...(options.modules ?? [])]
  if (options.modules === undefined) {
    for (const factory of projectModules) extra.push(await factory({ envId, dataDir, clock }))
  }
  const server = new EmulatorServer({
    port: options.port ?? DEFAULT_PORT,
    envId,
    dataDir,
    clock,
    modules: [databaseModule, storageModule, control, createFaultsModule(options.faults), ...extra],
    echoLog: options.echoLog ?? false,
    ...(options.slowRequestGuard === undefined
      ? {}
      : { slowRequestGuard: options.slowRequestGuard }),
  })
  ref.server = server
  try {
    await server.start()
  } catch (err) {
    await databaseModule.stop?.()
    throw err
  }

  try {
    if (options.importDir !== undefined) {
      await reset(envId)
      await importEnv(resolve(options.importDir), envId, database, storage)
    }
    if (options.seed === true) await loadSeed(database, envId)
  } catch (err) {
    // A failed import or seed must not leave a half-started server holding the port.
    await server.stop()
    throw err
  }

  const running = server
  const baseUrl = running.baseUrl
  return {
    baseUrl,
    adminUrl: `${baseUrl}/admin`,
    clientUrl: `${baseUrl}/client/`,
    consoleUrl: `${baseUrl}/console`,
    envId,
    dataDir,
    clock,
    emu: running.context,
    server: running,
    database,
    storage,
    stop: () => running.stop(),
    reset,
    export: exportData,
  }
}
