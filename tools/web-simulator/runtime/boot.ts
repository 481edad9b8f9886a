import { glassEasel, MiniProgramEnv, type CodeSpace } from 'glass-easel-miniprogram-adapter'
import { diagnostics, installGlobalErrorCapture, recordError } from './diagnostics'
import { forwardBackendEvents, emulateTouchWithMouse } from './events'
import { installNativeAttributes } from './native-attrs'
import { installWxsHooks, installWxsRuntime } from './wxs-instance'
import { BUILTINS } from './builtins'
import { defineBuiltins, exposeBuiltins } from './builtins/define'
import { formFields, componentField } from './builtins/form-fields'
import { Chrome, type WindowConfig } from './chrome'
import { Router, type AppShape } from './router'
import { sim } from './context'
import { AppInstance } from './app-instance'
import { createWx } from './wx'
import { agreePrivacy } from './wx/platform'
import { showToast } from './ui/overlay'
import { session } from './session'
import { installSetDataMeter } from './setdata-meter'
// The automator bridge's in-browser half (window.__automation); inert until a driver calls it.
import './automation'

// Boot order follows WeChat: builtins (global code space) → app code space with every
// component's JSON, template and style → app.js (App(), onLaunch, onShow) → every page and
// component module → the first page (or the page named in the URL hash).

interface ComponentEntry {
  path: string
  isPage: boolean
  config: Record<string, unknown>
  scope: string | null
  hasTemplate: boolean
  load: (() => unknown) | null
}

export interface BootBundle {
  app: AppShape & { pages: string[]; entryPagePath?: string; [k: string]: unknown }
  pages: string[]
  templates: Record<string, (name: string) => unknown>
  components: ComponentEntry[]
  styles: Record<string, string>
  loadApp: (() => unknown) | null
}

type Def = Record<string, unknown> & { behaviors?: unknown[] }
type AnyFn = (...a: unknown[]) => unknown
type EnvFns = { Page: AnyFn; Component: AnyFn; Behavior: AnyFn & { trait: AnyFn } }

function stringBehaviors(cs: CodeSpace): Record<string, unknown> {
  const empty = () => cs.behavior().definition({}).register()
  const formField = cs
    .behavior()
    .definition({
      properties: { name: { type: String, value: '' }, value: { type: null, value: null } },
      lifetimes: {
        attached(this: Record<string, unknown>) {
          const f = componentField(this as never)
          this['__simField'] = f
          formFields.add(f)
        },
        detached(this: Record<string, unknown>) {
          formFields.delete(this['__simField'] as never)
        },
      },
    })
    .register()
  return {
    'wx://form-field': formField,
    'wx://form-field-group': empty(),
    'wx://form-field-button': empty(),
    'wx://component-export': empty(),
    'wx://proxy-scroll-view': empty(),
  }
}

function readyBehavior(cs: CodeSpace): glassEasel.GeneralBehavior {
  // glass-easel never fires `ready`; WeChat fires it after layout, children before parents.
  let batch: glassEasel.GeneralComponent[] = []
  const flush = () => {
    const list = batch.reverse()
    batch = []
    for (const c of list) {
      try {
        c.triggerLifetime('ready', [])
      } catch (e) {
        recordError(`${c.is}.ready`, e)
      }
    }
  }
  return cs.getComponentSpace().defineBehavior({
    lifetimes: {
      attached(this: unknown) {
        const self = this as { _$?: glassEasel.GeneralComponent }
        const comp = self._$ ?? (this as glassEasel.GeneralComponent)
        if (batch.length === 0) void Promise.resolve().then(flush)
        batch.push(comp)
      },
    },
  } as never)
}

