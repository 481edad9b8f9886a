import type { DocumentRequestView } from '../../../../typings/api/mediationDocument'
import {
  applyForDocument,
  documentStatus,
  withdrawDocumentRequest,
} from '../../../services/documents'
import { newIntent, type Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import { openCaseDocument } from '../../../utils/open-document'
import { documentScreen, type DocumentScreen } from './logic'

interface DocumentPageData {
  loading: boolean
  busy: boolean
  downloading: boolean
  missing: string
  screen: DocumentScreen | null
  withdrawVisible: boolean
  skeletonRows: unknown[]
}

let caseId = ''
let loaded = false
// Kept only while the same tap is retried after a network error.
let intent: Intent | undefined

const INITIAL_DATA: DocumentPageData = {
  loading: true,
  busy: false,
  downloading: false,
  missing: '',
  screen: null,
  withdrawVisible: false,
  skeletonRows: [{ width: '100%', height: '160rpx' }, 1, 1],
}

Page({
  data: INITIAL_DATA,

  onLoad(query: Record<string, string | undefined>) {
    caseId = query['caseId'] ?? ''
    loaded = false
    intent = undefined
    if (!caseId) {
      this.setData({ loading: false, missing: '未找到该案件，请从案件详情进入' })
      return
    }
    void this.load()
  },

  onShow() {
    // Staff issue the document from their desk: coming back shows the current status.
    if (loaded && !this.data.busy) void this.load()
  },

  async onPullDownRefresh() {
    if (caseId) await this.load()
    void wx.stopPullDownRefresh()
  },

  async load() {
    const res = await documentStatus(caseId)
    if (!res.ok) {
      this.setData({ loading: false, missing: res.error.message })
      return
    }
    loaded = true
    this.show(res.data)
  },

  show(view: DocumentRequestView | null) {
    this.setData({ loading: false, missing: '', screen: documentScreen(view) })
  },

  async onApplyTap() {
    await this.run((i) => applyForDocument(caseId, i), '已提交申请，请等待调解组织办理')
  },

  onWithdrawTap() {
    this.setData({ withdrawVisible: true })
  },

  onWithdrawCancel() {
    this.setData({ withdrawVisible: false })
  },

  async onWithdrawConfirm() {
    this.setData({ withdrawVisible: false })
    await this.run((i) => withdrawDocumentRequest(caseId, i), '已撤回申请')
  },

  async run(
    send: (
      i: Intent,
    ) => Promise<
      | { ok: true; data: DocumentRequestView }
      | { ok: false; error: { code: string; message: string } }
    >,
    done: string,
  ) {
    if (this.data.busy) return
    intent = intent ?? newIntent()
    this.setData({ busy: true })
    const res = await send(intent)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') intent = undefined
      showError(this, res.error.message)
      // The other party applied meanwhile: show that request instead of a stale 申请 button.
      if (res.error.code === 'ALREADY_APPLIED') void this.load()
      return
    }
    intent = undefined
    showSuccess(this, done)
    this.show(res.data)
  },

  async onDownloadTap() {
    if (this.data.downloading) return
    this.setData({ downloading: true })
    const res = await openCaseDocument(caseId, 'mediation_document')
    this.setData({ downloading: false })
    if (!res.ok) showError(this, res.message)
  },
})
