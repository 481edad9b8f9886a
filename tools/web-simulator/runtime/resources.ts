// Resource URLs as WeChat resolves them: `/x.png` from the mini-program root, `./x.png` and
// `../x.png` relative to the component that uses them, http(s)/data/blob as they are, and
// `cloud://` file IDs through the cloud layer (which knows the emulator).

type CloudResolver = (fileId: string) => Promise<string>

let cloudResolver: CloudResolver | null = null

export function setCloudResolver(r: CloudResolver): void {
  cloudResolver = r
}

export function resolveResourceUrl(src: string, ownerPath: string): Promise<string> {
  if (/^(https?:|data:|blob:)/.test(src)) return Promise.resolve(src)
  if (src.startsWith('cloud://')) {
    if (!cloudResolver) return Promise.reject(new Error(`未初始化云开发，无法显示 ${src}`))
    return cloudResolver(src)
  }
  if (src.startsWith('/')) return Promise.resolve(src)
  const base = ownerPath.split('/').slice(0, -1)
  for (const seg of src.split('/')) {
    if (seg === '..') base.pop()
    else if (seg !== '.' && seg !== '') base.push(seg)
  }
  return Promise.resolve('/' + base.join('/'))
}
