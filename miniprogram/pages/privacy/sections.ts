// What 商会调解 collects and why, in the words of its 隐私保护指引 (the full guide is the one
// configured in the mini-program back end and opened with wx.openPrivacyContract).
export interface PrivacySection {
  readonly title: string
  readonly body: string
}

export const PRIVACY_SECTIONS: readonly PrivacySection[] = [
  {
    title: '身份信息',
    body: '姓名、证件类型和号码、人脸核身结果，用于实名认证和立案；号码加密保存，页面只展示脱敏内容。',
  },
  {
    title: '案件信息',
    body: '对方当事人的名称、证件号码、送达地址和联系电话，请求、事实与理由及证据，仅用于调解和立案办理。',
  },
  {
    title: '照片与文件',
    body: '从相册、相机或聊天中选择的证据图片和 PDF，仅本案当事人、调解员和受理机构可以查看。',
  },
  {
    title: '音视频',
    body: '视频调解时使用麦克风和摄像头，通话内容不录制保存。',
  },
  {
    title: '您的权利',
    body: '您可以在「实名认证」中删除实名信息；如需查询、更正或注销，可通过「消息」联系工商联工作人员。',
  },
]
