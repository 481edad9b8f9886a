import { existsSync, readFileSync } from 'node:fs'
import { TmplGroup } from 'glass-easel-template-compiler'
import { transformWxs } from './wxs'

// All WXML and WXS go into one template-compiler group: `<import>`/`<include>` and `<wxs src>`
// are resolved by the group itself, so every dependency must be added before generation.

interface TemplateWarning {
  isError: boolean
  message: string
  path: string
  startLine: number
  startColumn: number
}

// The compiler calls Q.A for every `change:prop` listener and Q.C around every event listener;
// the runtime's WXS event-response layer installs the hooks on globalThis.
const EXTRA_RUNTIME =
  'Q.A=function(l,p){var h=globalThis.__simWxsHooks;return h?h.changeProp(l,p):l};' +
  'Q.C=function(m,e,f,p){var h=globalThis.__simWxsHooks;return h?h.listener(m,e,f,p):f.apply(m,[e])};'

export interface TemplateResult {
  code: string
  errors: string[]
  warnings: string[]
  files: string[]
}

export function compileTemplates(
  entries: readonly string[],
  physical: (virtualPath: string) => string,
  inline: Record<string, string> = {},
): TemplateResult {
  const group = new TmplGroup()
  const errors: string[] = []
  const warnings: string[] = []
  const files: string[] = []
  const added = new Set<string>()
  const scripts = new Set<string>()
  try {
    const addScript = (p: string) => {
      if (scripts.has(p)) return
      scripts.add(p)
      const file = physical(p) + '.wxs'
      if (!existsSync(file)) {
        errors.push(`找不到 WXS 文件：${p}.wxs`)
        return
      }
      files.push(file)
      try {
        group.addScript(p, transformWxs(readFileSync(file, 'utf8'), file))
      } catch (e) {
        errors.push((e as Error).message)
      }
    }
    const addTemplate = (p: string) => {
      if (added.has(p)) return
      added.add(p)
      const file = physical(p) + '.wxml'
      if (!existsSync(file)) {
        errors.push(`找不到 WXML 文件：${p}.wxml`)
        return
      }
      files.push(file)
      const result = group.addTmpl(p, readFileSync(file, 'utf8')) as TemplateWarning[]
      for (const w of result ?? []) {
        const line = `${w.path}.wxml:${w.startLine + 1}:${w.startColumn + 1} ${w.message}`
        if (w.isError) errors.push(line)
        else warnings.push(line)
      }
      for (const name of group.getInlineScriptModuleNames(p) as string[]) {
        try {
          const src = group.getInlineScript(p, name)
          group.setInlineScript(p, name, transformWxs(src, `${file}#${name}`))
        } catch (e) {
          errors.push((e as Error).message)
        }
      }
      for (const dep of group.getDirectDependencies(p) as string[]) addTemplate(dep)
      for (const dep of group.getScriptDependencies(p) as string[]) addScript(dep)
    }
    for (const [p, src] of Object.entries(inline)) {
      added.add(p)
      for (const w of (group.addTmpl(p, src) as TemplateWarning[]) ?? []) {
        ;(w.isError ? errors : warnings).push(`${p}: ${w.message}`)
      }
    }
    for (const e of entries) addTemplate(e)
    group.setExtraRuntimeScript(EXTRA_RUNTIME)
    return { code: group.getTmplGenObjectGroups(), errors, warnings, files }
  } finally {
    group.free()
  }
}
