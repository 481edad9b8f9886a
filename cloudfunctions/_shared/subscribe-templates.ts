// Subscribe-message templates by purpose. Template ids belong to one mini-program account, so they
// come from the function's environment (`SUBSCRIBE_TEMPLATE_<KIND>`), never from code.
export const NOTICE_KINDS = [
  'identity_review',
  'case_progress',
  'video_invitation',
  'sign_request',
  'confirmation_result',
  'filing_progress',
] as const

export type NoticeKind = (typeof NOTICE_KINDS)[number]

export function templateIdFor(kind: NoticeKind): string | undefined {
  const id = process.env[`SUBSCRIBE_TEMPLATE_${kind.toUpperCase()}`]
  return id && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : undefined
}

/** The template ids the client may ask the user to accept (only configured ones). */
export function configuredTemplates(): Partial<Record<NoticeKind, string>> {
  const out: Partial<Record<NoticeKind, string>> = {}
  for (const kind of NOTICE_KINDS) {
    const id = templateIdFor(kind)
    if (id) out[kind] = id
  }
  return out
}
