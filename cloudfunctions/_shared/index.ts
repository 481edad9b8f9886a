// The server kernel, bundled into each function. Import from here: `from '../../_shared'`.
export {
  defineFunction,
  type HandlerContext,
  type TimerContext,
  type PushContext,
  type PushHandler,
  type ActionDefinition,
  type Main,
} from './define-function'
export { AppError, fail, conflict, notFound, forbidden, isAppError } from './errors'
export { retryOnConflict, type ConflictRetryOptions } from './conflict-retry'
export { resolveActor, type Caller, type CallerKind } from './caller'
export { COLLECTIONS, type CollectionName } from './collections'
export { getCloud, getDb, callerOpenid } from './cloud'
export * from './store'
export { runTransaction, type Tx } from './transaction'
export {
  appendAudit,
  verifyAuditChain,
  auditEventId,
  GENESIS_HASH,
  type AuditHead,
  type AuditInput,
  type AuditEvent,
  type ChainCheck,
} from './audit'
export { encryptField, decryptField, keyedHash, idNumberHash, actorHash, sha256Hex } from './crypto'
export { log, redact, warnOnce } from './log'
export { requestImageChecks } from './media-check'
export { notify, sendSubscribe, grantId, type Notice } from './notifier'
export {
  NOTICE_KINDS,
  templateIdFor,
  configuredTemplates,
  type NoticeKind,
} from './subscribe-templates'
export { checkText, type ContentVerdict } from './security'
export {
  privatePrefix,
  userStorageKey,
  isOwnPrivateFile,
  cloudPathOf,
  tempUrls,
  deleteFiles,
} from './storage'
export { callWxApi, accessToken, wxApiBase } from './wx-api'
export * from './validation'
export { escapeRegExp } from './escape-regexp'
export { identityIdFor, userIdFor } from './identity-ids'
export { identityFileIds, type IdentityFileHolder } from './identity-files'
export {
  applyCaseCommand,
  appendCaseNote,
  caseActor,
  caseRolesOf,
  checkCaseCommand,
  loadVisibleCase,
  personNameHash,
  phoneHash,
  usccHash,
  type AppliedCase,
  type CaseDoc,
  type CasePartyRecord,
  type CaseRole,
  type EvidenceRecord,
  type InvitationRecord,
  type RatingRecord,
} from './cases'
