import { documentStatus } from '../../../services/documents'
import { newIntent, type Intent } from '../../../services/intent'
import {
  issueDocument,
  processDocumentRequest,
  rejectDocumentRequest,
  uploadStaffFile,
} from '../../../services/org-review'
import { showError, showSuccess } from '../../../utils/notify'
import { openCaseDocument } from '../../../utils/open-document'
import { requireRole } from '../../../utils/require-role'
import { optionOf } from '../common'
import { documentPanel, documentRejectError, type DocumentPanel } from './logic'

type Step = 'process' | 'generate' | 'upload' | 'reject' | 'open'

let caseId = ''
let storagePrefix = ''
const intents: Partial<Record<Step, Intent>> = {}
const intentFor = (s: Step) => (intents[s] = intents[s] ?? newIntent())

interface UploadFile {
  url: string
  name?: string
  status?: string
}

Page({
  data: {
    state: 'loading',
    panel: null as DocumentPanel | null,
    busy: '',
    reason: '',
    reasonError: '',
    files: [] as UploadFile[],
  },
  async onLoad(options: Record<string, string | undefined>) {
    caseId = optionOf(options, 'id')
    for (const k of Object.keys(intents) as Step[]) delete intents[k]
    const me = await requireRole('staff')
    if (!me) return
    storagePrefix = me.storagePrefix
    await this.load()
  },
  async load() {
    const res = caseId ? await documentStatus(caseId) : null
    if (!res || !res.ok || !res.data) {
      if (res && !res.ok) showError(this, res.error.message)
      this.setData({ state: 'gone' })
      return
    }
    this.setData({ state: 'ready', panel: documentPanel(res.data) })
  },
  /** Runs one step with the buttons disabled; the answer is the request as it now is. */
  async run(
    step: Step,
    done: string,
    send: () => ReturnType<typeof issueDocument>,
  ): Promise<boolean> {
    if (this.data.busy) return false
    this.setData({ busy: step })
    const res = await send()
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return false
    }
    delete intents[step]
    showSuccess(this, done)
    this.setData({ panel: documentPanel(res.data) })
    return true
  },
  onProcessTap() {
    void this.run('process', '已开始办理，当事人将看到“办理中”', () =>
      processDocumentRequest(caseId, intentFor('process')),
    )
  },
  onGenerateTap() {
    void this.run('generate', '调解书已生成并出具', () =>
      issueDocument({ caseId, generate: true }, intentFor('generate')),
    )
  },
  async onDocumentAdd(e: WechatMiniprogram.CustomEvent<{ files: UploadFile[] }>) {
    const file = e.detail.files[0]
    if (!file || this.data.busy) return
    this.setData({ busy: 'upload', files: [{ ...file, status: 'loading' }] })
    const uploaded = await uploadStaffFile(storagePrefix, 'documents', file.url, file.name)
    this.setData({ busy: '' })
    if (!uploaded.ok) {
      this.setData({ files: [] })
      showError(this, uploaded.error.message)
      return
    }
    this.setData({ files: [{ ...file, status: 'done' }] })
    const issued = await this.run('upload', '调解书已出具', () =>
      issueDocument({ caseId, documentFileId: uploaded.data.fileId }, intentFor('upload')),
    )
    if (!issued) this.setData({ files: [] })
  },
  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reason: e.detail.value, reasonError: '' })
    delete intents.reject
  },
  onRejectTap() {
    const error = documentRejectError(this.data.reason)
    if (error) {
      this.setData({ reasonError: error })
      showError(this, error)
      return
    }
    const reason = this.data.reason.trim()
    void this.run('reject', '已不予出具，当事人将收到原因', () =>
      rejectDocumentRequest(caseId, reason, intentFor('reject')),
    )
  },
  async onOpenTap() {
    if (this.data.busy) return
    this.setData({ busy: 'open' })
    const opened = await openCaseDocument(caseId, 'mediation_document')
    this.setData({ busy: '' })
    if (!opened.ok) showError(this, opened.message)
  },
})
