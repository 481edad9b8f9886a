// The desktop shell: phone frames (375 × 812) and the "who am I" panel. `?as=<openid>` picks
// the user, `?dual=<openidA>,<openidB>` shows two phones side by side (e.g. a mediator and a
// party), `&page=<route>` opens every phone on that page.

interface ShellData {
  users: { openid: string; label: string }[]
  pages: string[]
}

const data = JSON.parse(document.getElementById('sim-shell-data')?.textContent ?? '{}') as ShellData
const params = new URLSearchParams(location.search)
const root = document.getElementById('sim-shell')!

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

function labelFor(openid: string): string {
  return data.users.find((u) => u.openid === openid)?.label ?? openid
}

function phone(openid: string, page: string): HTMLElement {
  const box = el('div', 'shell-phone')
  box.appendChild(el('div', 'shell-phone__who', `${labelFor(openid)} · ${openid}`))
  const frame = el('iframe', 'shell-phone__frame')
  frame.title = `${labelFor(openid)} 的手机`
  frame.src = `phone.html?openid=${encodeURIComponent(openid)}${page ? `#/${page}` : ''}`
  frame.width = '375'
  frame.height = '812'
  box.appendChild(frame)
  return box
}

function go(next: Record<string, string | null>): void {
  const p = new URLSearchParams(location.search)
  for (const [k, v] of Object.entries(next)) {
    if (v === null) p.delete(k)
    else p.set(k, v)
  }
  location.search = p.toString()
}

function panel(current: string[]): HTMLElement {
  const side = el('aside', 'shell-panel')
  side.appendChild(el('h1', 'shell-panel__title', '商会调解 · 模拟器'))
  side.appendChild(el('h2', 'shell-panel__h', '我是谁'))
  const list = el('div', 'shell-users')
  for (const u of data.users) {
    const b = el('button', `shell-user${current[0] === u.openid ? ' shell-user--on' : ''}`)
    b.append(el('span', 'shell-user__label', u.label), el('span', 'shell-user__id', u.openid))
    b.addEventListener('click', () => go({ as: u.openid, dual: null }))
    list.appendChild(b)
  }
  side.appendChild(list)
  side.appendChild(el('h2', 'shell-panel__h', '双人视图'))
  const a = el('select', 'shell-select')
  const b = el('select', 'shell-select')
  for (const u of data.users) {
    a.appendChild(new Option(u.label, u.openid, false, u.openid === current[0]))
    b.appendChild(
      new Option(u.label, u.openid, false, u.openid === (current[1] ?? data.users[1]?.openid)),
    )
  }
  const open = el('button', 'shell-dual', '并排打开')
  open.addEventListener('click', () => go({ dual: `${a.value},${b.value}`, as: null }))
  side.append(a, b, open)
  side.appendChild(el('h2', 'shell-panel__h', '页面'))
  const pages = el('select', 'shell-select')
  pages.appendChild(new Option('（首页）', ''))
  for (const p of data.pages) pages.appendChild(new Option(p, p, false, p === params.get('page')))
  pages.addEventListener('change', () => go({ page: pages.value || null }))
  side.appendChild(pages)
  return side
}

const dual = (params.get('dual') ?? '').split(',').filter(Boolean)
const who = dual.length ? dual : [params.get('as') ?? data.users[0]?.openid ?? 'o_party_applicant']
const page = params.get('page') ?? ''
root.appendChild(panel(who))
const stage = el('main', 'shell-stage')
for (const openid of who.slice(0, 2)) stage.appendChild(phone(openid, page))
root.appendChild(stage)
