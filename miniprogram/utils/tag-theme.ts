// Status → TDesign tag theme for cases and filings, one mapping wherever a status tag is shown
// (首页, 案件详情, the mediator desk), so a status looks the same on every page.
import type { FilingStatus } from '../core/machines/filing'
import type { CaseStatus } from '../../typings/api/mediationCase'

/** TDesign tag themes the status tags use. */
export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger'

const CASE_THEMES: Readonly<Record<CaseStatus, TagTheme>> = {
  draft: 'default',
  submitted: 'primary',
  awaiting_respondent: 'warning',
  awaiting_mediator: 'warning',
  accepted: 'primary',
  mediating: 'primary',
  agreement_drafted: 'primary',
  signing: 'warning',
  settled: 'success',
  closed_without_agreement: 'danger',
}

const FILING_THEMES: Readonly<Record<FilingStatus, TagTheme>> = {
  draft: 'default',
  submitted: 'primary',
  accepted: 'success',
  rejected: 'danger',
  withdrawal_requested: 'warning',
  withdrawn: 'default',
}

export function caseTagTheme(status: string): TagTheme {
  return (CASE_THEMES as Record<string, TagTheme | undefined>)[status] ?? 'default'
}

export function filingTagTheme(status: string): TagTheme {
  return (FILING_THEMES as Record<string, TagTheme | undefined>)[status] ?? 'default'
}
