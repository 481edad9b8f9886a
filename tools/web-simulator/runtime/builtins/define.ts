import { type glassEasel, type CodeSpace } from 'glass-easel-miniprogram-adapter'

// Built-in components are ordinary glass-easel components in the global code space; their
// host element is created with the tag name itself, so `<input>`, `<textarea>` and `<canvas>`
// hosts are the real DOM elements.

export interface BuiltinThis {
  _$: glassEasel.GeneralComponent
  is: string
  data: Record<string, unknown>
  setData(d: Record<string, unknown>, cb?: () => void): void
  triggerEvent(name: string, detail?: unknown, options?: Record<string, boolean>): void
  [key: string]: unknown
}

export type PropType =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | ArrayConstructor
  | ObjectConstructor
  | null

export interface BuiltinDef {
  properties: Record<string, { type: PropType; value?: unknown; optionalTypes?: PropType[] }>
  data?: Record<string, unknown>
  observers?: Record<string, (this: BuiltinThis, ...v: unknown[]) => void>
  lifetimes?: Record<string, (this: BuiltinThis) => void>
  methods?: Record<string, (this: BuiltinThis, ...a: never[]) => unknown>
  options?: Record<string, unknown>
}

export interface BuiltinRegistration {
  tag: string
  path: string
  template: string | null
  def: BuiltinDef
}

export function hostOf(self: BuiltinThis): HTMLElement {
  return self._$.getBackendElement() as unknown as HTMLElement
}

// Style set by the builtin itself goes in its own segment so the owner's `style=` keeps working.
export function setBuiltinStyle(self: BuiltinThis, style: string): void {
  self._$.setNodeStyle(style, 1)
}

export function defineBuiltins(
  global: CodeSpace,
  list: BuiltinRegistration[],
  templates: Record<string, (name: string) => unknown>,
): void {
  for (const b of list) {
    global.addComponentStaticConfig(b.path, { component: true })
    if (b.template) {
      const content = templates[b.template]
      if (!content) throw new Error(`内置组件模板缺失：${b.template}`)
      global.addCompiledTemplate(b.path, {
        groupList: templates as never,
        content: content as never,
        fallbackListenerOnNativeNode: true,
      })
    }
    global
      .component(b.path)
      .definition({
        ...(b.def as object),
        options: { virtualHost: false, multipleSlots: false, ...(b.def.options ?? {}) },
      })
      .register()
  }
}

// Must run after the app code space exists: exposes each builtin tag to every app component.
export function exposeBuiltins(
  global: CodeSpace,
  app: CodeSpace,
  list: BuiltinRegistration[],
): void {
  const space = global.getComponentSpace()
  const appSpace = app.getComponentSpace()
  for (const b of list) {
    appSpace.setGlobalUsingComponent(b.tag, space.getComponentByUrl(b.path, ''))
  }
}

// Template data is untyped: text-like values become strings, anything else the fallback.
export function str(v: unknown, fallback = ''): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return fallback
}
