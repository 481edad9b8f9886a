import type { Page } from 'playwright-core'
import type { Arranger } from '../../../test/support/arrange-core'
import {
  MEDIATOR,
  PARTIES,
  PARTY_IDS,
  PARTY_NAMES,
  caseApplication,
} from '../../../test/support/arrange-core'
import type { EmulatorClient } from '../../../test/support/emulator-client'
import { wxmlTap as tap, wxmlWait } from './wxml'

// What `npm run screenshots` shows of the product: every page of app.json in its key states,
// each as the user who would see it, with data arranged through the real functions. Phases run
// in order against one seeded emulator; a phase's shots are taken before the next phase
// arranges more, so 首页 can be shown empty first and full later.

export const STAFF = 'o_staff_beijing'
/** Staff of another organisation, for the review claim. */
export const OTHER_STAFF = 'o_staff_shanghai'

export interface Shot {
  /** File name without `.png`: `<page>--<state>`. */
  name: string
  /** Page route with its query. */
  route: string
  /** The seeded user whose phone shows it. */
  as: string
  /** What the picture shows, for the index. */
  state: string
  /** A WXML selector that matches only once the page's data is there. */
  selector?: string
  /** Opened on its own by reLaunch, as a notice or an invitation opens it (not over 首页). */
  direct?: boolean
  /** Done after the page is ready (open a sheet, go to a step); then ready is awaited again. */
  act?: (page: Page, ready: () => Promise<void>) => Promise<void>
  /** What `act` must leave on the page: a WXML selector, or a DOM one for inside components. */
  actSelector?: string
  actDomSelector?: string
}

export interface ShotContext {
  client: EmulatorClient
  arrange: Arranger
}

export interface Phase {
  title: string
  arrange(ctx: ShotContext): Promise<Shot[]>
}

const visible = '.sim-page:visible'

const tapText = (text: string) => (page: Page) =>
  page.locator(visible).getByText(text, { exact: true }).first().click()

const openMore: Pick<Shot, 'act' | 'actDomSelector'> = {
  act: (p) => tap(p, '#more'),
  actDomSelector: '.t-action-sheet__list, .t-action-sheet__grid',
}

async function fillRespondent(page: Page, ready: () => Promise<void>): Promise<void> {
  const { respondent } = caseApplication()
  for (const [placeholder, value] of [
    ['与证件一致', respondent.name],
    ['用于通知对方参加调解', respondent.phone],
    ['省市区及详细地址', respondent.address],
  ] as const) {
    await page.locator(visible).getByPlaceholder(placeholder).first().fill(value)
  }
  await ready()
}

/**
 * Taps 下一步 `times` times (the draft holds every field, so each step validates), agreeing to
 * the privacy prompt 当事人 raises unless `keepPrompt` leaves it open on the last step.
 */
const nextSteps =
  (times: number, keepPrompt = false) =>
  async (page: Page, ready: () => Promise<void>) => {
    for (let i = 0; i < times; i += 1) {
      await tap(page, '#next')
      await wxmlWait(page, ['#step-parties', '#step-evidence', '#step-review'][i] ?? '')
      await ready()
      const agree = page.locator(visible).getByText('同意并继续', { exact: true }).first()
      if (!(keepPrompt && i === times - 1) && (await agree.isVisible())) {
        await agree.click()
        await ready()
      }
      // A server draft keeps no respondent contact details: type them as the applicant would.
      if (i === 0 && times > 1) await fillRespondent(page, ready)
    }
  }

const applicant = PARTIES.applicant
const respondent = PARTIES.respondent
const enterprise = PARTIES.enterprise
const stranger = PARTIES.stranger

