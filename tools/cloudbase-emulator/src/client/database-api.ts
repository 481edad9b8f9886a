// The part of the database module's public API (`emu.service('database')`) the client endpoint,
// the realtime watch and the console use, written structurally so these modules depend on what
// the service does rather than on its classes.
import type { ChangeEvent } from '../server/contracts'

export type Doc = Record<string, unknown>

export interface FindOptions {
  readonly sort?: Readonly<Record<string, number>>
  readonly skip?: number
  readonly limit?: number
  readonly projection?: Doc
}

export interface CollectionApi {
  find(filter?: Doc, options?: FindOptions): Doc[]
  get(id: string): Doc | undefined
  count(filter?: Doc): number
  insert(docs: Doc | readonly Doc[]): Promise<string[]>
  update(
    filter: Doc,
    update: Doc,
    options?: { readonly multi?: boolean; readonly upsert?: boolean; readonly replace?: boolean },
  ): Promise<{ readonly updated: number }>
  remove(filter: Doc, options?: { multi?: boolean }): Promise<number>
}

export interface DatabaseApi {
  collection(env: string, name: string): CollectionApi
  listCollections(env: string): string[]
  envNames(): string[]
  onChange(listener: (event: ChangeEvent) => void): () => void
}

export function hasCollection(db: DatabaseApi, env: string, name: string): boolean {
  return db.listCollections(env).includes(name)
}
