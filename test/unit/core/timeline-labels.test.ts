import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CASE_EVENT_LABELS,
  NEUTRAL_EVENT_LABEL,
  caseEventLabel,
} from '../../../miniprogram/core/timeline-labels'

const root = join(__dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

/** String literals found in the `span` characters after each `call(` in `text`. */
function literalsAfter(text: string, call: string, span: number, pattern: RegExp): string[] {
  const found: string[] = []
  let at = text.indexOf(call)
  while (at >= 0) {
    const window = text.slice(at, at + span)
    for (const m of window.matchAll(pattern)) if (m[1]) found.push(m[1])
    at = text.indexOf(call, at + call.length)
  }
  return found
}

// The machines whose transitions the functions append to `case_events`, by event prefix.
const TIMELINE_MACHINES: Readonly<Record<string, string>> = {
  case: 'mediation-case.ts',
  agreement: 'agreement.ts',
  confirmation: 'judicial-confirmation.ts',
  document_request: 'document-request.ts',
}

function machineEventTypes(): string[] {
  return Object.entries(TIMELINE_MACHINES).flatMap(([prefix, file]) => {
    const text = readFileSync(join(root, 'miniprogram/core/machines', file), 'utf8')
    return [...text.matchAll(/\b(?:event|type): '([a-z_]+)'/g)].map((m) => `${prefix}.${m[1]}`)
  })
}

function writtenByFunctions(): string[] {
  return sources(join(root, 'cloudfunctions')).flatMap((file) => {
    const text = readFileSync(file, 'utf8')
    return [
      ...literalsAfter(text, 'addTimeline(tx', 400, /type: '([a-z_.]+)'/g),
      // appendCaseNote(tx, caseId, doc, type, …): the fourth argument
      ...[...text.matchAll(/appendCaseNote\(\s*[^,]+,\s*[^,]+,\s*[^,]+,\s*'([a-z_.]+)'/g)].map(
        (m) => m[1] ?? '',
      ),
      ...literalsAfter(text, 'noteCase(tx', 80, /'([a-z_.]+)'/g),
      ...literalsAfter(text, 'remind(doc', 120, /type: '([a-z_.]+)'/g),
    ]
  })
}

describe('case timeline labels', () => {
  it('labels every event type the machines record on a case', () => {
    const types = machineEventTypes()
    expect(types).toContain('confirmation.submitted_to_org')
    expect(types.filter((t) => !(t in CASE_EVENT_LABELS))).toEqual([])
  })

  it('labels every event type a cloud function appends to case_events directly', () => {
    const types = writtenByFunctions()
    expect(types).toEqual(
      expect.arrayContaining(['call.started', 'note.added', 'case.reinvited', 'invitation_lapsed']),
    )
    expect(types.filter((t) => !(t in CASE_EVENT_LABELS))).toEqual([])
  })

  it('gives every label in Chinese, never a code', () => {
    for (const label of Object.values(CASE_EVENT_LABELS))
      expect(label).toMatch(/^[\u4e00-\u9fff，、]+$/)
  })

  it('shows the confirmation steps of a settled case in Chinese', () => {
    expect(caseEventLabel('confirmation.submitted_to_org')).toBe('司法确认申请已提交调解组织')
    expect(caseEventLabel('confirmation.consented')).toBe('同意共同申请司法确认')
  })

  it('shows 案件进展 for a type it does not know yet', () => {
    expect(caseEventLabel('case.something_new')).toBe(NEUTRAL_EVENT_LABEL)
    expect(caseEventLabel('toString')).toBe('案件进展')
  })
})
