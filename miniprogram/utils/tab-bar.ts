interface TabBarInstance {
  refresh(selected?: string, unread?: number): void
}

/** Highlights `value` in the custom tab bar of a tab page (call from the page's onShow). */
export function selectTab(page: WechatMiniprogram.Page.TrivialInstance, value: string): void {
  const bar = page.getTabBar() as unknown as TabBarInstance | undefined
  bar?.refresh(value)
}