function defineInEnv(
  cs: CodeSpace,
  entry: ComponentEntry,
  behaviors: Record<string, unknown>,
): void {
  const fix = (def: unknown): unknown => {
    if (!def || typeof def !== 'object') return def
    const d = def as Def
    if (!Array.isArray(d.behaviors)) return d
    return {
      ...d,
      behaviors: d.behaviors.map((b) => {
        if (typeof b !== 'string') return b
        const found = behaviors[b]
        if (found) return found
        if (!diagnostics.unimplemented.includes(b)) diagnostics.unimplemented.push(b)
        throw new Error(`模拟器尚未实现内置 behavior ${b}（${entry.path}）`)
      }),
    }
  }
  const g = window as unknown as Record<string, unknown>
  cs.componentEnv(entry.path, (env) => {
    const e = env as unknown as EnvFns
    const saved = [g['Page'], g['Component'], g['Behavior']]
    g['Page'] = (def: unknown) => e.Page(fix(def))
    g['Component'] = (def?: unknown) => (def === undefined ? e.Component() : e.Component(fix(def)))
    g['Behavior'] = Object.assign(
      (def?: unknown) => (def === undefined ? e.Behavior() : e.Behavior(fix(def))),
      {
        trait: e.Behavior.trait,
      },
    )
    try {
      entry.load?.()
    } catch (err) {
      recordError(`加载 ${entry.path}`, err)
    } finally {
      ;[g['Page'], g['Component'], g['Behavior']] = saved
    }
  })
}

function dedupeStyleSheets(backend: glassEasel.CurrentWindowBackendContext): void {
  const seen = new Map<string, number>()
  const append = backend.appendStyleSheetPath.bind(backend)
  backend.appendStyleSheetPath = (path: string, scope?: number) => {
    const key = `${path}|${String(scope)}`
    const prev = seen.get(key)
    if (prev !== undefined) return prev
    const id = append(path, scope)
    seen.set(key, id)
    return id
  }
}

function handleOpenTypeButtons(): void {
  document.addEventListener('click', (ev) => {
    const btn = (ev.target as Element | null)?.closest?.('button[open-type]')
    if (!btn || (btn as HTMLButtonElement).disabled) return
    const type = btn.getAttribute('open-type') ?? ''
    if (!type) return
    const wxEl = (btn as unknown as { __wxElement?: glassEasel.Element }).__wxElement
    const page = sim.router?.current()
    if (type === 'share') {
      const dataset = (wxEl as unknown as { dataset?: Record<string, unknown> })?.dataset ?? {}
      const res = page?.call('onShareAppMessage', {
        from: 'button',
        target: { dataset },
        webViewUrl: '',
      }) as { title?: string; path?: string } | undefined
      diagnostics.shares.push({
        route: page?.route ?? '',
        title: res?.title ?? '',
        path: res?.path ?? '',
      })
      showToast(
        {
          title: `已转发：${res?.title ?? page?.title ?? ''}`,
          icon: 'none',
          duration: 1500,
          mask: false,
        },
        'toast',
      )
    } else if (type === 'agreePrivacyAuthorization') {
      agreePrivacy(btn.id || undefined)
      if (wxEl) glassEasel.triggerEvent(wxEl, 'agreeprivacyauthorization', {}, { bubbles: false })
    } else {
      const api = `button[open-type=${type}]`
      if (!diagnostics.unimplemented.includes(api)) diagnostics.unimplemented.push(api)
      recordError('button', new Error(`模拟器尚未实现 ${api}`))
    }
  })
}

function routeFromHash(pages: readonly string[]): string | null {
  const m = /^#\/?(.+)$/.exec(location.hash)
  if (!m) return null
  const url = decodeURIComponent(m[1]!)
  const route = url.split('?')[0]!
  return pages.includes(route) ? url : null
}

