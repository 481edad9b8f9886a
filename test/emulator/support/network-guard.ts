// Vitest setup file (emulator and functions projects): installs the egress guard into the test
// process and fails any test during which something tried to leave loopback. A test that makes
// an attempt on purpose (a negative control) drains it with `takeNetworkAttempts()`.
import { afterEach } from 'vitest'
import {
  installNetworkGuard,
  type NetworkAttempt,
} from '../../../tools/cloudbase-emulator/src/guard/index'

const guard = installNetworkGuard()

export function takeNetworkAttempts(): NetworkAttempt[] {
  return guard.take()
}

afterEach(() => {
  const attempts = guard.take()
  if (attempts.length > 0) {
    const list = attempts.map((a) => `${a.kind} ${a.target}`).join('; ')
    throw new Error(`测试尝试访问非本机网络（已拦截）：${list}`)
  }
})
