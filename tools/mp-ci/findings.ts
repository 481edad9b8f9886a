// Turns what miniprogram-ci's offline checks answer into one table: each 代码质量 item, every
// module dependency the analyser could not resolve, and the project's own files that no page or
// component reaches (DevTools drops those on upload with 过滤无依赖文件).

export interface QualityItem {
  readonly name?: string
  readonly success?: boolean
  readonly text?: string
  readonly detail?: unknown
}

export interface AnalysedFile {
  readonly path: string
  readonly size: number
  readonly moduleId: string | null
}

export interface AnalysedModule {
  readonly id: string
  readonly deps?: readonly { readonly request: string; readonly error?: unknown }[]
}

export interface Analysis {
  readonly files?: readonly AnalysedFile[]
  readonly modules?: readonly AnalysedModule[]
}

export interface Finding {
  readonly check: string
  readonly passed: boolean
  /** Failing findings that make `mp:check` exit non-zero: they break the uploaded package. */
  readonly blocking: boolean
  readonly summary: string
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** Long lists name their first few entries; the count says how many there are. */
const LISTED = 8

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join('、')
  return items.length > LISTED ? `${shown} 等` : shown
}

function isSizes(detail: unknown): detail is Record<string, number> {
  return (
    typeof detail === 'object' &&
    detail !== null &&
    Object.values(detail).every((v) => typeof v === 'number')
  )
}

function isFileList(detail: unknown): detail is { size: number; files: string[] } {
  const d = detail as { size?: unknown; files?: unknown } | null
  return typeof d?.size === 'number' && Array.isArray(d.files)
}

function detailText(detail: unknown): string {
  if (isFileList(detail)) {
    return detail.files.length === 0
      ? ''
      : `${detail.files.length} 个文件，${kb(detail.size)}：${listed(detail.files)}`
  }
  if (Array.isArray(detail))
    return detail.length === 0 ? '' : `${detail.length} 项：${listed(detail.map(String))}`
  if (isSizes(detail)) {
    return Object.entries(detail)
      .map(([pkg, bytes]) => `${pkg === '__APP__' ? '主包' : pkg} ${kb(bytes)}`)
      .join('，')
  }
  return ''
}

/** Only the main package limit breaks an upload; the other items are advice. */
const BLOCKING_QUALITY = new Set(['PACKAGE_SIZE_LIMIT'])

export function qualityFindings(items: readonly QualityItem[]): Finding[] {
  return items.map((item) => {
    const name = item.name ?? '未命名检查'
    const passed = item.success === true
    const detail = detailText(item.detail)
    return {
      check: name,
      passed,
      blocking: !passed && BLOCKING_QUALITY.has(name),
      summary: [item.text ?? '', detail].filter(Boolean).join('；'),
    }
  })
}

export function analysisFindings(analysis: Analysis | undefined): Finding[] {
  if (!analysis) {
    return [{ check: 'ANALYSE_CODE', passed: false, blocking: true, summary: '依赖分析没有结果' }]
  }
  const unresolved = (analysis.modules ?? []).flatMap((m) =>
    (m.deps ?? []).filter((d) => d.error).map((d) => `${m.id} → ${d.request}`),
  )
  const unused = (analysis.files ?? []).filter(
    (f) => f.moduleId === null && !f.path.startsWith('miniprogram_npm/'),
  )
  return [
    {
      check: 'UNRESOLVED_DEPENDENCIES',
      passed: unresolved.length === 0,
      blocking: unresolved.length > 0,
      summary:
        unresolved.length === 0
          ? '所有模块依赖均可解析'
          : `${unresolved.length} 处依赖无法解析（上传时被依赖的文件会被过滤）：${listed(unresolved)}`,
    },
    {
      check: 'UNUSED_FILES',
      passed: unused.length === 0,
      blocking: false,
      summary:
        unused.length === 0
          ? '没有无依赖的文件'
          : `${unused.length} 个文件未被任何页面或组件引用，上传时过滤（${kb(
              unused.reduce((n, f) => n + f.size, 0),
            )}）：${listed(unused.map((f) => f.path))}`,
    },
  ]
}

/** A plain-text table: one finding a line, its summary wrapped to the terminal width. */
export function formatTable(findings: readonly Finding[]): string {
  const width = Math.max(...findings.map((f) => f.check.length), '检查项'.length)
  const head = `${'检查项'.padEnd(width)}  结果    说明`
  const lines = findings.map((f) => {
    const verdict = f.passed ? '通过  ' : f.blocking ? '不通过' : '提示  '
    return `${f.check.padEnd(width)}  ${verdict}  ${f.summary}`
  })
  return [head, '-'.repeat(head.length + 20), ...lines].join('\n')
}