export function boot(bundle: BootBundle): void {
  installGlobalErrorCapture()
  diagnostics.setData = installSetDataMeter()
  // Element ids become `exparser:info-attr-id` attributes, so tests and DevTools-style
  // inspection can find nodes by their WXML id.
  glassEasel.globalOptions.writeExtraInfoToAttr = true
  installWxsRuntime()
  installWxsHooks()
  installNativeAttributes()
  if (navigator.maxTouchPoints === 0) emulateTouchWithMouse()
  glassEasel.addGlobalErrorListener((err) => {
    recordError('glass-easel', err)
    return false
  })
  glassEasel.addGlobalWarningListener((msg) => {
    diagnostics.warnings.push(String(msg))
    return false
  })

  const env = new MiniProgramEnv()
  const global = env.getGlobalCodeSpace()
  defineBuiltins(global, BUILTINS, bundle.templates)
  const cs = env.createCodeSpace('', true)
  exposeBuiltins(global, cs, BUILTINS)
  const behaviors = stringBehaviors(cs)
  cs.setOverallBehavior(readyBehavior(cs))

  const backend = new glassEasel.CurrentWindowBackendContext()
  dedupeStyleSheets(backend)
  forwardBackendEvents(backend)
  const ab = env.associateBackend(backend)
  for (const [path, css] of Object.entries(bundle.styles)) ab.registerStyleSheetContent(path, css)
  if (bundle.styles['app'] !== undefined) cs.addStyleSheet('app', 'app')
  const pageConfigs: Record<string, WindowConfig> = {}
  for (const c of bundle.components) {
    cs.addComponentStaticConfig(c.path, c.config)
    if (c.hasTemplate) {
      cs.addCompiledTemplate(c.path, {
        groupList: bundle.templates,
        content: bundle.templates[c.path],
        fallbackListenerOnNativeNode: true,
      } as never)
    }
    cs.addStyleSheet(
      c.path,
      bundle.styles[c.path] !== undefined ? c.path : undefined,
      c.scope ?? undefined,
    )
    if (c.isPage) pageConfigs[c.path] = c.config
  }

  const app = new AppInstance()
  app.tabBarNative = !!bundle.app.tabBar && !bundle.app.tabBar.custom
  sim.app = app
  const chrome = new Chrome(document.getElementById('sim-app') ?? document.body)
  const router = new Router(ab, cs, bundle.app, bundle.pages, pageConfigs, chrome)
  sim.router = router
  const wx = createWx()
  const g = window as unknown as Record<string, unknown>
  g['wx'] = wx
  g['getApp'] = () => app.instance
  g['getCurrentPages'] = () => router.stack.map((p) => p.caller)
  g['App'] = (def: Record<string, unknown>) => {
    app.instance = def
    if (!def['globalData']) def['globalData'] = {}
  }
  g['requirePlugin'] = (name: string) => {
    throw new Error(`模拟器不支持插件 requirePlugin('${name}')`)
  }
  g['__simControl'] = {
    router,
    wx,
    session,
    currentRoute: () => router.current()?.route ?? null,
    pageData: () => router.current()?.root.get().data ?? null,
    page: () => router.current()?.caller ?? null,
    background: (hidden: boolean) => {
      router.background(hidden)
      for (const fn of hidden ? app.onAppHide : app.onAppShow) fn({})
      const hook = app.instance[hidden ? 'onHide' : 'onShow']
      if (typeof hook === 'function') (hook as AnyFn).call(app.instance, {})
    },
  }
  chrome.onBack = () => void router.navigateBack(1).catch((e: unknown) => recordError('返回', e))
  handleOpenTypeButtons()

  const entryUrl = routeFromHash(bundle.pages) ?? bundle.app.entryPagePath ?? bundle.pages[0]
  if (!entryUrl) {
    recordError('boot', new Error('app.json 中没有页面'))
    return
  }
  chrome.onHome = () =>
    void router
      .reLaunch('/' + (bundle.app.entryPagePath ?? bundle.pages[0] ?? ''))
      .catch((e: unknown) => recordError('首页', e))
  const [entryRoute = '', entryQuery = ''] = entryUrl.split('?')
  const launch = {
    path: entryRoute,
    query: Object.fromEntries(new URLSearchParams(entryQuery)),
    scene: 1001,
    referrerInfo: {},
  }
  try {
    bundle.loadApp?.()
  } catch (e) {
    recordError('app.js', e)
  }
  for (const [hook, arg] of [
    ['onLaunch', launch],
    ['onShow', launch],
  ] as const) {
    const fn = app.instance[hook]
    if (typeof fn === 'function') {
      try {
        ;(fn as AnyFn).call(app.instance, arg)
      } catch (e) {
        recordError(`App.${hook}`, e)
      }
    }
  }
  // Leaves first, so every usingComponents target is registered before its user.
  for (const c of [...bundle.components].reverse()) defineInEnv(cs, c, behaviors)

  router
    .reLaunch('/' + entryUrl)
    .then(() => {
      diagnostics.booted = true
    })
    .catch((e: unknown) => recordError('启动页面', e))
  window.addEventListener('hashchange', () => {
    const url = routeFromHash(bundle.pages)
    const top = router.current()
    const current = top ? `${top.route}` : ''
    if (url && url.split('?')[0] !== current)
      void router.reLaunch('/' + url).catch((e: unknown) => recordError('hash', e))
  })
}
