// The native UI WeChat draws above the page (toast, modal, loading, action sheet, picker and
// the simulated system prompts). Built from plain DOM in one overlay layer so it never mixes
// with the page's glass-easel tree; class names are prefixed `sim-` (runtime.css).

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  e.className = cls
  if (text !== undefined) e.textContent = text
  return e
}

export function overlayRoot(): HTMLElement {
  let root = document.getElementById('sim-overlay')
  if (!root) {
    root = el('div', 'sim-overlay')
    root.id = 'sim-overlay'
    document.body.appendChild(root)
  }
  return root
}

let toastNode: HTMLElement | null = null
let toastTimer: number | undefined

export interface ToastOptions {
  title: string
  icon: 'success' | 'error' | 'loading' | 'none'
  image?: string
  duration: number
  mask: boolean
}

const ICON_GLYPH: Record<string, string> = { success: '✓', error: '✕', loading: '' }

export function showToast(opts: ToastOptions, kind: 'toast' | 'loading'): void {
  hideToast()
  const wrap = el('div', `sim-toast-wrap${opts.mask ? ' sim-toast-wrap--mask' : ''}`)
  wrap.dataset['kind'] = kind
  const box = el('div', `sim-toast${opts.icon === 'none' && !opts.image ? ' sim-toast--text' : ''}`)
  box.setAttribute('role', 'alert')
  if (opts.image) {
    const img = el('img', 'sim-toast__image')
    img.src = opts.image
    box.appendChild(img)
  } else if (opts.icon === 'loading') box.appendChild(el('div', 'sim-spinner'))
  else if (opts.icon !== 'none')
    box.appendChild(el('div', 'sim-toast__icon', ICON_GLYPH[opts.icon]))
  box.appendChild(el('div', 'sim-toast__title', opts.title))
  wrap.appendChild(box)
  overlayRoot().appendChild(wrap)
  toastNode = wrap
  if (kind === 'toast') toastTimer = window.setTimeout(hideToast, opts.duration)
}

export function hideToast(kind?: 'toast' | 'loading'): void {
  if (!toastNode) return
  if (kind && toastNode.dataset['kind'] !== kind) return
  window.clearTimeout(toastTimer)
  toastNode.remove()
  toastNode = null
}

export interface ModalOptions {
  title: string
  content: string
  showCancel: boolean
  cancelText: string
  cancelColor: string
  confirmText: string
  confirmColor: string
  editable: boolean
  placeholderText: string
}

export interface ModalResult {
  confirm: boolean
  cancel: boolean
  content?: string
}

export function showModal(opts: ModalOptions): Promise<ModalResult> {
  return new Promise((resolve) => {
    const mask = el('div', 'sim-mask')
    const box = el('div', 'sim-modal')
    box.setAttribute('role', 'dialog')
    if (opts.title) box.appendChild(el('div', 'sim-modal__title', opts.title))
    let input: HTMLTextAreaElement | null = null
    if (opts.editable) {
      input = el('textarea', 'sim-modal__input')
      input.placeholder = opts.placeholderText
      input.value = opts.content
      box.appendChild(input)
    } else if (opts.content) box.appendChild(el('div', 'sim-modal__content', opts.content))
    const actions = el('div', 'sim-modal__actions')
    const close = (confirm: boolean) => {
      mask.remove()
      resolve({ confirm, cancel: !confirm, ...(input ? { content: input.value } : {}) })
    }
    if (opts.showCancel) {
      const cancel = el('button', 'sim-modal__btn sim-modal__btn--cancel', opts.cancelText)
      cancel.style.color = opts.cancelColor
      cancel.addEventListener('click', () => close(false))
      actions.appendChild(cancel)
    }
    const ok = el('button', 'sim-modal__btn sim-modal__btn--confirm', opts.confirmText)
    ok.style.color = opts.confirmColor
    ok.addEventListener('click', () => close(true))
    actions.appendChild(ok)
    box.appendChild(actions)
    mask.appendChild(box)
    overlayRoot().appendChild(mask)
  })
}

export interface SheetItem {
  text: string
  color?: string
  description?: string
}

// Resolves with the tapped index, or -1 when cancelled.
export function showSheet(opts: {
  title?: string
  items: SheetItem[]
  cancelText?: string
}): Promise<number> {
  return new Promise((resolve) => {
    const mask = el('div', 'sim-mask sim-mask--bottom')
    const sheet = el('div', 'sim-sheet')
    sheet.setAttribute('role', 'menu')
    if (opts.title) sheet.appendChild(el('div', 'sim-sheet__title', opts.title))
    const done = (i: number) => {
      mask.remove()
      resolve(i)
    }
    opts.items.forEach((item, i) => {
      const b = el('button', 'sim-sheet__item', item.text)
      if (item.color) b.style.color = item.color
      if (item.description) b.appendChild(el('div', 'sim-sheet__desc', item.description))
      b.addEventListener('click', () => done(i))
      sheet.appendChild(b)
    })
    const cancel = el('button', 'sim-sheet__item sim-sheet__cancel', opts.cancelText ?? '取消')
    cancel.addEventListener('click', () => done(-1))
    sheet.appendChild(cancel)
    mask.addEventListener('click', (e) => {
      if (e.target === mask) done(-1)
    })
    mask.appendChild(sheet)
    overlayRoot().appendChild(mask)
  })
}

// A bottom sheet with one scrolling column per list (picker, multiSelector, date, time).
export function showColumns(opts: {
  columns: string[][]
  selected: number[]
  onColumnChange?: (column: number, index: number) => string[][] | void
}): Promise<number[] | null> {
  return new Promise((resolve) => {
    const mask = el('div', 'sim-mask sim-mask--bottom')
    const sheet = el('div', 'sim-sheet sim-picker')
    const bar = el('div', 'sim-picker__bar')
    const cancel = el('button', 'sim-picker__cancel', '取消')
    const ok = el('button', 'sim-picker__ok', '确定')
    bar.append(cancel, ok)
    const body = el('div', 'sim-picker__body')
    const selected = [...opts.selected]
    let columns = opts.columns
    const render = () => {
      body.textContent = ''
      columns.forEach((col, ci) => {
        const list = el('div', 'sim-picker__col')
        list.setAttribute('role', 'listbox')
        col.forEach((label, ri) => {
          const opt = el(
            'div',
            `sim-picker__opt${selected[ci] === ri ? ' sim-picker__opt--on' : ''}`,
            label,
          )
          opt.setAttribute('role', 'option')
          opt.addEventListener('click', () => {
            selected[ci] = ri
            const next = opts.onColumnChange?.(ci, ri)
            if (next) {
              columns = next
              for (let k = ci + 1; k < columns.length; k += 1) selected[k] = 0
            }
            render()
          })
          list.appendChild(opt)
        })
        body.appendChild(list)
      })
    }
    render()
    const done = (v: number[] | null) => {
      mask.remove()
      resolve(v)
    }
    cancel.addEventListener('click', () => done(null))
    ok.addEventListener('click', () => done(selected))
    sheet.append(bar, body)
    mask.appendChild(sheet)
    overlayRoot().appendChild(mask)
  })
}

// A full-screen simulated system page (face verification, call screen, image preview).
export function showScreen(cls: string): { root: HTMLElement; close: () => void } {
  const root = el('div', `sim-screen ${cls}`)
  overlayRoot().appendChild(root)
  return { root, close: () => root.remove() }
}

export { el as createElement }
