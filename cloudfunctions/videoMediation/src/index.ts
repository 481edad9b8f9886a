/**
 * videoMediation: video mediation over WeChat VoIP (`wx.joinVoIPChat`).
 *
 * - `start(caseId, room)`: the case's mediator, while the case is being mediated, opens a call:
 *   `all` rings both parties, `{ privateWith }` opens a caucus room with one party. Each call has
 *   its own room id (`groupId`), and each invited party gets one `call_invitations` document
 *   (`toOpenid`, expiring 2 minutes later) that the client watches in real time; the database
 *   rule lets only the addressee read it.
 * - `join(callId)`: the `wx.joinVoIPChat` parameters with a signature from `cloud.getVoIPSign`,
 *   only for the case's mediator and the parties invited to that room (a party's identity must
 *   still match the case); an expired or declined invitation is refused.
 * - `decline`, `leave`, `end` (mediator), `members`: who is invited and who has joined.
 * - The call's start and end (with its duration) go into the case timeline (`case_events`).
 *
 * Caller: `miniprogram/services/calls.ts`.
 * Auth: OPENID; case roles from `mediation_cases` / `mediators`.
 * Reads/writes: `calls`, `call_invitations`, `mediation_cases`, `case_events`, `audit_events`,
 *   `messages`, `subscribe_grants`, `idempotency_keys`; reads `identities`, `mediators`.
 * Errors: `CASE_NOT_MEDIATING`, `NOT_INVITED`, `INVITATION_EXPIRED`, `INVITATION_DECLINED`,
 *   `CALL_ENDED`, `IDENTITY_REQUIRED`, `IDENTITY_MISMATCH`, `UPSTREAM_UNAVAILABLE`, plus the
 *   common codes.
 */
import { defineFunction } from '../../_shared'
import { decline, end, leave, members } from './lifecycle'
import { join } from './join'
import { start } from './start'

export const main = defineFunction('videoMediation', {
  actions: { start, join, decline, leave, end, members },
})
