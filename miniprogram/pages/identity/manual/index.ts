import { maskIdNumber } from '../../../core/masking'
import { validateEnterpriseName, validateUscc } from '../../../core/identity/index'
import type { PartyType } from '../../../core/catalogues/index'
import type { ManualPhotos } from '../../../../typings/api/verifyIdentity'
import { submitManual, uploadIdentityPhoto } from '../../../services/identity'
import { newIntent, type Intent } from '../../../services/intent'
import { whoAmI } from '../../../services/profile'
import { showError } from '../../../utils/notify'
import { clearIdentityDraft, takeIdentityDraft } from '../draft'
import { idTypeLabel } from '../form'
import type { IdentityFormValues } from '../form'
import { missingSlot, photoSlots, type PhotoSlot, type SlotSpec } from './slots'

interface UploadFile {
  url: string
  fileId?: string
}

interface ManualPageData {
  busy: boolean
  partyType: PartyType
  partyTypeOptions: { label: string; value: PartyType }[]
  name: string
  idTypeText: string
  maskedIdNumber: string
  enterpriseName: string
  uscc: string
  errors: { enterpriseName: string; uscc: string }
  slots: SlotSpec[]
  files: Partial<Record<PhotoSlot, UploadFile[]>>
}

const INITIAL_DATA: ManualPageData = {
  busy: false,
  partyType: 'person',
  partyTypeOptions: [
    { label: '个人', value: 'person' },
    { label: '企业（法定代表人或授权代理人）', value: 'enterprise' },
  ],
  name: '',
  idTypeText: '',
  maskedIdNumber: '',
  enterpriseName: '',
  uscc: '',
  errors: { enterpriseName: '', uscc: '' },
  slots: [],
  files: {},
}

let identity: IdentityFormValues | undefined
let storagePrefix = ''
let submitIntent: Intent | undefined

Page({
  data: INITIAL_DATA,

  onLoad() {
    identity = takeIdentityDraft()
    if (!identity) {
      void wx.navigateBack()
      return
    }
    this.setData({
      name: identity.name,
      idTypeText: idTypeLabel(identity.idType),
      maskedIdNumber: maskIdNumber(identity.idNumber),
      slots: photoSlots('person', identity.idType),
    })
    void whoAmI().then((res) => {
      if (res.ok) storagePrefix = res.data.storagePrefix
      else showError(this, res.error.message)
    })
  },

  onPartyTypeChange(e: WechatMiniprogram.CustomEvent<{ value: PartyType }>) {
    if (!identity) return
    this.setData({
      partyType: e.detail.value,
      slots: photoSlots(e.detail.value, identity.idType),
    })
  },

  onEnterpriseNameChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const check = validateEnterpriseName(e.detail.value)
    this.setData({
      enterpriseName: e.detail.value,
      'errors.enterpriseName': check.ok ? '' : (check.error?.message ?? ''),
    })
  },

  onUsccChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const check = validateUscc(e.detail.value)
    this.setData({
      uscc: e.detail.value,
      'errors.uscc': check.ok ? '' : (check.error?.message ?? ''),
    })
  },

  async onPhotoAdd(
    e: WechatMiniprogram.CustomEvent<
      { files: { url: string }[] },
      Record<string, never>,
      { slot: PhotoSlot }
    >,
  ) {
    const slot = e.currentTarget.dataset.slot
    const file = e.detail.files[0]
    if (!file || !storagePrefix) return
    this.setData({ [`files.${slot}`]: [{ url: file.url }], busy: true })
    const res = await uploadIdentityPhoto(storagePrefix, slot, file.url)
    this.setData({ busy: false })
    if (!res.ok) {
      this.setData({ [`files.${slot}`]: [] })
      showError(this, res.error.message)
      return
    }
    this.setData({ [`files.${slot}`]: [{ url: file.url, fileId: res.data.fileId }] })
  },

  onPhotoRemove(
    e: WechatMiniprogram.CustomEvent<{ index: number }, Record<string, never>, { slot: PhotoSlot }>,
  ) {
    this.setData({ [`files.${e.currentTarget.dataset.slot}`]: [] })
  },

  uploadedIds(): Partial<Record<PhotoSlot, string>> {
    const ids: Partial<Record<PhotoSlot, string>> = {}
    for (const [slot, files] of Object.entries(this.data.files)) {
      const id = files?.[0]?.fileId
      if (id) ids[slot as PhotoSlot] = id
    }
    return ids
  },

  async onSubmitTap() {
    if (this.data.busy || !identity) return
    const ids = this.uploadedIds()
    const missing = missingSlot(this.data.slots, ids)
    if (missing) {
      showError(this, `请上传${missing.label}`)
      return
    }
    const enterprise = this.data.partyType === 'enterprise'
    if (enterprise) {
      const name = validateEnterpriseName(this.data.enterpriseName)
      const uscc = validateUscc(this.data.uscc)
      if (!name.ok || !uscc.ok) {
        this.setData({
          'errors.enterpriseName': name.ok ? '' : (name.error?.message ?? ''),
          'errors.uscc': uscc.ok ? '' : (uscc.error?.message ?? ''),
        })
        return
      }
    }
    const photos: ManualPhotos = {
      front: ids.front ?? '',
      handheld: ids.handheld ?? '',
      ...(ids.back ? { back: ids.back } : {}),
    }
    submitIntent = submitIntent ?? newIntent()
    this.setData({ busy: true })
    const res = await submitManual(
      {
        partyType: this.data.partyType,
        idType: identity.idType,
        name: identity.name,
        idNumber: identity.idNumber,
        photos,
        ...(enterprise
          ? {
              enterprise: {
                name: this.data.enterpriseName.trim(),
                uscc: this.data.uscc.trim().toUpperCase(),
                licenceFileId: ids.licence ?? '',
                authorisationFileId: ids.authorisation ?? '',
              },
            }
          : {}),
      },
      submitIntent,
    )
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') submitIntent = undefined
      showError(this, res.error.message)
      return
    }
    submitIntent = undefined
    clearIdentityDraft()
    void wx.navigateBack()
  },
})
