import type { AdminAction, EmulatorModule, HttpRoute } from './contracts'

/** Which module answers which /admin action and HTTP route, and whose API `service()` returns. */
export class ModuleRegistry {
  readonly #modules: EmulatorModule[] = []
  readonly #actions = new Map<string, AdminAction>()
  readonly #routes: HttpRoute[] = []
  readonly #services = new Map<string, unknown>()

  register(module: EmulatorModule): void {
    if (this.#modules.some((m) => m.name === module.name)) {
      throw new Error(`模块 ${module.name} 已注册`)
    }
    for (const [name, action] of Object.entries(module.actions ?? {})) {
      if (this.#actions.has(name)) throw new Error(`动作 ${name} 已由其他模块注册`)
      this.#actions.set(name, action)
    }
    this.#routes.push(...(module.routes ?? []))
    if (module.api !== undefined) this.#services.set(module.name, module.api)
    this.#modules.push(module)
  }

  get modules(): readonly EmulatorModule[] {
    return this.#modules
  }

  action(name: string): AdminAction | undefined {
    return this.#actions.get(name)
  }

  actionNames(): string[] {
    return [...this.#actions.keys()].sort()
  }

  /** Exact paths win over prefixes; among prefixes the longest wins. */
  route(method: string, path: string): HttpRoute | undefined {
    let best: HttpRoute | undefined
    let bestLength = -1
    for (const route of this.#routes) {
      if (route.method !== method) continue
      if (route.path.endsWith('*')) {
        const prefix = route.path.slice(0, -1)
        if (path.startsWith(prefix) && prefix.length > bestLength) {
          best = route
          bestLength = prefix.length
        }
      } else if (route.path === path) {
        return route
      }
    }
    return best
  }

  hasService(name: string): boolean {
    return this.#services.has(name)
  }

  service<T>(name: string): T {
    if (!this.#services.has(name)) throw new Error(`模拟器服务 ${name} 不存在`)
    return this.#services.get(name) as T
  }
}
