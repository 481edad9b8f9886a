// The documents the service generates for a case, as paragraphs for the PDF writer. Full names
// appear only here (inside the PDF the parties and staff download); screens show masked values.
// Identity numbers stay masked even inside the PDF, as on every shared copy of the agreement.
import { getDisputeType } from '../../miniprogram/core/catalogues/dispute-types'
import { agreementParty, type AgreementDoc } from './agreements'
import type { CaseDoc } from './cases'
import type { Paragraph, PdfDocumentSpec } from './pdf/pdf-writer'

const ROLE = { applicant: '申请人', respondent: '被申请人' } as const

/** `2026年12月1日` in Asia/Shanghai. */
export function chineseDate(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

function partyLines(doc: CaseDoc): Paragraph[] {
  const out: Paragraph[] = []
  for (const side of ['applicant', 'respondent'] as const) {
    const record = doc[side]
    if (!record) continue
    const p = agreementParty(side, record)
    const address = p.address ? `，住所：${p.address}` : ''
    out.push({ text: `${ROLE[side]}：${p.name}，${p.idTypeLabel}：${p.maskedIdNumber}${address}` })
  }
  return out
}

const title = (text: string): Paragraph => ({ text, size: 18, align: 'center', spaceBefore: 0 })
const heading = (text: string): Paragraph => ({ text, size: 12, spaceBefore: 10 })
const body = (text: string): Paragraph => ({ text, size: 11 })
const signOff = (text: string): Paragraph => ({ text, size: 11, align: 'right', spaceBefore: 8 })

/** The signed agreement: its exact text, with the hash that the signatures cover. */
export function agreementDocument(agreement: AgreementDoc): PdfDocumentSpec {
  const [first, ...rest] = agreement.text.split('\n')
  return {
    title: first ?? '人民调解协议书',
    paragraphs: [
      title(first ?? '人民调解协议书'),
      ...rest.map(body),
      heading('签署记录'),
      ...agreement.signerMeta.map((m) => {
        const s = agreement.signatures.find(
          (x) => x.signerId === m.id && x.revision === agreement.revision,
        )
        const who = m.role === 'mediator' ? '调解员' : ROLE[m.role]
        return body(`${who}：${s ? `已于 ${chineseDate(s.signedAt)} 电子签署` : '未签署'}`)
      }),
      body(`协议内容摘要（SHA-256）：${agreement.contentHash}`),
    ],
  }
}

export interface ApplicationFacts {
  readonly organisationName: string
  readonly courtName: string
  readonly courtBasisLabel: string
  readonly submittedAt: Date | string | null
}

export function confirmationRequestText(doc: CaseDoc, organisationName: string): string {
  const type = getDisputeType(doc.disputeType)
  const label = type.ok ? type.value.label : '民商事'
  return (
    `请求事项：请求人民法院确认申请人与被申请人于${organisationName}主持下达成的调解协议有效。\n` +
    `事实与理由：双方因${label}纠纷，经${organisationName}调解，于调解协议生效之日起三十日内共同申请司法确认。` +
    '双方确认协议系出于自愿，内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益，' +
    '并承诺所提供材料真实，不存在恶意串通、规避法律的情形。'
  )
}

/** 司法确认申请书 (民诉法 第205条; 最高法《关于人民调解协议司法确认程序的若干规定》). */
export function confirmationApplication(
  doc: CaseDoc,
  agreement: AgreementDoc,
  facts: ApplicationFacts,
): PdfDocumentSpec {
  return {
    title: '司法确认申请书',
    paragraphs: [
      title('司法确认申请书'),
      ...partyLines(doc),
      ...confirmationRequestText(doc, facts.organisationName).split('\n').map(body),
      body(
        `调解协议：案件编号 ${doc.caseNumber ?? ''}，协议于 ${chineseDate(agreement.effectiveAt ?? new Date())} 生效，` +
          `内容摘要（SHA-256）${agreement.contentHash}。`,
      ),
      body(`管辖依据：${facts.courtBasisLabel}。`),
      body(`此致\n${facts.courtName}`),
      body(`（本申请经${facts.organisationName}提交，由其转交人民法院。）`),
      signOff('申请人、被申请人（电子签署）'),
      signOff(facts.submittedAt ? chineseDate(facts.submittedAt) : '（待双方共同申请后生效）'),
    ],
  }
}

/** 调解书: the settlement the organisation certifies, numbered WS…. */
export function mediationDocumentSpec(
  doc: CaseDoc,
  agreement: AgreementDoc,
  organisationName: string,
  documentNumber: string,
  issuedAt: Date,
): PdfDocumentSpec {
  const lines = agreement.text.split('\n')
  const termsFrom = lines.findIndex((l) => /协议内容|达成如下协议|协议如下/.test(l))
  const terms = termsFrom >= 0 ? lines.slice(termsFrom + 1) : lines.slice(1)
  return {
    title: '调解书',
    paragraphs: [
      title(organisationName),
      title('调解书'),
      { text: documentNumber, size: 11, align: 'right' },
      ...partyLines(doc),
      heading('纠纷事实'),
      body(agreement.facts),
      heading('调解结果'),
      ...terms.filter((l) => l.trim() !== '').map(body),
      body('本调解书经双方当事人签收后，即具有法律约束力。'),
      signOff(organisationName),
      signOff(chineseDate(issuedAt)),
    ],
  }
}
