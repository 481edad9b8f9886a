import type { ApiResult } from '../../../../typings/api/envelope'
import type { DocumentRequestView } from '../../../../typings/api/mediationDocument'
import {
  applyForDocument,
  documentStatus,
  withdrawDocumentRequest,
} from '../../../services/documents'
import type { Intent } from '../../../services/intent'
import { showSuccess } from '../../../utils/notify'
import { CasePage } from '../case-page'
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

const opened = new CasePage()
let loaded = false

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
    loaded = false
    if (opened.open(this, query)) void this.load()
  },

  onShow() {
    // Staff issue the document from their desk: coming back shows the current status.
    if (loaded && !this.data.busy) void this.load()
  },

  async onPullDownRefresh() {
    await opened.refresh(() => this.load())
  },

  async load() {
    const res = await documentStatus(opened.caseId)
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
    await this.run((i) => applyForDocument(opened.caseId, i), '已提交申请，请等待调解组织办理')
  },

  onWithdrawTap() {
    this.setData({ withdrawVisible: true })
  },

  onWithdrawCancel() {
    this.setData({ withdrawVisible: false })
  },

  async onWithdrawConfirm() {
    this.setData({ withdrawVisible: false })
    await this.run((i) => withdrawDocumentRequest(opened.caseId, i), '已撤回申请')
  },

  async run(send: (i: Intent) => Promise<ApiResult<DocumentRequestView>>, done: string) {
    if (this.data.busy) return
    const res = await opened.send(this, send)
    if (!res.ok) {
      // The other party applied meanwhile: show that request instead of a stale 申请 button.
      if (res.error.code === 'ALREADY_APPLIED') void this.load()
      return
    }
    showSuccess(this, done)
    this.show(res.data)
  },

  async onDownloadTap() {
    await opened.download(this, 'mediation_document')
  },
})
