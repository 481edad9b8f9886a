// The modules other helpers own, registered by startEmulator. A static list on purpose: each
// entry is added once its module's index.ts has landed, so a missing module is a compile error,
// not a silent runtime gap.
import { createClientModule } from './client/index'
import { createConsoleModule } from './console/index'
import { createFaceModule } from './face/index'
import { createFunctionsModule } from './functions/index'
import { createOpenApiModule } from './openapi/index'
import { createRealtimeModule } from './realtime/index'
import type { Clock, EmulatorModule } from './server/contracts'
import { createTimersModule } from './timers/index'

export interface ModuleFactoryContext {
  readonly envId: string
  readonly dataDir: string
  readonly clock: Clock
}

export type ModuleFactory = (ctx: ModuleFactoryContext) => EmulatorModule | Promise<EmulatorModule>

export const projectModules: readonly ModuleFactory[] = [
  () => createFunctionsModule(),
  () => createTimersModule(),
  () => createOpenApiModule(),
  () => createFaceModule(),
  () => createClientModule(),
  () => createRealtimeModule(),
  () => createConsoleModule(),
]
