import type { Router } from './router'
import type { AppInstance } from './app-instance'

// The running simulator, for modules that are created before it exists (builtins, wx).
interface SimContext {
  router: Router | null
  app: AppInstance | null
}

export const sim: SimContext = { router: null, app: null }

export function router(): Router {
  if (!sim.router) throw new Error('模拟器尚未启动')
  return sim.router
}
