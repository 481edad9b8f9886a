// Collection names in one place, so a typo is a compile error rather than an empty query.
export const COLLECTIONS = {
  users: 'users',
  identities: 'identities',
  faceVerifications: 'face_verifications',
  mediationCases: 'mediation_cases',
  caseEvents: 'case_events',
  auditEvents: 'audit_events',
  agreements: 'agreements',
  mediators: 'mediators',
  organisations: 'organisations',
  staffMembers: 'staff_members',
  bindCodes: 'bind_codes',
  callInvitations: 'call_invitations',
  calls: 'calls',
  judicialConfirmations: 'judicial_confirmations',
  documentRequests: 'document_requests',
  filings: 'filings',
  withdrawalRequests: 'withdrawal_requests',
  messages: 'messages',
  subscribeGrants: 'subscribe_grants',
  idempotencyKeys: 'idempotency_keys',
} as const

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]
