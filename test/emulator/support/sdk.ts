// Drives the emulator through the real wx-server-sdk, configured only by the environment that
// sdkEnvFor() documents — the same way a deployed cloud function would be.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import {
  sdkEnvFor,
  startEmulator,
  type RunningEmulator,
  type StartOptions,
} from '../../../tools/cloudbase-emulator/src/index'

export type Doc = Record<string, unknown>

/** A query-builder value produced by `db.command` (`_.gt(1)`, `_.inc(2)`, …). */
export interface Cmd {
  and(...others: unknown[]): Cmd
  or(...others: unknown[]): Cmd
}

type CmdFn = (...args: unknown[]) => Cmd

/** `db.command`: query and update operators. */
export interface Command {
  eq: CmdFn
  neq: CmdFn
  gt: CmdFn
  gte: CmdFn
  lt: CmdFn
  lte: CmdFn
  in: CmdFn
  nin: CmdFn
  and: CmdFn
  or: CmdFn
  nor: CmdFn
  not: CmdFn
  exists: CmdFn
  size: CmdFn
  elemMatch: CmdFn
  all: CmdFn
  set: CmdFn
  remove: CmdFn
  inc: CmdFn
  mul: CmdFn
  min: CmdFn
  max: CmdFn
  rename: CmdFn
  push: CmdFn
  pop: CmdFn
  shift: CmdFn
  unshift: CmdFn
  pull: CmdFn
  pullAll: CmdFn
  addToSet: CmdFn
  aggregate: AggregateCommand
}

/** `db.command.aggregate`: the expression operators the tests use. */
export interface AggregateCommand {
  sum(value: unknown): unknown
  multiply(values: unknown[]): unknown
}

export interface GetResult {
  readonly data: Doc[]
  readonly errMsg: string
}

export interface Query {
  where(filter: Doc): Query
  orderBy(field: string, direction: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  field(projection: Doc): Query
  get(): Promise<GetResult>
  count(): Promise<{ readonly total: number; readonly errMsg: string }>
  update(options: {
    data: Doc
  }): Promise<{ readonly stats: { readonly updated: number }; readonly errMsg: string }>
  remove(): Promise<{ readonly stats: { readonly removed: number }; readonly errMsg: string }>
}

export interface DocRef {
  get(): Promise<{ readonly data: Doc; readonly errMsg: string }>
  set(options: { data: Doc }): Promise<{
    readonly _id: string
    readonly stats: { readonly updated: number; readonly created: number }
    readonly errMsg: string
  }>
  update(options: {
    data: Doc
  }): Promise<{ readonly stats: { readonly updated: number }; readonly errMsg: string }>
  remove(): Promise<{ readonly stats: { readonly removed: number }; readonly errMsg: string }>
  field(projection: Doc): DocRef
}

type Stage = (arg: unknown) => Aggregate

export interface Aggregate {
  match: Stage
  project: Stage
  group: Stage
  sort: Stage
  skip: Stage
  limit: Stage
  lookup: Stage
  unwind: Stage
  count: Stage
  addFields: Stage
  end: () => Promise<{ readonly list: Doc[]; readonly errMsg: string }>
}

export interface Collection extends Query {
  add(options: {
    data: Doc | Doc[]
  }): Promise<{ readonly _id: string; readonly _ids?: string[]; readonly errMsg: string }>
  doc(id: string): DocRef
  aggregate(): Aggregate
}

export interface Transaction {
  collection(name: string): Collection
  rollback(reason?: unknown): Promise<void>
  commit(): Promise<void>
}

export interface Db {
  collection(name: string): Collection
  command: Command
  serverDate(options?: { offset: number }): unknown
  RegExp(options: { regexp: string; options?: string }): unknown
  createCollection(name: string): Promise<{ readonly errMsg: string }>
  runTransaction<T>(fn: (t: Transaction) => Promise<T>, times?: number): Promise<T>
  startTransaction(): Promise<Transaction>
}

export interface Cloud {
  init(options: { env: unknown }): void
  DYNAMIC_CURRENT_ENV: unknown
  database(): Db
  getWXContext(): Record<string, string>
  uploadFile(options: { cloudPath: string; fileContent: Buffer | NodeJS.ReadableStream }): Promise<{
    readonly fileID: string
    readonly statusCode: number
    readonly errMsg: string
  }>
  getTempFileURL(options: {
    fileList: Array<string | { fileID: string; maxAge: number }>
  }): Promise<{
    readonly fileList: Array<{
      fileID: string
      tempFileURL: string
      status: number
      errMsg: string
      maxAge?: number
    }>
    readonly errMsg: string
  }>
  downloadFile(options: {
    fileID: string
  }): Promise<{ readonly fileContent: Buffer; readonly errMsg: string }>
  deleteFile(options: { fileList: string[] }): Promise<{
    readonly fileList: Array<{ fileID: string; status: number; errMsg: string }>
    readonly errMsg: string
  }>
}

/** The SDK error shape wx-server-sdk throws: `errCode` and `errMsg` (`<api>:fail <code> …`). */
export interface SdkError {
  readonly errCode: number
  readonly errMsg: string
}

export async function sdkError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (err) {
    return err as SdkError
  }
  throw new Error('expected the SDK call to fail')
}

const requireFromRepo = createRequire(join(process.cwd(), 'package.json'))

/** Points the (process-wide) SDK at `baseUrl` for `envId`; returns the initialised SDK. */
export function connectSdk(baseUrl: string, envId: string, openid = 'o_test_user_0001'): Cloud {
  Object.assign(process.env, sdkEnvFor(baseUrl, { envId, openid }))
  const cloud = requireFromRepo('wx-server-sdk') as Cloud
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cb-emu-${prefix}-`))
}

export interface SdkEmulator {
  readonly emu: RunningEmulator
  readonly cloud: Cloud
  readonly db: Db
  readonly _: Command
  readonly envId: string
}

/** Starts an in-process emulator on a random port and connects the real SDK to it. */
export async function startSdkEmulator(
  envId: string,
  options: StartOptions = {},
): Promise<SdkEmulator> {
  const emu = await startEmulator({
    port: 0,
    dataDir: tempDir(envId),
    modules: [],
    envId,
    ...options,
  })
  const cloud = connectSdk(emu.baseUrl, envId)
  const db = cloud.database()
  return { emu, cloud, db, _: db.command, envId }
}
