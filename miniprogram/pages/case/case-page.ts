// What the case pages reached from 案件详情 (司法确认, 调解书) do alike: open for one case, refresh
// on pull, send each decision with the page busy under one retried intent, and open the case PDF.
import type { ApiResult } from '../../../typings/api/envelope'
import type { RenderKind } from '../../../typings/api/renderDocument'
import type { Intent } from '../../services/intent'
import { showError } from '../../utils/notify'
import { openCaseDocument } from '../../utils/open-document'
import { RetriedIntent } from '../../utils/retried-intent'

type PageInstance = WechatMiniprogram.Page.TrivialInstance

export const NO_CASE_TEXT = '未找到该案件，请从案件详情进入'

/** The case a page was opened for, and the decision being sent or retried. */
export class CasePage {
  caseId = ''
  private readonly decision = new RetriedIntent()

  /** Reads the case from the query; without one the page shows why and loads nothing. */
  open(page: PageInstance, query: Record<string, string | undefined>): boolean {
    this.caseId = query['caseId'] ?? ''
    this.decision.reset()
    if (this.caseId) return true
    page.setData({ loading: false, missing: NO_CASE_TEXT })
    return false
  }

  async refresh(load: () => Promise<void>): Promise<void> {
    if (this.caseId) await load()
    void wx.stopPullDownRefresh()
  }

  /** Sends one decision with the page busy (and `pending` naming it, when given); shows errors. */
  async send<T>(
    page: PageInstance,
    request: (intent: Intent) => Promise<ApiResult<T>>,
    pending?: string,
  ): Promise<ApiResult<T>> {
    page.setData(pending === undefined ? { busy: true } : { busy: true, pending })
    const res = await this.decision.send(request)
    page.setData(pending === undefined ? { busy: false } : { busy: false, pending: '' })
    if (!res.ok) showError(page, res.error.message)
    return res
  }

  async download(page: PageInstance, kind: RenderKind): Promise<void> {
    if (page.data['downloading']) return
    page.setData({ downloading: true })
    const res = await openCaseDocument(this.caseId, kind)
    page.setData({ downloading: false })
    if (!res.ok) showError(page, res.message)
  }
}
