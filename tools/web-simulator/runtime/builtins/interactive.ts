import { type glassEasel } from 'glass-easel-miniprogram-adapter'
import { ownEvents } from '../events'
import { hostOf, type BuiltinRegistration, type BuiltinThis, str } from './define'
import { formFields, fieldsInside, componentField, type FormField } from './form-fields'
import { showColumns } from '../ui/overlay'
import { router } from '../context'
import { diagnostics, recordError } from '../diagnostics'

// navigator, picker and form: components that act on a tap inside them.

function onTap(self: BuiltinThis, fn: (e: glassEasel.ShadowedEvent<unknown>) => void): void {
  self._$.addListener('tap', fn)
}

const pad = (n: number) => String(n).padStart(2, '0')

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i <= to; i += 1) out.push(i)
  return out
}

function labelOf(item: unknown, key: string): string {
  if (item && typeof item === 'object' && key)
    return str((item as Record<string, unknown>)[key], '')
  return str(item, '')
}

async function pickDate(self: BuiltinThis): Promise<string | null> {
  const fields = str(self.data['fields'], 'day')
  const start = (str(self.data['start']) || '1900-01-01').split('-').map(Number)
  const end = (str(self.data['end']) || '2100-12-31').split('-').map(Number)
  const cur = (str(self.data['value']) || new Date().toISOString().slice(0, 10))
    .split('-')
    .map(Number)
  const years = range(start[0] ?? 1900, end[0] ?? 2100)
  const cols: string[][] = [years.map((y) => `${y}年`)]
  if (fields !== 'year') cols.push(range(1, 12).map((m) => `${m}月`))
  if (fields === 'day') cols.push(range(1, 31).map((d) => `${d}日`))
  const sel = [
    Math.max(0, years.indexOf(cur[0] ?? years[0]!)),
    (cur[1] ?? 1) - 1,
    (cur[2] ?? 1) - 1,
  ].slice(0, cols.length)
  const r = await showColumns({ columns: cols, selected: sel })
  if (!r) return null
  const y = years[r[0] ?? 0]!
  if (fields === 'year') return String(y)
  if (fields === 'month') return `${y}-${pad((r[1] ?? 0) + 1)}`
  return `${y}-${pad((r[1] ?? 0) + 1)}-${pad((r[2] ?? 0) + 1)}`
}

async function pickTime(self: BuiltinThis): Promise<string | null> {
  const cur = (str(self.data['value']) || '00:00').split(':').map(Number)
  const r = await showColumns({
    columns: [range(0, 23).map(pad), range(0, 59).map(pad)],
    selected: [cur[0] ?? 0, cur[1] ?? 0],
  })
  return r ? `${pad(r[0] ?? 0)}:${pad(r[1] ?? 0)}` : null
}

async function openPicker(self: BuiltinThis): Promise<void> {
  if (self.data['disabled']) return
  const mode = str(self.data['mode'], 'selector')
  const key = str(self.data['rangeKey'], '')
  let value: unknown = null
  if (mode === 'selector') {
    const items = (self.data['range'] as unknown[]) ?? []
    const r = await showColumns({
      columns: [items.map((i) => labelOf(i, key))],
      selected: [Number(self.data['value']) || 0],
    })
    if (r) value = r[0] ?? 0
  } else if (mode === 'multiSelector') {
    const cols = ((self.data['range'] as unknown[][]) ?? []).map((c) =>
      (c ?? []).map((i) => labelOf(i, key)),
    )
    const current = ((self.data['value'] as number[]) ?? []).slice()
    const r = await showColumns({
      columns: cols,
      selected: cols.map((_c, i) => current[i] ?? 0),
      onColumnChange: (column, index) => {
        self.triggerEvent('columnchange', { column, value: index })
        return ((self.data['range'] as unknown[][]) ?? []).map((c) =>
          (c ?? []).map((i) => labelOf(i, key)),
        )
      },
    })
    if (r) value = r
  } else if (mode === 'date') value = await pickDate(self)
  else if (mode === 'time') value = await pickTime(self)
  else {
    const api = `picker[mode=${mode}]`
    if (!diagnostics.unimplemented.includes(api)) diagnostics.unimplemented.push(api)
    throw new Error(`模拟器尚未实现 ${api}`)
  }
  if (value === null) {
    self.triggerEvent('cancel', {})
    return
  }
  self.setData({ value })
  self.triggerEvent('change', { value })
}

type FieldThis = BuiltinThis & { __field?: FormField }

function submitForm(self: BuiltinThis, kind: 'submit' | 'reset'): void {
  const fields = fieldsInside(hostOf(self))
  if (kind === 'reset') {
    for (const f of fields) f.reset()
    self.triggerEvent('reset', {})
    return
  }
  const value: Record<string, unknown> = {}
  for (const f of fields) value[f.name()] = f.value()
  self.triggerEvent('submit', { value })
}

