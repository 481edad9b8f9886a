// 选择TA ends the same way from the recommendation list and from a mediator's profile: the
// confirmed choice is sent under one retried intent, and the case detail replaces the page.
import { chooseMediator } from '../../services/mediators'
import { showError } from '../../utils/notify'
import { RetriedIntent } from '../../utils/retried-intent'
import { caseDetailUrl } from './mediators/logic'

type PageInstance = WechatMiniprogram.Page.TrivialInstance

export class MediatorChoice {
  private readonly decision = new RetriedIntent()

  /** Sends the choice the user confirmed in the dialog, with the page showing `choosing`. */
  async confirm(page: PageInstance, caseId: string, mediatorId: string): Promise<void> {
    if (page.data['choosing']) return
    page.setData({ dialogVisible: false, choosing: true })
    const res = await this.decision.send((intent) => chooseMediator(caseId, mediatorId, intent))
    page.setData({ choosing: false })
    if (!res.ok) {
      showError(page, res.error.message)
      return
    }
    void wx.redirectTo({ url: caseDetailUrl(caseId) })
  }
}
