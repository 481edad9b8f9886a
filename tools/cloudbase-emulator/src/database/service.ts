import type { ChangeEvent } from '../server/contracts'
import type { Doc } from './ejson'
import type { DatabaseEngine, FindOptions, UpdateOptions, UpdateResult } from './engine'

/** Programmatic access to one collection (plain JS values, never EJSON). */
export interface CollectionHandle {
  find(filter?: Doc, options?: FindOptions): Doc[]
  findOne(filter?: Doc): Doc | undefined
  get(id: string): Doc | undefined
  count(filter?: Doc): number
  insert(docs: Doc | readonly Doc[]): Promise<string[]>
  update(filter: Doc, update: Doc, options?: UpdateOptions): Promise<UpdateResult>
  remove(filter: Doc, options?: { multi?: boolean }): Promise<number>
}

/** `emu.service('database')`. */
export interface DatabaseService {
  readonly engine: DatabaseEngine
  collection(env: string, name: string): CollectionHandle
  createCollection(env: string, name: string): Promise<boolean>
  listCollections(env: string): string[]
  envNames(): string[]
  /** Every committed change, in commit order; returns an unsubscribe function. */
  onChange(listener: (event: ChangeEvent) => void): () => void
}

export function createDatabaseService(engine: DatabaseEngine): DatabaseService {
  return {
    engine,
    collection: (env, name) => ({
      find: (filter = {}, options = {}) => engine.find(env, name, filter, options),
      findOne: (filter = {}) => engine.find(env, name, filter, { limit: 1 })[0],
      get: (id) => engine.find(env, name, { _id: id }, { limit: 1 })[0],
      count: (filter = {}) => engine.count(env, name, filter),
      insert: (docs) => engine.insert(env, name, Array.isArray(docs) ? docs : [docs as Doc]),
      update: (filter, update, options = {}) =>
        engine.update(env, name, filter, update, { multi: true, ...options }),
      remove: (filter, options = {}) => engine.remove(env, name, filter, options.multi ?? true),
    }),
    createCollection: (env, name) => engine.createCollection(env, name),
    listCollections: (env) => engine.listCollections(env),
    envNames: () => engine.envNames(),
    onChange: (listener) => engine.onChange(listener),
  }
}
