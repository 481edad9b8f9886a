import { ApiFail, asyncApi } from './promisify'
import { showScreen, createElement as el } from '../ui/overlay'

// Files the user picks or the app produces are blob: URLs that stand in for WeChat's temp
// paths; the registry keeps their File so uploads and getFileInfo see the real bytes.

export const tempFiles = new Map<string, Blob>()

export function registerTemp(blob: Blob): string {
  const url = URL.createObjectURL(blob)
  tempFiles.set(url, blob)
  return url
}

function pickFiles(accept: string, multiple: boolean, api: string): Promise<File[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.multiple = multiple
    input.style.display = 'none'
    document.body.appendChild(input)
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? [])
      input.remove()
      if (files.length === 0) reject(new ApiFail('cancel'))
      else resolve(files)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      reject(new ApiFail('cancel'))
    })
    try {
      input.click()
    } catch (e) {
      input.remove()
      reject(new ApiFail(`${api} 无法打开文件选择：${String(e)}`))
    }
  })
}

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image()
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight })
    img.onerror = () => resolve({ width: 0, height: 0 })
    img.src = url
  })
}

function kindOf(f: Blob): 'image' | 'video' | 'file' {
  if (f.type.startsWith('image/')) return 'image'
  if (f.type.startsWith('video/')) return 'video'
  return 'file'
}

function preview(urls: string[], current: string): void {
  const { root, close } = showScreen('sim-preview')
  let i = Math.max(0, urls.indexOf(current))
  const img = el('img', 'sim-preview__img')
  const counter = el('div', 'sim-preview__count')
  const show = () => {
    img.src = urls[i] ?? ''
    counter.textContent = urls.length > 1 ? `${i + 1}/${urls.length}` : ''
  }
  show()
  root.append(img, counter)
  root.addEventListener('click', (e) => {
    const x = e.clientX / window.innerWidth
    if (urls.length > 1 && x > 0.7 && i < urls.length - 1) {
      i += 1
      show()
    } else if (urls.length > 1 && x < 0.3 && i > 0) {
      i -= 1
      show()
    } else close()
  })
}

type CanvasNode = HTMLCanvasElement

