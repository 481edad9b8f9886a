// WXML of the built-in components that host children. Compiled at build time into the same
// template group as the app (paths under __builtin/), registered in the global code space.
// Inline styles only: class names inside a builtin would be scoped to the builtin.
export const BUILTIN_TEMPLATES: Record<string, string> = {
  '__builtin/slot': '<slot/>',
  '__builtin/scroll-view':
    '<view wx:if="{{refresherEnabled}}" style="{{refresherBoxStyle}}"><view style="font-size:20px;letter-spacing:4px;color:#999">{{refresherTriggered ? "···" : ""}}</view></view><slot/>',
  '__builtin/swiper':
    '<view style="{{trackStyle}}"><slot/></view><view wx:if="{{indicatorDots}}" style="position:absolute;left:0;right:0;bottom:8px;display:flex;justify-content:center;gap:6px;pointer-events:none"><view wx:for="{{dots}}" wx:key="index" style="width:8px;height:8px;border-radius:50%;background:{{index === current ? indicatorActiveColor : indicatorColor}}"/></view>',
  '__builtin/voip-room':
    '<view style="display:flex;flex-direction:column;align-items:center;justify-content:center;width:100%;height:100%;background:#1f2329;color:#fff;font-size:14px;gap:6px"><view>{{label}}</view><view style="font-size:11px;opacity:.7">模拟器不采集音视频</view></view>',
}
