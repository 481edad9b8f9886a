import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { byId, diagnostics, galleryRoot, pageData, settle, startSim, type Sim } from './harness'

// Taps, typing and overlays go through the real tdesign components: the handler runs, setData
// re-renders, and what the user sees changes.

let sim: Sim

beforeAll(async () => {
  sim = await startSim(galleryRoot, 'gallery-interaction')
})

afterAll(async () => {
  await sim?.close()
})

const visible = (page: Page) => page.locator('.sim-page:visible')

async function noErrors(page: Page): Promise<void> {
  const d = await diagnostics(page)
  expect(d.errors).toEqual([])
  expect(d.unimplemented).toEqual([])
}

describe('display page', () => {
  it('tapping a t-button runs the handler and re-renders', async () => {
    const page = await sim.open('pages/display/index')
    await visible(page).locator('button', { hasText: '点击 0' }).click()
    await settle(page)
    await expect(visible(page).locator(byId('tap-count')).innerText()).resolves.toBe('已点击 1 次')
    await expect(visible(page).locator('button', { hasText: '点击 1' }).count()).resolves.toBe(1)
    expect((await pageData<{ taps: number }>(page)).taps).toBe(1)
    await noErrors(page)
    await page.close()
  })

  it('rate, collapse, swiper and scroll-view respond', async () => {
    const page = await sim.open('pages/display/index')
    const v = visible(page)
    await v.locator('[class*="t-rate__icon"]').nth(4).click()
    await settle(page)
    expect((await pageData<{ rate: number }>(page)).rate).toBe(5)
    await v.getByText('调解须知').click()
    await page.waitForTimeout(450)
    expect((await pageData<{ collapse: string[] }>(page)).collapse).toEqual(['notice'])
    const content = v.getByText('调解遵循自愿、合法原则。')
    expect((await content.boundingBox())?.height ?? 0).toBeGreaterThan(0)
    await v.locator('scroll-view').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.waitForTimeout(100)
    expect((await pageData<{ scrollLowerCount: number }>(page)).scrollLowerCount).toBe(1)
    const swiper = v.locator('swiper')
    await swiper.scrollIntoViewIfNeeded()
    const box = (await swiper.boundingBox())!
    await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await page.waitForTimeout(100)
    expect((await pageData<{ swiperCurrent: number }>(page)).swiperCurrent).toBe(1)
    expect((await pageData<{ imageLoaded: boolean }>(page)).imageLoaded).toBe(true)
    await noErrors(page)
    await page.close()
  })

  it('swipe-cell opens with a drag through its WXS handlers', async () => {
    const page = await sim.open('pages/display/index')
    const v = visible(page)
    const cell = v.getByText('左滑删除')
    await cell.scrollIntoViewIfNeeded()
    const box = (await cell.boundingBox())!
    await page.mouse.move(box.x + 200, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 8 })
    await page.mouse.up()
    await page.waitForTimeout(400)
    const del = v.getByText('删除', { exact: true })
    const delBox = (await del.boundingBox())!
    const cellBox = (await v.locator('swipe-cell, [class*="t-swipe-cell"]').first().boundingBox())!
    expect(delBox.x + delBox.width).toBeLessThanOrEqual(cellBox.x + cellBox.width + 1)
    await noErrors(page)
    await page.close()
  })

  it('button open-type="share" calls onShareAppMessage', async () => {
    const page = await sim.open('pages/display/index')
    await visible(page).getByText('分享', { exact: true }).click()
    const d = await diagnostics(page)
    expect(d.shares).toEqual([
      { route: 'pages/display/index', title: '商会调解组件画廊', path: '/pages/display/index' },
    ])
    expect(d.lifecycle.some((l) => l.hook === 'onShareAppMessage')).toBe(true)
    await page.close()
  })
})

