// One simulated phone: 375 × 812 CSS px (iPhone X class), WeChat 8.0.50, base library 3.4.0
// (tdesign checks SDKVersion ≥ 2.x for virtual hosts). Every size-related wx API reads these.

export const DEVICE = {
  brand: 'devtools',
  model: 'iPhone X',
  system: 'iOS 16.0',
  platform: 'devtools',
  version: '8.0.50',
  SDKVersion: '3.4.0',
  language: 'zh_CN',
  pixelRatio: 2,
  screenWidth: 375,
  screenHeight: 812,
  statusBarHeight: 44,
  navigationBarHeight: 44,
  fontSizeSetting: 16,
}

export const MENU_BUTTON = {
  width: 87,
  height: 32,
  top: 48,
  bottom: 80,
  left: 281,
  right: 368,
}
