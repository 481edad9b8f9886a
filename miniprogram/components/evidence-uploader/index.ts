// Evidence list with add (album/camera or a chat file: images and PDF) and remove. Each file is
// uploaded to cloud storage under the caller's private prefix as soon as it is picked; the owner
// page receives the list through `change` and any Chinese error message through `error`.
import { uploadEvidence } from '../../services/cases'
import {
  MESSAGE_FILE_EXTENSIONS,
  acceptFile,
  evidenceName,
  remainingSlots,
  withoutIndex,
  type EvidenceItem,
  type PickedFile,
} from './logic'

// Order matters: the sheet reports the tapped row's index.
const SOURCES = [{ label: '从相册选择或拍照' }, { label: '从微信聊天中选择文件（图片/PDF）' }]

Component({
  properties: {
    files: { type: Array, value: [] },
    /** `whoAmI().storagePrefix`; nothing can be uploaded without it. */
    storagePrefix: { type: String, value: '' },
    max: { type: Number, value: 20 },
    disabled: { type: Boolean, value: false },
  },
  data: {
    sheetVisible: false,
    sources: SOURCES,
    uploading: false,
  },
  methods: {
    current(): EvidenceItem[] {
      return (this.data as unknown as { files: EvidenceItem[] }).files
    },
    onAddTap() {
      if (this.data.uploading || this.properties.disabled) return
      if (remainingSlots(this.current().length, this.properties.max) === 0) {
        this.triggerEvent('error', { message: `证据最多 ${this.properties.max} 份` })
        return
      }
      this.setData({ sheetVisible: true })
    },
    onSheetClose() {
      this.setData({ sheetVisible: false })
    },
    onSheetSelect(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      this.setData({ sheetVisible: false })
      const count = Math.min(9, remainingSlots(this.current().length, this.properties.max))
      if (e.detail.index === 1) {
        wx.chooseMessageFile({
          count,
          type: 'file',
          extension: MESSAGE_FILE_EXTENSIONS,
          success: (res) =>
            void this.upload(
              res.tempFiles.map((f) => ({ path: f.path, size: f.size, name: f.name })),
            ),
        })
      } else {
        wx.chooseMedia({
          count,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          success: (res) =>
            void this.upload(res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))),
        })
      }
    },
    async upload(picked: PickedFile[]) {
      const prefix = this.properties.storagePrefix
      if (!prefix) {
        this.triggerEvent('error', { message: '暂时无法上传证据，请稍后重试' })
        return
      }
      this.setData({ uploading: true })
      let files = this.current()
      for (const file of picked) {
        const kind = acceptFile(file)
        if (!kind.ok) {
          this.triggerEvent('error', { message: kind.error.message })
          continue
        }
        const res = await uploadEvidence(prefix, file.path)
        if (!res.ok) {
          this.triggerEvent('error', { message: res.error.message })
          break
        }
        files = [
          ...files,
          { fileId: res.data.fileId, name: evidenceName(file, files.length + 1), kind: kind.value },
        ]
        this.triggerEvent('change', { files })
      }
      this.setData({ uploading: false })
    },
    onRemoveTap(e: WechatMiniprogram.TouchEvent<Record<string, never>, { index: number }>) {
      if (this.properties.disabled) return
      this.triggerEvent('change', {
        files: withoutIndex(this.current(), Number(e.currentTarget.dataset.index)),
      })
    },
  },
})
