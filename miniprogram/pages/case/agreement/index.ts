import type { AgreementView } from '../../../../typings/api/signAgreement'
import { getAgreement, signAgreement, uploadSignature } from '../../../services/agreements'
import { newIntent, type Intent } from '../../../services/intent'
import { whoAmI } from '../../../services/profile'
import { showError, showSuccess } from '../../../utils/notify'
import { openCaseDocument } from '../../../utils/open-document'
import { listPatch } from './view-helpers'
import { agreementScreen, signatureCloudPath, type AgreementScreen } from './logic'

interface AgreementPageData {
  loading: boolean
  busy: boolean
  downloading: boolean
  /** Why there is nothing to show (no case id, no agreement yet); '' otherwise. */
  missing: string
  screen: AgreementScreen | null
  skeletonRows: unknown[]
}

// Held outside `data`: the page's case, the answer the user was shown (signing names its version
// and hash), the upload prefix, and one intent per signing attempt reused only on retries.
let caseId = ''
let shown: AgreementView | undefined
let storagePrefix = ''
let signIntent: Intent | undefined

const INITIAL_DATA: AgreementPageData = {
  loading: true,
  busy: false,
  downloading: false,
  missing: '',
  screen: null,
  skeletonRows: [{ width: '100%', height: '160rpx' }, 1, 1, 1, 1],
}

Page({
  data: INITIAL_DATA,

  onLoad(query: Record<string, string | undefined>) {
    caseId = query['caseId'] ?? ''
    shown = undefined
    signIntent = undefined
    if (!caseId) {
      this.setData({ loading: false, missing: '未找到该案件，请从案件详情进入' })
      return
    }
    void this.load()
  },

  onShow() {
    // Others sign on their own phones: coming back to the page shows where signing stands.
    if (shown && !this.data.busy) void this.load()
  },

  async onPullDownRefresh() {
    if (caseId) await this.load()
    void wx.stopPullDownRefresh()
  },

  async load() {
    const [agreement, me] = await Promise.all([
      getAgreement(caseId),
      storagePrefix ? Promise.resolve(undefined) : whoAmI(),
    ])
    if (me?.ok) storagePrefix = me.data.storagePrefix
    if (!agreement.ok) {
      if (agreement.error.code === 'NO_AGREEMENT')
        this.setData({ loading: false, missing: '调解员尚未拟定调解协议' })
      else {
        this.setData({ loading: false })
        showError(this, agreement.error.message)
      }
      return
    }
    this.show(agreement.data)
  },

  show(view: AgreementView) {
    shown = view
    const next = agreementScreen(view, Date.now())
    const prev = this.data.screen
    if (!prev) {
      this.setData({ loading: false, missing: '', screen: next })
      return
    }
    const { terms, signers, ...rest } = next
    const patch: Record<string, unknown> = {
      ...listPatch('screen.terms', prev.terms, terms),
      ...listPatch('screen.signers', prev.signers, signers),
    }
    for (const [k, v] of Object.entries(rest)) {
      if (prev[k as keyof typeof rest] !== v) patch[`screen.${k}`] = v
    }
    if (Object.keys(patch).length) this.setData(patch)
  },

  onSignatureError(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    showError(this, e.detail.message)
  },

  async onSignatureConfirm(e: WechatMiniprogram.CustomEvent<{ tempFilePath: string }>) {
    const view = shown
    if (this.data.busy || !view) return
    if (!storagePrefix) {
      showError(this, '暂时无法上传签名，请下拉刷新后重试')
      return
    }
    signIntent = signIntent ?? newIntent()
    this.setData({ busy: true })
    const uploaded = await uploadSignature(
      signatureCloudPath(storagePrefix, caseId, Date.now()),
      e.detail.tempFilePath,
    )
    if (!uploaded.ok) {
      this.setData({ busy: false })
      showError(this, uploaded.error.message)
      return
    }
    const res = await signAgreement(view, uploaded.data.fileId, signIntent)
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      if (res.error.code !== 'NETWORK') signIntent = undefined
      // The text changed or someone signed meanwhile: show the current version to read again.
      if (
        ['STALE_REVISION', 'HASH_MISMATCH', 'ALREADY_SIGNED', 'NOT_SIGNING'].includes(
          res.error.code,
        )
      )
        void this.load()
      return
    }
    signIntent = undefined
    showSuccess(this, res.data.effective ? '签署完成，调解协议已生效' : '签署成功，待其他各方签署')
    this.show(res.data.agreement)
  },

  async onDownloadTap() {
    if (this.data.downloading) return
    this.setData({ downloading: true })
    const res = await openCaseDocument(caseId, 'agreement')
    this.setData({ downloading: false })
    if (!res.ok) showError(this, res.message)
  },

  onConfirmationTap() {
    void wx.navigateTo({ url: `/pages/case/confirmation/index?caseId=${caseId}` })
  },

  onDocumentTap() {
    void wx.navigateTo({ url: `/pages/case/document/index?caseId=${caseId}` })
  },
})