describe('form page', () => {
  it('typing into t-input updates data and the greeting', async () => {
    const page = await sim.open('pages/form/index')
    const v = visible(page)
    await v.locator('input[placeholder="请输入姓名"]').pressSequentially('李雷')
    await settle(page)
    expect((await pageData<{ name: string }>(page)).name).toBe('李雷')
    await expect(v.locator(byId('greeting')).innerText()).resolves.toBe('你好，李雷')
    await v.locator('textarea').first().fill('货款纠纷')
    await settle(page)
    expect((await pageData<{ desc: string }>(page)).desc).toBe('货款纠纷')
    await noErrors(page)
    await page.close()
  })

  it('radio, checkbox, switch and stepper change values', async () => {
    const page = await sim.open('pages/form/index')
    const v = visible(page)
    await v.getByText('企业', { exact: true }).click()
    await v.getByText('发票', { exact: true }).click()
    await v.locator('[class*="t-switch__body"]').first().click()
    await v.locator('[class*="t-stepper__plus"]').first().click()
    await settle(page)
    const d = await pageData<{
      partyType: string
      materials: string[]
      agree: boolean
      count: number
    }>(page)
    expect(d.partyType).toBe('enterprise')
    expect(d.materials).toEqual(['invoice'])
    expect(d.agree).toBe(true)
    expect(d.count).toBe(2)
    await noErrors(page)
    await page.close()
  })

  it('t-picker selects a value', async () => {
    const page = await sim.open('pages/form/index')
    const v = visible(page)
    await v.getByText('纠纷类型').first().click()
    await page.waitForTimeout(400)
    await expect(v.getByText('劳动争议').isVisible()).resolves.toBe(true)
    // tdesign's picker-item selects the tapped row (onClickItem), as a finger tap would.
    await v.locator('[class*="t-picker-item__item"]', { hasText: '劳动争议' }).first().click()
    await page.waitForTimeout(500)
    await v.getByText('确认', { exact: true }).filter({ visible: true }).first().click()
    await page.waitForTimeout(400)
    const d = await pageData<{ dispute: string[]; disputeLabel: string; pickerVisible: boolean }>(
      page,
    )
    expect(d.pickerVisible).toBe(false)
    expect(d.dispute).toEqual(['labor'])
    expect(d.disputeLabel).toBe('劳动争议')
    await noErrors(page)
    await page.close()
  })

  it('a native form collects input and picker values on a t-button submit', async () => {
    const page = await sim.open('pages/form/index')
    const v = visible(page)
    await v.locator('input[placeholder="企业名称"]').fill('北京某科技有限公司')
    await v.getByText('级别：市级').click()
    await page.locator('.sim-picker__opt', { hasText: '省级' }).click()
    await page.locator('.sim-picker__ok').click()
    await settle(page)
    await v.getByText('提交', { exact: true }).click()
    await settle(page)
    const d = await pageData<{ submitted: string; level: number }>(page)
    expect(d.level).toBe(1)
    expect(JSON.parse(d.submitted)).toEqual({ company: '北京某科技有限公司', level: 1 })
    await noErrors(page)
    await page.close()
  })

  it('t-upload picks a file through wx.chooseMedia', async () => {
    const page = await sim.open('pages/form/index')
    const chooser = page.waitForEvent('filechooser')
    await visible(page).locator('[aria-label="上传"]').first().click()
    const fc = await chooser
    await fc.setFiles({
      name: 'contract.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    })
    await page.waitForFunction(
      () =>
        (
          window as unknown as { __simControl: { pageData(): { files: unknown[] } } }
        ).__simControl.pageData().files.length === 1,
    )
    const d = await pageData<{ files: { url: string; name?: string }[] }>(page)
    expect(d.files[0]?.url).toMatch(/^blob:/)
    await noErrors(page)
    await page.close()
  })
})

describe('overlay page', () => {
  it('popup opens and closes', async () => {
    const page = await sim.open('pages/overlay/index')
    const v = visible(page)
    await v.getByText('弹出层', { exact: true }).last().click()
    await page.waitForTimeout(400)
    await expect(v.getByText('调解进度：已受理，等待调解员确认').isVisible()).resolves.toBe(true)
    await v
      .locator('[class*="t-overlay"]')
      .first()
      .click({ position: { x: 20, y: 20 } })
    await page.waitForTimeout(400)
    expect((await pageData<{ popupVisible: boolean; status: string }>(page)).status).toBe(
      'popup-closed',
    )
    await noErrors(page)
    await page.close()
  })

  it('dialog confirms', async () => {
    const page = await sim.open('pages/overlay/index')
    const v = visible(page)
    await v.getByText('对话框').click()
    await page.waitForTimeout(300)
    await expect(v.getByText('撤回后案件将终止调解').isVisible()).resolves.toBe(true)
    await v.locator('button', { hasText: '确认撤回' }).click()
    await page.waitForTimeout(300)
    expect((await pageData<{ status: string }>(page)).status).toBe('dialog-confirmed')
    await noErrors(page)
    await page.close()
  })

  it('toast, message and action-sheet show and act', async () => {
    const page = await sim.open('pages/overlay/index')
    const v = visible(page)
    await v.getByText('轻提示').click()
    await page.waitForTimeout(200)
    await expect(v.getByText('已保存').isVisible()).resolves.toBe(true)
    await v.getByText('消息', { exact: true }).click()
    await page.waitForTimeout(300)
    await expect(v.getByText('有新的调解邀请').isVisible()).resolves.toBe(true)
    await v.getByText('动作面板').click()
    await page.waitForTimeout(400)
    await v.getByText('视频调解').click()
    await page.waitForTimeout(400)
    expect((await pageData<{ status: string }>(page)).status).toBe('sheet:视频调解')
    await noErrors(page)
    await page.close()
  })

  it('tabs switch panels; wx.showModal and wx.showActionSheet resolve with the choice', async () => {
    const page = await sim.open('pages/overlay/index')
    const v = visible(page)
    await v.getByText('原生弹窗').click()
    await page.waitForTimeout(300)
    expect((await pageData<{ tab: string }>(page)).tab).toBe('native')
    await v.getByText('showModal').click()
    await expect(page.locator('.sim-modal__content').innerText()).resolves.toBe('确定提交申请？')
    await page.locator('.sim-modal__btn--confirm').click()
    await settle(page)
    expect((await pageData<{ status: string }>(page)).status).toBe('modal-confirm')
    await v.getByText('showActionSheet').click()
    await page.locator('.sim-sheet__item', { hasText: '从相册选择' }).click()
    await settle(page)
    expect((await pageData<{ status: string }>(page)).status).toBe('wx-sheet:1')
    await v.getByText('showToast').click()
    await expect(page.locator('.sim-toast__title').innerText()).resolves.toBe('提交成功')
    await noErrors(page)
    await page.close()
  })
})
