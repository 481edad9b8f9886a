import { DEVICE, MENU_BUTTON } from '../device'
import { sim } from '../context'
import { NATIVE_TAB_BAR_HEIGHT } from '../chrome'
import { session } from '../session'
import { asyncApi } from './promisify'

// Sizes follow the current page: a default navigation bar takes status bar + 44 px, a native
// tab bar 50 px; `navigationStyle: custom` pages get the full screen height.

function windowHeight(): number {
  const top = sim.router?.current()
  let h = DEVICE.screenHeight
  if (!top || top.config.navigationStyle !== 'custom')
    h -= DEVICE.statusBarHeight + DEVICE.navigationBarHeight
  if (top?.isTab && sim.app?.tabBarNative) h -= NATIVE_TAB_BAR_HEIGHT
  return h
}

export function getWindowInfo() {
  return {
    pixelRatio: DEVICE.pixelRatio,
    screenWidth: DEVICE.screenWidth,
    screenHeight: DEVICE.screenHeight,
    windowWidth: DEVICE.screenWidth,
    windowHeight: windowHeight(),
    statusBarHeight: DEVICE.statusBarHeight,
    safeArea: {
      left: 0,
      right: DEVICE.screenWidth,
      top: DEVICE.statusBarHeight,
      bottom: DEVICE.screenHeight,
      width: DEVICE.screenWidth,
      height: DEVICE.screenHeight - DEVICE.statusBarHeight,
    },
    screenTop: DEVICE.screenHeight - windowHeight(),
  }
}

export function getDeviceInfo() {
  return {
    abi: 'x86_64',
    deviceAbi: 'x86_64',
    benchmarkLevel: 1,
    brand: DEVICE.brand,
    model: DEVICE.model,
    system: DEVICE.system,
    platform: DEVICE.platform,
    cpuType: 'unknown',
    memorySize: 4096,
  }
}

export function getAppBaseInfo() {
  return {
    SDKVersion: DEVICE.SDKVersion,
    enableDebug: false,
    host: { env: 'WeChat', appId: '' },
    language: DEVICE.language,
    version: DEVICE.version,
    theme: 'light' as const,
    fontSizeSetting: DEVICE.fontSizeSetting,
  }
}

const authorized = 'authorized'

export function getAppAuthorizeSetting() {
  return {
    albumAuthorized: authorized,
    bluetoothAuthorized: authorized,
    cameraAuthorized: authorized,
    locationAuthorized: authorized,
    locationReducedAccuracy: false,
    microphoneAuthorized: authorized,
    notificationAuthorized: authorized,
    phoneCalendarAuthorized: authorized,
  }
}

export function getSystemSetting() {
  return {
    bluetoothEnabled: false,
    locationEnabled: false,
    wifiEnabled: true,
    deviceOrientation: 'portrait',
  }
}

export function getSystemInfoSync() {
  return {
    ...getDeviceInfo(),
    ...getWindowInfo(),
    ...getAppBaseInfo(),
    ...getSystemSetting(),
    ...getAppAuthorizeSetting(),
    fontSizeScaleFactor: 1,
  }
}

type Listener = (res: unknown) => void

// Events that never fire on a simulated phone still keep their listeners, so off* works.
function listenerPair(): [(fn: Listener) => void, (fn?: Listener) => void, Set<Listener>] {
  const set = new Set<Listener>()
  return [(fn) => void set.add(fn), (fn) => (fn ? void set.delete(fn) : set.clear()), set]
}

const [onThemeChange, offThemeChange] = listenerPair()
const [onMenuWeight, offMenuWeight] = listenerPair()
const [onWindowResize, offWindowResize] = listenerPair()
const [onNetworkStatusChange, offNetworkStatusChange] = listenerPair()
const [onKeyboardHeightChange, offKeyboardHeightChange] = listenerPair()
const [onMemoryWarning, offMemoryWarning] = listenerPair()

export const systemApis = {
  getWindowInfo,
  getDeviceInfo,
  getAppBaseInfo,
  getAppAuthorizeSetting,
  getSystemSetting,
  getSystemInfoSync,
  getSystemInfo: asyncApi('getSystemInfo', () => getSystemInfoSync()),
  getSystemInfoAsync: asyncApi('getSystemInfoAsync', () => getSystemInfoSync()),
  getMenuButtonBoundingClientRect: () => ({ ...MENU_BUTTON }),
  getAccountInfoSync: () => ({
    miniProgram: { appId: session.appId, envVersion: 'develop', version: '' },
    plugin: {},
  }),
  getNetworkType: asyncApi('getNetworkType', () => ({
    networkType: 'wifi',
    signalStrength: 4,
    hasSystemProxy: false,
  })),
  onThemeChange,
  offThemeChange,
  onMenuButtonBoundingClientRectWeightChange: onMenuWeight,
  offMenuButtonBoundingClientRectWeightChange: offMenuWeight,
  onWindowResize,
  offWindowResize,
  onNetworkStatusChange,
  offNetworkStatusChange,
  onKeyboardHeightChange,
  offKeyboardHeightChange,
  onMemoryWarning,
  offMemoryWarning,
  hideKeyboard: asyncApi('hideKeyboard', () => {
    ;(document.activeElement as HTMLElement | null)?.blur()
  }),
  canIUse: (schema: string) => typeof schema === 'string' && schema.length > 0,
  getSetting: asyncApi('getSetting', (o: { withSubscriptions?: boolean }) => ({
    authSetting: { 'scope.camera': true, 'scope.record': true, 'scope.writePhotosAlbum': true },
    ...(o.withSubscriptions
      ? { subscriptionsSetting: { mainSwitch: true, itemSettings: {} } }
      : {}),
  })),
  authorize: asyncApi('authorize', (_o: { scope: string }) => undefined),
  openSetting: asyncApi('openSetting', () => ({
    authSetting: { 'scope.camera': true, 'scope.record': true, 'scope.writePhotosAlbum': true },
  })),
  vibrateShort: asyncApi('vibrateShort', (_o: { type?: string }) => {
    navigator.vibrate?.(15)
  }),
  vibrateLong: asyncApi('vibrateLong', () => {
    navigator.vibrate?.(400)
  }),
}
