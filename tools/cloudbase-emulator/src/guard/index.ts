// TypeScript face of the egress guard (network-guard.cjs). The preload itself stays CommonJS so it
// can run before any loader and inside worker threads.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export interface NetworkAttempt {
  readonly kind: string
  readonly target: string
  readonly at: string
}

interface GuardState {
  readonly attempts: NetworkAttempt[]
  take(): NetworkAttempt[]
  isLoopbackHost(host: string | undefined): boolean
}

interface GuardModule {
  install(): GuardState
  isLoopbackHost(host: string | undefined): boolean
}

/** Absolute path of the preload, for `--require`, `NODE_OPTIONS` or a worker bootstrap. */
export const networkGuardPath = fileURLToPath(new URL('./network-guard.cjs', import.meta.url))

const require = createRequire(import.meta.url)

/** Installs the guard into this process (idempotent) and returns its recorder. */
export function installNetworkGuard(): GuardState {
  return (require(networkGuardPath) as GuardModule).install()
}

export function isLoopbackHost(host: string | undefined): boolean {
  return (require(networkGuardPath) as GuardModule).isLoopbackHost(host)
}