/** What a voip-room tile shows in place of the stream: the caller's own camera or a member's. */
function voipTileLabel(mode: unknown): string {
  return mode === 'camera' ? '本人画面' : '通话成员画面'
}

export const interactiveBuiltins: BuiltinRegistration[] = [
  {
    tag: 'navigator',
    path: '__builtin/navigator',
    template: '__builtin/slot',
    def: {
      properties: {
        url: { type: String, value: '' },
        openType: { type: String, value: 'navigate' },
        delta: { type: Number, value: 1 },
        target: { type: String, value: 'self' },
        hoverClass: { type: String, value: 'navigator-hover' },
        hoverStopPropagation: { type: Boolean, value: false },
        hoverStartTime: { type: Number, value: 50 },
        hoverStayTime: { type: Number, value: 600 },
        appId: { type: String, value: '' },
        path: { type: String, value: '' },
      },
      lifetimes: {
        attached(this: BuiltinThis) {
          onTap(this, () => {
            const url = str(this.data['url'], '')
            const r = router()
            const type = str(this.data['openType'], 'navigate')
            const done =
              type === 'redirect'
                ? r.redirectTo(url)
                : type === 'switchTab'
                  ? r.switchTab(url)
                  : type === 'reLaunch'
                    ? r.reLaunch(url)
                    : type === 'navigateBack'
                      ? r.navigateBack(Number(this.data['delta']) || 1)
                      : r.navigateTo(url)
            done.then(
              () => this.triggerEvent('success', {}),
              (e: unknown) => {
                recordError('navigator', e)
                this.triggerEvent('fail', {
                  errMsg: e instanceof Error ? e.message : JSON.stringify(e),
                })
              },
            )
          })
        },
      },
    },
  },
  {
    tag: 'picker',
    path: '__builtin/picker',
    template: '__builtin/slot',
    def: {
      properties: {
        mode: { type: String, value: 'selector' },
        range: { type: Array, value: [] },
        rangeKey: { type: String, value: '' },
        value: { type: null, value: 0 },
        disabled: { type: Boolean, value: false },
        start: { type: String, value: '' },
        end: { type: String, value: '' },
        fields: { type: String, value: 'day' },
        headerText: { type: String, value: '' },
        level: { type: String, value: 'region' },
        customItem: { type: String, value: '' },
        name: { type: String, value: '' },
      },
      lifetimes: {
        attached(this: FieldThis) {
          onTap(this, () => {
            openPicker(this).catch((e: unknown) => recordError('picker', e))
          })
          this.__field = componentField(this)
          formFields.add(this.__field)
        },
        detached(this: FieldThis) {
          if (this.__field) formFields.delete(this.__field)
        },
      },
    },
  },
  {
    tag: 'form',
    path: '__builtin/form',
    template: '__builtin/slot',
    def: {
      properties: {
        reportSubmit: { type: Boolean, value: false },
        reportSubmitTimeout: { type: Number, value: 0 },
      },
      lifetimes: {
        attached(this: BuiltinThis) {
          // A DOM listener: tdesign's t-button catches `tap`, so it never bubbles to the form.
          const host = hostOf(this)
          ownEvents(host, ['submit', 'reset'])
          // The host is a real <form>: the browser must never submit it.
          host.addEventListener('submit', (e) => e.preventDefault())
          host.addEventListener('reset', (e) => e.preventDefault())
          host.addEventListener('click', (e) => {
            const btn = (e.target as Element | null)?.closest?.('[form-type]')
            if (!btn || !host.contains(btn) || (btn as HTMLButtonElement).disabled) return
            const ft = btn.getAttribute('form-type')
            if (ft === 'submit' || ft === 'reset') submitForm(this, ft)
          })
        },
      },
    },
  },
  {
    tag: 'voip-room',
    path: '__builtin/voip-room',
    template: '__builtin/voip-room',
    def: {
      properties: {
        openid: { type: String, value: '' },
        mode: { type: String, value: 'camera' },
        devicePosition: { type: String, value: 'front' },
      },
      data: { label: '' },
      observers: {
        // The room is the platform's to render; the stand-in names the role of the tile, never the
        // member's openid, which is personal data a real phone never prints.
        mode(this: BuiltinThis, mode: unknown) {
          this.setData({ label: voipTileLabel(mode) })
        },
      },
      lifetimes: {
        attached(this: BuiltinThis) {
          hostOf(this).setAttribute('aria-label', '音视频通话画面')
          this.setData({ label: voipTileLabel(this.data['mode']) })
        },
      },
    },
  },
]
