import { ApiFail, asyncApi } from './promisify'
import { session } from '../session'

// Storage is per user, as on two phones: keys are prefixed with the simulated OPENID.

function prefix(): string {
  return `sim:${session.openid}:`
}

function keys(): string[] {
  const out: string[] = []
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i)
    if (k?.startsWith(prefix())) out.push(k.slice(prefix().length))
  }
  return out
}

export function setStorageSync(key: string, data: unknown): void {
  if (typeof key !== 'string' || !key)
    throw new Error('setStorageSync:fail parameter error: key 不能为空')
  localStorage.setItem(prefix() + key, JSON.stringify({ v: data === undefined ? '' : data }))
}

export function hasStorage(key: string): boolean {
  return localStorage.getItem(prefix() + key) !== null
}

export function getStorageSync(key: string): unknown {
  const raw = localStorage.getItem(prefix() + key)
  if (raw === null) return ''
  try {
    return (JSON.parse(raw) as { v: unknown }).v
  } catch {
    return ''
  }
}

export function removeStorageSync(key: string): void {
  localStorage.removeItem(prefix() + key)
}

export function clearStorageSync(): void {
  for (const k of keys()) localStorage.removeItem(prefix() + k)
}

export function getStorageInfoSync(): { keys: string[]; currentSize: number; limitSize: number } {
  const ks = keys()
  const size = ks.reduce((n, k) => n + (localStorage.getItem(prefix() + k)?.length ?? 0), 0)
  return { keys: ks, currentSize: Math.ceil(size / 1024), limitSize: 10240 }
}

export const storageApis = {
  setStorageSync,
  getStorageSync,
  removeStorageSync,
  clearStorageSync,
  getStorageInfoSync,
  setStorage: asyncApi('setStorage', (o: { key: string; data: unknown }) =>
    setStorageSync(o.key, o.data),
  ),
  getStorage: asyncApi('getStorage', (o: { key: string }) => {
    if (!hasStorage(o.key)) throw new ApiFail('data not found')
    return { data: getStorageSync(o.key) }
  }),
  removeStorage: asyncApi('removeStorage', (o: { key: string }) => removeStorageSync(o.key)),
  clearStorage: asyncApi('clearStorage', () => clearStorageSync()),
  getStorageInfo: asyncApi('getStorageInfo', () => getStorageInfoSync()),
}
