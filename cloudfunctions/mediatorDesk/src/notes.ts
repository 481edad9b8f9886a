// Mediation notes (调解笔录/备注): timeline entries marked internal, for the mediator and the
// organisation's staff only; content security flags rather than drops them.
import type { AddNoteRequest, NoteResponse } from '../../../typings/api/mediatorDesk'
import { checkText, docId, obj, text, type ActionDefinition } from '../../_shared'
import { addTimeline } from '../../_shared/case-access'
import { assignedCase, mediatorOf } from './desk-case'

/** Longest note; a mediation record of one session fits comfortably. */
export const MAX_NOTE_LENGTH = 2000

export const addNote: ActionDefinition<AddNoteRequest, NoteResponse> = {
  schema: obj({ caseId: docId('案件编号'), text: text('调解笔记', { max: MAX_NOTE_LENGTH }) }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, text: note }, ctx) {
    mediatorOf(ctx.caller)
    const verdict = await checkText(ctx.caller.openid, note, { field: 'payload.text' })
    return ctx.transact(async (tx) => {
      const doc = await assignedCase(tx, ctx.caller, caseId)
      const [noteId] = await addTimeline(tx, caseId, [
        {
          type: 'note.added',
          at: ctx.now,
          actorKind: 'mediator',
          status: doc.status,
          data: { text: note, check: verdict },
          visibility: 'internal',
        },
      ])
      return { noteId: noteId ?? '', at: ctx.now.toISOString(), flagged: verdict === 'review' }
    })
  },
}
