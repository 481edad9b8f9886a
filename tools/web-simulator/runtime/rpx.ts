// rpx is 1/750 of the phone width; runtime.css defines --rpx for the 375 px phone viewport.
const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g

export function rpxToCss(value: string): string {
  return value.replace(RPX, (_m, n: string) => `calc(var(--rpx) * ${n})`)
}
