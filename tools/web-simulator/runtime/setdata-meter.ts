import { component } from 'glass-easel-miniprogram-adapter'
import { inspectSetData, type SetDataViolation } from './setdata-rules'

// setData traffic as WeChat's performance panel would see it: every call's serialised size per
// component, and the two mistakes that make list pages slow on real phones — a single call over
// WeChat's 256 KB advice, and a whole list sent again when one item changed or a page was
// appended (instead of a path like `list[3]`). Tests and the bench read it as
// `window.__sim.setData`.

export interface SetDataTotals {
  calls: number
  bytes: number
  maxBytes: number
}

export interface SetDataMeter {
  readonly byComponent: Record<string, SetDataTotals>
  readonly violations: SetDataViolation[]
  reset(): void
}

export function installSetDataMeter(): SetDataMeter {
  const meter: SetDataMeter = {
    byComponent: {},
    violations: [],
    reset() {
      for (const k of Object.keys(meter.byComponent)) delete meter.byComponent[k]
      meter.violations.length = 0
    },
  }
  type Caller = { is: string; data: unknown }
  type SetData = (this: Caller, d: Record<string, unknown>, cb?: () => void) => void
  const proto = component.ComponentCaller.prototype as unknown as { setData: SetData }
  const original: SetData = proto.setData
  proto.setData = function (this: Caller, patch, cb) {
    const path = String(this.is)
    // Third-party components are measured for size but their list handling is not ours to fix.
    const own = !path.startsWith('miniprogram_npm/')
    const { bytes, violations } = inspectSetData(path, this.data, patch ?? {}, own)
    const t = (meter.byComponent[path] ??= { calls: 0, bytes: 0, maxBytes: 0 })
    t.calls += 1
    t.bytes += bytes
    t.maxBytes = Math.max(t.maxBytes, bytes)
    meter.violations.push(...violations)
    original.call(this, patch, cb)
  }
  return meter
}
