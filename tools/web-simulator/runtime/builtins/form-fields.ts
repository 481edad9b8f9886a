import type { glassEasel } from 'glass-easel-miniprogram-adapter'
import { str } from './define'

// `wx://form-field`: every component carrying it (tdesign's input, switch, radio-group, …
// and our input/textarea/picker) registers here while attached, so a `<form>` can collect
// `{name: value}` from the fields inside it on submit, as WeChat does.

export interface FormField {
  component: glassEasel.GeneralComponent
  name(): string
  value(): unknown
  reset(): void
}

export const formFields = new Set<FormField>()

export function domOf(comp: glassEasel.GeneralComponent): Node | null {
  const own = comp.getBackendElement() as unknown as Node | null
  if (own) return own
  // Virtual hosts have no element of their own: use the first rendered descendant.
  const shadow = comp.shadowRoot as unknown as { childNodes?: glassEasel.Node[] } | null
  const stack: glassEasel.Node[] = [...(shadow?.childNodes ?? [])]
  while (stack.length) {
    const n = stack.shift()!
    const be = (n as glassEasel.Element).getBackendElement?.() as unknown as Node | null
    if (be) return be
    stack.unshift(...((n as glassEasel.Element).childNodes ?? []))
  }
  return null
}

export function fieldsInside(form: Node): FormField[] {
  return [...formFields].filter((f) => {
    const dom = domOf(f.component)
    return !!dom && form.contains(dom) && !!f.name()
  })
}

export function componentField(self: {
  _$: glassEasel.GeneralComponent
  data: Record<string, unknown>
  setData(d: Record<string, unknown>): void
}): FormField {
  const initial = self.data['value']
  return {
    component: self._$,
    name: () => str(self.data['name'], ''),
    value: () => self.data['value'],
    reset: () => self.setData({ value: initial }),
  }
}
