import { formFields, componentField, type FormField } from './form-fields'
import { ownEvents } from '../events'
import { hostOf, type BuiltinDef, type BuiltinRegistration, type BuiltinThis, str } from './define'

// `<input>` and `<textarea>`: the host is the real DOM control. Events carry WeChat's detail
// shapes: input {value, cursor, keyCode}, focus {value, height}, blur {value}, confirm {value}.

type InputThis = BuiltinThis & { __field?: FormField; __ph?: HTMLStyleElement }

let placeholderSeq = 0

function control(self: BuiltinThis): HTMLInputElement | HTMLTextAreaElement {
  return hostOf(self) as HTMLInputElement | HTMLTextAreaElement
}

function applyPlaceholderStyle(self: InputThis): void {
  const style = str(self.data['placeholderStyle'], '')
  const host = control(self)
  if (!style) {
    self.__ph?.remove()
    return
  }
  if (!host.dataset['simPh']) host.dataset['simPh'] = String(++placeholderSeq)
  if (!self.__ph) {
    self.__ph = document.createElement('style')
    document.head.appendChild(self.__ph)
  }
  self.__ph.textContent = `[data-sim-ph="${host.dataset['simPh']}"]::placeholder{${style}}`
}

function syncType(self: BuiltinThis): void {
  const host = control(self)
  if (!(host instanceof HTMLInputElement)) return
  const t = str(self.data['type'], 'text')
  host.type = self.data['password'] ? 'password' : 'text'
  host.inputMode =
    t === 'number' ? 'numeric' : t === 'digit' ? 'decimal' : t === 'idcard' ? 'text' : ''
}

function autoHeight(self: BuiltinThis): void {
  const host = control(self)
  if (!(host instanceof HTMLTextAreaElement) || !self.data['autoHeight']) return
  host.style.height = 'auto'
  host.style.height = `${host.scrollHeight}px`
}

function commonDef(kind: 'input' | 'textarea'): BuiltinDef {
  return {
    properties: {
      value: { type: String, value: '', optionalTypes: [Number] },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: String, value: '' },
      placeholderStyle: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      cursorSpacing: { type: Number, value: 0 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      confirmType: { type: String, value: kind === 'input' ? 'done' : 'return' },
      confirmHold: { type: Boolean, value: false },
      alwaysEmbed: { type: Boolean, value: false },
      holdKeyboard: { type: Boolean, value: false },
      adjustPosition: { type: Boolean, value: true },
      cursor: { type: Number, value: -1 },
      selectionStart: { type: Number, value: -1 },
      selectionEnd: { type: Number, value: -1 },
      autoHeight: { type: Boolean, value: false },
      fixed: { type: Boolean, value: false },
      showConfirmBar: { type: Boolean, value: true },
      disableDefaultPadding: { type: Boolean, value: false },
      safePasswordCertPath: { type: String, value: '' },
      name: { type: String, value: '' },
      nickname: { type: Boolean, value: false },
    },
    observers: {
      value(this: BuiltinThis, v: unknown) {
        const host = control(this)
        const s = str(v)
        if (host.value !== s) host.value = s
        autoHeight(this)
      },
      placeholder(this: BuiltinThis, v: unknown) {
        control(this).placeholder = str(v, '')
      },
      disabled(this: BuiltinThis, v: unknown) {
        control(this).disabled = !!v
      },
      maxlength(this: BuiltinThis, v: unknown) {
        const n = Number(v)
        if (n < 0) control(this).removeAttribute('maxlength')
        else control(this).maxLength = n
      },
      'type, password'(this: BuiltinThis) {
        syncType(this)
      },
      placeholderStyle(this: InputThis) {
        applyPlaceholderStyle(this)
      },
      'focus, autoFocus'(this: BuiltinThis, focus: unknown, auto: unknown) {
        if (focus || auto) window.setTimeout(() => control(this).focus(), 0)
      },
    },
    lifetimes: {
      attached(this: InputThis) {
        const host = control(this)
        ownEvents(host, ['input', 'focus', 'blur', 'change', 'keydown', 'confirm'])
        host.value = str(this.data['value'], '')
        host.placeholder = str(this.data['placeholder'], '')
        syncType(this)
        applyPlaceholderStyle(this)
        host.addEventListener('input', (e) => {
          const value = host.value
          // Keep the property in step so `model:value` bindings see the typed text.
          this.setData({ value })
          autoHeight(this)
          this.triggerEvent('input', {
            value,
            cursor: host.selectionStart ?? value.length,
            keyCode: (e as InputEvent).data ? (e as InputEvent).data!.charCodeAt(0) : 8,
          })
        })
        host.addEventListener('focus', () =>
          this.triggerEvent('focus', { value: host.value, height: 0 }),
        )
        host.addEventListener('blur', () =>
          this.triggerEvent('blur', { value: host.value, cursor: host.selectionStart ?? 0 }),
        )
        host.addEventListener('keydown', (e) => {
          const ke = e as KeyboardEvent
          if (ke.key !== 'Enter') return
          if (
            kind === 'input' ||
            this.data['confirmType'] !== 'return' ||
            !this.data['showConfirmBar']
          ) {
            if (kind === 'textarea' && this.data['confirmType'] === 'return') return
            e.preventDefault()
            this.triggerEvent('confirm', { value: host.value })
          }
        })
        this.__field = componentField(this)
        formFields.add(this.__field)
      },
      detached(this: InputThis) {
        if (this.__field) formFields.delete(this.__field)
        this.__ph?.remove()
      },
    },
  }
}

export const inputBuiltins: BuiltinRegistration[] = [
  { tag: 'input', path: '__builtin/input', template: null, def: commonDef('input') },
  { tag: 'textarea', path: '__builtin/textarea', template: null, def: commonDef('textarea') },
]