export const fileApis = {
  chooseMedia: asyncApi(
    'chooseMedia',
    async (o: {
      count?: number
      mediaType?: string[]
      sourceType?: string[]
      sizeType?: string[]
    }) => {
      const types = o.mediaType ?? ['image', 'video']
      const accept = types.map((t) => (t === 'mix' ? 'image/*,video/*' : `${t}/*`)).join(',')
      const files = (await pickFiles(accept, (o.count ?? 9) > 1, 'chooseMedia')).slice(
        0,
        o.count ?? 9,
      )
      const tempFiles = await Promise.all(
        files.map(async (f) => {
          const tempFilePath = registerTemp(f)
          const fileType = kindOf(f) === 'video' ? 'video' : 'image'
          const size =
            fileType === 'image' ? await imageSize(tempFilePath) : { width: 0, height: 0 }
          return {
            tempFilePath,
            size: f.size,
            fileType,
            ...size,
            duration: 0,
            thumbTempFilePath: '',
          }
        }),
      )
      const kinds = new Set(tempFiles.map((f) => f.fileType))
      return { tempFiles, type: kinds.size > 1 ? 'mix' : ([...kinds][0] ?? 'image') }
    },
  ),
  chooseImage: asyncApi('chooseImage', async (o: { count?: number }) => {
    const files = (await pickFiles('image/*', (o.count ?? 9) > 1, 'chooseImage')).slice(
      0,
      o.count ?? 9,
    )
    const paths = files.map((f) => registerTemp(f))
    return {
      tempFilePaths: paths,
      tempFiles: files.map((f, i) => ({ path: paths[i]!, size: f.size })),
    }
  }),
  chooseMessageFile: asyncApi(
    'chooseMessageFile',
    async (o: { count?: number; type?: string; extension?: string[] }) => {
      const accept =
        o.type === 'image'
          ? 'image/*'
          : o.type === 'video'
            ? 'video/*'
            : (o.extension ?? []).map((e) => `.${e.replace(/^\./, '')}`).join(',')
      const files = (await pickFiles(accept, (o.count ?? 1) > 1, 'chooseMessageFile')).slice(
        0,
        o.count ?? 1,
      )
      return {
        tempFiles: files.map((f) => ({
          path: registerTemp(f),
          size: f.size,
          name: f.name,
          type: kindOf(f),
          time: Math.floor(f.lastModified / 1000),
        })),
      }
    },
  ),
  previewImage: asyncApi('previewImage', (o: { urls: string[]; current?: string }) => {
    if (!Array.isArray(o.urls) || o.urls.length === 0)
      throw new ApiFail('parameter error: urls 不能为空')
    preview(o.urls, o.current ?? o.urls[0]!)
  }),
  previewMedia: asyncApi('previewMedia', (o: { sources: { url: string }[]; current?: number }) => {
    const urls = (o.sources ?? []).map((s) => s.url)
    if (urls.length === 0) throw new ApiFail('parameter error: sources 不能为空')
    preview(urls, urls[o.current ?? 0] ?? urls[0]!)
  }),
  getImageInfo: asyncApi('getImageInfo', async (o: { src: string }) => {
    const size = await imageSize(o.src)
    if (!size.width) throw new ApiFail(`无法读取图片 ${o.src}`)
    return { ...size, path: o.src, orientation: 'up', type: 'png' }
  }),
  compressImage: asyncApi('compressImage', (o: { src: string }) => ({ tempFilePath: o.src })),
  saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', (o: { filePath: string }) => {
    const a = document.createElement('a')
    a.href = o.filePath
    a.download = 'image.png'
    a.click()
  }),
  downloadFile: asyncApi(
    'downloadFile',
    async (o: { url: string; header?: Record<string, string> }) => {
      const res = await fetch(o.url, { headers: o.header ?? {} })
      const blob = await res.blob()
      return { tempFilePath: registerTemp(blob), statusCode: res.status, dataLength: blob.size }
    },
  ),
  openDocument: asyncApi(
    'openDocument',
    (o: { filePath: string; fileType?: string; showMenu?: boolean }) => {
      // WeChat opens documents in its own viewer; a browser tab is the nearest equivalent.
      const w = window.open(o.filePath, '_blank')
      if (!w) throw new ApiFail('浏览器阻止了新标签页')
    },
  ),
  getFileInfo: asyncApi('getFileInfo', (o: { filePath: string }) => {
    const blob = tempFiles.get(o.filePath)
    if (!blob) throw new ApiFail(`文件不存在 ${o.filePath}`)
    return { size: blob.size, digest: '' }
  }),
  canvasToTempFilePath: asyncApi(
    'canvasToTempFilePath',
    (o: {
      canvas?: CanvasNode
      canvasId?: string
      x?: number
      y?: number
      width?: number
      height?: number
      destWidth?: number
      destHeight?: number
      fileType?: 'png' | 'jpg'
      quality?: number
    }) => {
      if (!o.canvas || typeof o.canvas.toDataURL !== 'function') {
        throw new ApiFail('模拟器只支持 type="2d" 的 canvas：请传入 canvas 节点')
      }
      const src = o.canvas
      const x = o.x ?? 0
      const y = o.y ?? 0
      const w = o.width ?? src.width - x
      const h = o.height ?? src.height - y
      const out = document.createElement('canvas')
      out.width = o.destWidth ?? w
      out.height = o.destHeight ?? h
      out.getContext('2d')!.drawImage(src, x, y, w, h, 0, 0, out.width, out.height)
      const mime = o.fileType === 'jpg' ? 'image/jpeg' : 'image/png'
      return { tempFilePath: out.toDataURL(mime, o.quality ?? 1) }
    },
  ),
}
