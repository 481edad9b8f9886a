// Payload schemas of mediationCase: every field bounded by core/limits, Chinese messages.
import {
  MAX_ADDRESS_LENGTH,
  MAX_AMOUNT_FEN,
  MAX_CLAIM_LENGTH,
  MAX_CLAIMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_EVIDENCE_FILES,
  MAX_PAGE_SIZE,
  MAX_REASON_LENGTH,
  MIN_AMOUNT_FEN,
} from '../../../miniprogram/core/limits'
import { CASE_STATUSES, type CaseStatus } from '../../../miniprogram/core/machines/mediation-case'
import { MEDIATION_MAX_TOTAL_DAYS } from '../../../miniprogram/core/deadlines'
import { docId, fileId, int, list, obj, oneOf, opt, text, bool } from '../../_shared'

export const ID_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'hk_mo_travel_permit',
  'tw_travel_permit',
  'passport',
  'foreign_permanent_resident',
] as const

const REGION_CODE = /^[1-9]\d{5}$/

export const regionSchema = obj({
  provinceCode: text('所在省份', {
    max: 6,
    pattern: REGION_CODE,
    patternMessage: '省份代码不正确',
  }),
  cityCode: text('所在城市', { max: 6, pattern: REGION_CODE, patternMessage: '城市代码不正确' }),
})

export const respondentSchema = obj({
  partyType: oneOf('被申请人类型', ['person', 'enterprise']),
  name: text('被申请人名称', { max: 60 }),
  phone: text('被申请人手机号', { max: 20 }),
  idType: opt(oneOf('被申请人证件类型', ID_TYPES)),
  idNumber: opt(text('被申请人证件号码', { max: 32 })),
  uscc: opt(text('统一社会信用代码', { max: 18 })),
  address: text('被申请人地址', { max: MAX_ADDRESS_LENGTH }),
})

export const evidenceSchema = obj({
  fileId: fileId('证据文件'),
  name: text('证据名称', { max: 60 }),
  kind: oneOf('证据类型', ['image', 'document']),
})

const fields = {
  disputeType: text('纠纷类型', { max: 40 }),
  description: text('纠纷描述', { max: MAX_DESCRIPTION_LENGTH }),
  amountFen: int('争议金额', { min: MIN_AMOUNT_FEN, max: MAX_AMOUNT_FEN }),
  claims: list('调解请求', text('调解请求', { max: MAX_CLAIM_LENGTH }), {
    min: 1,
    max: MAX_CLAIMS,
  }),
  evidence: list('证据', evidenceSchema, { max: MAX_EVIDENCE_FILES }),
  respondent: respondentSchema,
  region: regionSchema,
}

const draftFields = {
  disputeType: opt(fields.disputeType),
  description: opt(fields.description),
  amountFen: opt(fields.amountFen),
  claims: opt(list('调解请求', text('调解请求', { max: MAX_CLAIM_LENGTH }), { max: MAX_CLAIMS })),
  evidence: opt(fields.evidence),
  // A draft may hold a half-filled respondent; it is validated in full on submit.
  respondent: opt(
    obj({
      partyType: opt(respondentSchema.entries.partyType),
      name: opt(respondentSchema.entries.name),
      phone: opt(respondentSchema.entries.phone),
      idType: respondentSchema.entries.idType,
      idNumber: respondentSchema.entries.idNumber,
      uscc: respondentSchema.entries.uscc,
      address: opt(respondentSchema.entries.address),
    }),
  ),
  region: opt(fields.region),
}

const caseId = docId('案件编号')
const reason = (label: string) => text(label, { max: MAX_REASON_LENGTH })

export const schemas = {
  saveDraft: obj({ caseId: opt(caseId), ...draftFields }),
  submit: obj({ caseId: opt(caseId), ...fields }),
  caseRef: obj({ caseId }),
  join: obj({
    token: text('邀请码', {
      max: 64,
      pattern: /^[A-Za-z0-9_-]{16,64}$/,
      patternMessage: '邀请链接无效',
    }),
    phone: opt(text('手机号', { max: 20 })),
  }),
  respond: obj({ caseId, agree: bool('是否同意调解'), reason: opt(reason('拒绝原因')) }),
  withdraw: obj({ caseId, reason: reason('撤回原因') }),
  end: obj({ caseId, reason: reason('终止原因') }),
  requestExtension: obj({
    caseId,
    days: int('延长天数', { min: 1, max: MEDIATION_MAX_TOTAL_DAYS }),
  }),
  consentExtension: obj({ caseId, agree: bool('是否同意延长') }),
  listMine: obj({
    role: oneOf('身份', ['applicant', 'respondent', 'any']),
    status: opt(
      oneOf('案件状态', CASE_STATUSES as unknown as readonly [CaseStatus, ...CaseStatus[]]),
    ),
    page: opt(int('页码', { min: 1, max: 200 })),
    pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
  }),
  rate: obj({
    caseId,
    score: int('满意度', { min: 1, max: 5 }),
    comment: opt(text('评价', { max: MAX_REASON_LENGTH, min: 0 })),
  }),
}
