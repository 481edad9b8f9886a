// Who this phone is: `?openid=` on the phone page (the shell sets it), else the first user.
const params = new URLSearchParams(location.search)

export const session = {
  openid: params.get('openid') || 'o_party_applicant',
  appId: 'wx0000000000000000',
}