export const PHASES: Phase[] = [
  {
    title: '种子数据（无人实名、无案件）',
    arrange: () =>
      Promise.resolve([
        { name: 'home--empty', route: 'pages/home/index', as: applicant, state: '未实名、无案件' },
        { name: 'messages--empty', route: 'pages/messages/index', as: applicant, state: '无消息' },
        {
          name: 'workbench--party',
          route: 'pages/workbench/index',
          as: applicant,
          state: '当事人（无工作台角色）',
        },
        { name: 'me--unverified', route: 'pages/me/index', as: applicant, state: '未实名' },
        {
          name: 'identity--unverified',
          route: 'pages/identity/index',
          as: applicant,
          state: '未实名',
        },
        {
          name: 'identity-manual--form',
          route: 'pages/identity/manual/index',
          as: applicant,
          state: '人工审核表单',
        },
        { name: 'privacy', route: 'pages/privacy/index', as: applicant, state: '隐私保护指引' },
        {
          name: 'mediation-apply--unverified',
          route: 'pages/mediation/apply/index',
          as: applicant,
          state: '未实名时先去认证',
        },
        {
          name: 'filing-apply--unverified',
          route: 'pages/filing/apply/index',
          as: applicant,
          state: '未实名',
        },
        {
          name: 'mediator-bind--form',
          route: 'pages/mediator/bind/index',
          as: stranger,
          state: '未绑定用户填写绑定码',
        },
      ]),
  },
  {
    title: '实名：张伟、王芳、李娜已认证，赵磊待人工审核；李娜存了一份完整草稿',
    async arrange({ client, arrange }) {
      await arrange.verifyParty(applicant)
      await arrange.verifyParty(respondent)
      await arrange.verifyParty(enterprise)
      const photos = {
        front: await arrange.uploadPrivateFile(stranger, 'identity/front.png'),
        back: await arrange.uploadPrivateFile(stranger, 'identity/back.png'),
        handheld: await arrange.uploadPrivateFile(stranger, 'identity/handheld.png'),
      }
      await client.ok(stranger, 'verifyIdentity', 'submitManual', {
        partyType: 'person',
        idType: 'resident_id',
        name: PARTY_NAMES[stranger],
        idNumber: PARTY_IDS[stranger],
        photos,
      })
      await client.ok(enterprise, 'mediationCase', 'saveDraft', caseApplication())
      const apply = { route: 'pages/mediation/apply/index', as: enterprise }
      return [
        {
          name: 'identity--verified',
          route: 'pages/identity/index',
          as: applicant,
          state: '已实名',
        },
        {
          name: 'identity--manual-pending',
          route: 'pages/identity/index',
          as: stranger,
          state: '人工审核中',
        },
        {
          name: 'mediation-apply--step-1',
          ...apply,
          state: '第 1 步 纠纷情况（恢复的草稿）',
          selector: '#step-case',
        },
        {
          name: 'mediation-apply--privacy',
          ...apply,
          state: '第 2 步 当事人：隐私保护提示',
          act: nextSteps(1, true),
          actDomSelector: `${visible} >> text=同意并继续`,
        },
        {
          name: 'mediation-apply--step-2',
          ...apply,
          state: '第 2 步 当事人',
          act: nextSteps(1),
          actSelector: '#step-parties',
        },
        {
          name: 'mediation-apply--step-3',
          ...apply,
          state: '第 3 步 证据',
          act: nextSteps(2),
          actSelector: '#step-evidence',
        },
        {
          name: 'mediation-apply--step-4',
          ...apply,
          state: '第 4 步 确认提交',
          act: nextSteps(3),
          actSelector: '#step-review',
        },
      ]
    },
  },
  {
    title: '案件与立案：各阶段各一件',
    async arrange({ client, arrange }) {
      const submitted = await arrange.arrangeCase('submitted')
      const chosen = await arrange.arrangeCase('mediator_chosen')
      const mediating = await arrange.arrangeCase('in_mediation')
      const signing = await arrange.arrangeCase('agreement_sent')
      const settled = await arrange.arrangeCase('settled')
      const documented = await arrange.arrangeCase('settled')
      const failed = await arrange.arrangeCase('failed')
      // 邀请 issues a new token when opened, so 王芳's landing is shot before it.
      const invite = await client.ok(applicant, 'mediationCase', 'invite', {
        caseId: submitted.caseId,
      })
      // 司法确认: the applicant initiates with the first court offered, the respondent consents.
      const preview = await client.ok(applicant, 'judicialConfirmation', 'preview', {
        caseId: settled.caseId,
      })
      const court = preview.courtOptions[0]
      if (!court) throw new Error('没有可选的人民法院')
      await client.ok(applicant, 'judicialConfirmation', 'initiate', {
        caseId: settled.caseId,
        courtBasis: court.bases[0] ?? 'party_domicile',
        courtName: court.courtName,
      })
      await client.ok(respondent, 'judicialConfirmation', 'consent', { caseId: settled.caseId })
      await client.ok(applicant, 'mediationDocument', 'apply', { caseId: documented.caseId })
      const filed = await arrange.arrangeFiling('submitted')
      const accepted = await arrange.arrangeFiling('accepted')
      const withdrawn = await arrange.arrangeFiling('submitted')
      await client.ok(applicant, 'withdrawCase', 'withdraw', {
        filingId: withdrawn.filingId,
        reason: '双方已自行和解',
      })
      const [pending] = await client.readCollection('identities', {
        openid: stranger,
        status: 'manual_pending',
      })
      const pendingId = pending?.['_id']
      const identityId = typeof pendingId === 'string' ? pendingId : ''
      const detail = (c: { caseId: string }) => `pages/case/detail/index?caseId=${c.caseId}`
      const filing = (f: { filingId: string }) => `pages/filing/detail/index?filingId=${f.filingId}`
      const mediators = `pages/mediation/mediators/index?caseId=${chosen.caseId}`
      return [
        {
          name: 'home--cases',
          route: 'pages/home/index',
          as: applicant,
          state: '调解标签：各阶段案件',
        },
        {
          name: 'home--filings',
          route: 'pages/home/index',
          as: applicant,
          state: '立案标签',
          act: tapText('立案'),
        },
        {
          name: 'home--respondent',
          route: 'pages/home/index',
          as: respondent,
          state: '被申请人看到的案件',
        },
        {
          name: 'messages--unread',
          route: 'pages/messages/index',
          as: applicant,
          state: '有未读消息',
        },
        { name: 'me--verified', route: 'pages/me/index', as: applicant, state: '已实名' },
        {
          name: 'mediation-respond',
          route: invite.sharePath.replace(/^\//, ''),
          as: respondent,
          state: '被申请人打开邀请',
        },
        {
          name: 'mediation-invite',
          route: `pages/mediation/invite/index?caseId=${submitted.caseId}`,
          as: applicant,
          state: '邀请被申请人',
        },
        {
          name: 'mediation-mediators--recommend',
          route: mediators,
          as: applicant,
          state: '推荐调解员',
        },
        {
          name: 'mediation-mediators--search',
          route: mediators,
          as: applicant,
          state: '搜索“王”',
          act: async (p, ready) => {
            await tapText('更多调解员')(p)
            await ready()
            const input = p.locator(visible).getByPlaceholder('输入姓名或拼音').first()
            await input.fill('王')
            await input.press('Enter')
          },
        },
        {
          name: 'mediation-mediator',
          route: `pages/mediation/mediator/index?caseId=${chosen.caseId}&mediatorId=${chosen.mediatorId}`,
          as: applicant,
          state: '调解员主页',
        },
        {
          name: 'case-detail--submitted',
          route: detail(submitted),
          as: applicant,
          state: '已提交',
        },
        {
          name: 'case-detail--submitted-more',
          route: detail(submitted),
          as: applicant,
          state: '已提交，更多操作',
          ...openMore,
        },
        {
          name: 'case-detail--in-mediation',
          route: detail(mediating),
          as: applicant,
          state: '调解中',
        },
        {
          name: 'case-detail--in-mediation-more',
          route: detail(mediating),
          as: applicant,
          state: '调解中，更多操作',
          ...openMore,
        },
        {
          name: 'case-detail--settled',
          route: detail(settled),
          as: applicant,
          state: '已达成协议',
        },
        {
          name: 'case-detail--settled-more',
          route: detail(settled),
          as: applicant,
          state: '已达成协议，更多操作',
          ...openMore,
        },
        { name: 'case-detail--failed', route: detail(failed), as: applicant, state: '调解不成' },
        {
          name: 'case-detail--failed-more',
          route: detail(failed),
          as: applicant,
          state: '调解不成，更多操作',
          ...openMore,
        },
        {
          name: 'case-agreement--unsigned',
          route: `pages/case/agreement/index?caseId=${signing.caseId}`,
          as: applicant,
          state: '待签署',
        },
        {
          name: 'case-agreement--signed',
          route: `pages/case/agreement/index?caseId=${settled.caseId}`,
          as: applicant,
          state: '三方已签署',
        },
        {
          name: 'case-confirmation',
          route: `pages/case/confirmation/index?caseId=${settled.caseId}`,
          as: applicant,
          state: '司法确认已提交工商联',
        },
        {
          name: 'case-document',
          route: `pages/case/document/index?caseId=${documented.caseId}`,
          as: applicant,
          state: '调解书已申请',
        },
        {
          name: 'filing-apply--direct',
          route: 'pages/filing/apply/index',
          as: applicant,
          state: '直接立案',
        },
        {
          name: 'filing-apply--from-case',
          route: `pages/filing/apply/index?caseId=${failed.caseId}`,
          as: applicant,
          state: '调解不成转立案（预填）',
        },
        { name: 'filing-detail--submitted', route: filing(filed), as: applicant, state: '已提交' },
        {
          name: 'filing-detail--accepted',
          route: filing(accepted),
          as: applicant,
          state: '已立案',
        },
        {
          name: 'filing-detail--withdrawn',
          route: filing(withdrawn),
          as: applicant,
          state: '已撤诉',
        },
        {
          name: 'workbench--mediator',
          route: 'pages/workbench/index',
          as: MEDIATOR,
          state: '调解员',
        },
        {
          name: 'mediator-bind--bound',
          route: 'pages/mediator/bind/index',
          as: MEDIATOR,
          state: '已绑定的调解员',
        },
        {
          name: 'mediator-cases--pending',
          route: 'pages/mediator/cases/index?tab=pending',
          as: MEDIATOR,
          state: '待受理',
        },
        {
          name: 'mediator-cases--active',
          route: 'pages/mediator/cases/index?tab=active',
          as: MEDIATOR,
          state: '调解中',
        },
        {
          name: 'mediator-cases--closed',
          route: 'pages/mediator/cases/index?tab=closed',
          as: MEDIATOR,
          state: '已结束',
        },
        {
          name: 'mediator-case',
          route: `pages/mediator/case/index?caseId=${mediating.caseId}`,
          as: MEDIATOR,
          state: '调解工作台（调解中）',
        },
        {
          name: 'mediator-agreement-editor',
          route: `pages/mediator/agreement-editor/index?caseId=${mediating.caseId}`,
          as: MEDIATOR,
          state: '起草调解协议',
        },
        {
          name: 'workbench--staff',
          route: 'pages/workbench/index',
          as: STAFF,
          state: '工商联工作人员',
        },
        {
          name: 'org-queue',
          route: 'pages/org/queue/index',
          as: STAFF,
          state: '待办（身份、立案、司法确认、调解书）',
        },
        {
          name: 'org-identity',
          route: `pages/org/identity/index?id=${identityId}`,
          as: STAFF,
          state: '身份人工审核（赵磊），已领取',
        },
        {
          // The review above is now claimed by STAFF: another organisation's reviewer sees who
          // holds it and no photo.
          name: 'org-identity--claimed',
          route: `pages/org/identity/index?id=${identityId}`,
          as: OTHER_STAFF,
          state: '他人审核中（无照片）',
          selector: '#claim-notice',
        },
        {
          // STAFF's phone is still on the review (leaving it would release the claim).
          name: 'org-queue--claimed',
          route: 'pages/org/queue/index',
          as: OTHER_STAFF,
          state: '他人正在审核的身份标记“审核中”',
        },
        {
          name: 'org-filing',
          route: `pages/org/filing/index?filingId=${filed.filingId}`,
          as: STAFF,
          state: '立案审查',
        },
        {
          name: 'org-confirmation',
          route: `pages/org/confirmation/index?id=${settled.caseId}`,
          as: STAFF,
          state: '司法确认待转交',
        },
        {
          name: 'org-document',
          route: `pages/org/document/index?id=${documented.caseId}`,
          as: STAFF,
          state: '调解书申请待处理',
        },
        {
          name: 'org-mediators',
          route: 'pages/org/mediators/index',
          as: STAFF,
          state: '调解员名册',
        },
        { name: 'org-stats', route: 'pages/org/stats/index', as: STAFF, state: '统计' },
      ]
    },
  },
  {
    title: '视频调解：调解员发起通话',
    async arrange({ client, arrange }) {
      const mediating = await arrange.arrangeCase('in_mediation')
      const call = await client.ok(MEDIATOR, 'videoMediation', 'start', {
        caseId: mediating.caseId,
        room: 'all',
      })
      return [
        {
          name: 'case-call',
          route: `pages/case/call/index?callId=${call.callId}`,
          // The mediator who started it is in the call: a party's phone would ring with the
          // invitation modal over the page.
          as: MEDIATOR,
          state: '视频调解通话中',
          direct: true,
          selector: '#members',
        },
      ]
    },
  },
]
