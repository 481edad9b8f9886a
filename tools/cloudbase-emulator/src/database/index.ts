import type { EmulatorModule } from '../server/contracts'
import { DatabaseEngine, type SchemaConfig } from './engine'
import { Persistence } from './persistence'
import { createDatabaseService, type DatabaseService } from './service'
import { databaseActions } from './wire-actions'
import type { Clock } from '../server/contracts'

export type { CollectionHandle, DatabaseService } from './service'
export type { FindOptions, SchemaConfig, UpdateOptions, UpdateResult } from './engine'
export type { IndexSpec } from './indexes'
export { DatabaseEngine } from './engine'
export { loadSchema, defaultSchemaDir } from './schema'

export interface DatabaseModuleOptions {
  readonly clock: Clock
  readonly schema: SchemaConfig
  /** Directory for the log and snapshot; omitted = in memory only. */
  readonly dir?: string
  readonly compactEvery?: number
}

/** The `database` module: /admin database actions and `emu.service('database')`. */
export async function createDatabaseModule(
  options: DatabaseModuleOptions,
): Promise<EmulatorModule & { readonly api: DatabaseService }> {
  const engine = new DatabaseEngine({
    clock: options.clock,
    schema: options.schema,
    ...(options.dir === undefined ? {} : { persistence: new Persistence(options.dir) }),
    ...(options.compactEvery === undefined ? {} : { compactEvery: options.compactEvery }),
  })
  // Replay before the port opens, so the first request already sees every committed write.
  await engine.open()
  return {
    name: 'database',
    actions: databaseActions(engine),
    api: createDatabaseService(engine),
    stop: () => engine.close(),
  }
}
