// Pure view logic of the 调解协议 page: the agreement answer mapped to what the page shows
// (terms, who has signed, whether the caller signs now, the effective state and its window).
import { PERFORMANCE_METHOD_LABELS, formatAmount, formatDate } from '../../../core/agreement-text'
import type { AgreementStatus } from '../../../core/machines/agreement'
import type { AgreementView, SignerView } from '../../../../typings/api/signAgreement'
import { formatChinaTime, windowCountdown } from './view-helpers'

export interface TermRow {
  readonly label: string
  readonly value: string
}

export interface SignerRow {
  readonly role: SignerView['role']
  readonly title: string
  readonly note: string
  readonly signed: boolean
}

export interface AgreementScreen {
  readonly caseNumber: string
  readonly statusLabel: string
  readonly statusTheme: 'primary' | 'warning' | 'success'
  readonly versionText: string
  readonly hashText: string
  readonly text: string
  readonly terms: readonly TermRow[]
  readonly signers: readonly SignerRow[]
  readonly signedSummary: string
  /** The caller signs this version now: show the pad. */
  readonly canSign: boolean
  readonly effective: boolean
  readonly effectiveText: string
  readonly windowText: string
  readonly hint: string
}

const STATUS_THEMES: Readonly<Record<AgreementStatus, AgreementScreen['statusTheme']>> = {
  draft: 'warning',
  signing: 'primary',
  effective: 'success',
}

export function termRows(view: AgreementView): TermRow[] {
  const t = view.terms
  const rows: TermRow[] = [
    { label: '履行金额', value: t.amountFen > 0 ? `人民币 ${formatAmount(t.amountFen)} 元` : '无' },
    { label: '履行方式', value: PERFORMANCE_METHOD_LABELS[t.method] },
    { label: '履行地点', value: t.place },
    { label: '履行期限', value: `${formatDate(t.performanceDeadline)}前` },
    { label: '违约责任', value: t.breachClause },
    { label: '司法确认', value: t.applyForConfirmation ? '双方同意共同申请司法确认' : '未约定' },
  ]
  ;(t.otherTerms ?? []).forEach((term, i) => rows.push({ label: `其他约定 ${i + 1}`, value: term }))
  return rows
}

export function signerRows(signers: readonly SignerView[]): SignerRow[] {
  return signers.map((s) => ({
    role: s.role,
    title: `${s.roleLabel} ${s.maskedName}`,
    note: s.signed ? `已签署 ${formatChinaTime(s.signedAt)}`.trim() : '待签署',
    signed: s.signed,
  }))
}

function hintOf(view: AgreementView, canSign: boolean): string {
  if (view.status === 'draft') return '调解员正在拟定协议，发起签署后您可在此阅读并签字。'
  if (view.status === 'effective') return ''
  if (canSign)
    return `请完整阅读第 ${view.version} 版协议全文后手写签名；签名即表示您同意上述全部条款。`
  return '您已签署本协议，待其他各方签署后协议生效。'
}

export function agreementScreen(view: AgreementView, now: number): AgreementScreen {
  const canSign = view.status === 'signing' && view.mySignaturePending
  const signed = view.signers.filter((s) => s.signed).length
  const effective = view.status === 'effective'
  return {
    caseNumber: view.caseNumber,
    statusLabel: view.statusLabel,
    statusTheme: STATUS_THEMES[view.status],
    versionText: `第 ${view.version} 版`,
    hashText: view.hash.slice(0, 16).toUpperCase(),
    text: view.text,
    terms: termRows(view),
    signers: signerRows(view.signers),
    signedSummary: `已签署 ${signed}/${view.signers.length}`,
    canSign,
    effective,
    effectiveText: effective ? `协议已于 ${formatChinaTime(view.effectiveAt)} 生效` : '',
    windowText: effective ? windowCountdown(view.confirmationDeadline, now) : '',
    hint: hintOf(view, canSign),
  }
}

/** The cloud path of a signature image under the caller's private prefix. */
export function signatureCloudPath(storagePrefix: string, caseId: string, now: number): string {
  const safeCase = caseId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40)
  return `${storagePrefix}signatures/${safeCase}-${now.toString(36)}.png`
}
