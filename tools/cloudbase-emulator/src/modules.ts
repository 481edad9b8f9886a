// The modules other helpers own, registered by startEmulator. A static list on purpose: each
// entry is added once its module's index.ts has landed, so a missing module is a compile error,
// not a silent runtime gap.
import { createClientModule } from './client/index'
import { createConsoleModule } from './console/index'
import { createFunctionsModule } from './functions/index'
import { createRealtimeModule } from './realtime/index'
import type { Clock, EmulatorModule } from './server/contracts'

export interface ModuleFactoryContext {
  readonly envId: string
  readonly dataDir: string
  readonly clock: Clock
}

export type ModuleFactory = (ctx: ModuleFactoryContext) => EmulatorModule | Promise<EmulatorModule>

export const projectModules: readonly ModuleFactory[] = [
  () => createFunctionsModule(),
  () => createClientModule(),
  () => createRealtimeModule(),
  () => createConsoleModule(),
]
