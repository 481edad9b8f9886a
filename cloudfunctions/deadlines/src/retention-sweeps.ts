// Retention: ID photos of a manual review are erased 30 days after the review (PIPL: keep no
// longer than needed), and stored request results are forgotten after their TTL. The periods are
// the core's (`core/deadlines.ts`); this only finds what has run out and removes it.
import {
  COLLECTIONS,
  command,
  findMany,
  getCloud,
  identityFileIds,
  removeWhere,
  type IdentityFileHolder,
  type TimerContext,
} from '../../_shared'
import { IDEMPOTENCY_KEY_TTL_DAYS, DAY_MS } from '../../../miniprogram/core/deadlines'
import { markWithAudit } from './other-sweeps'
import { attempt, type Tally } from './tally'

interface PhotoHolder extends IdentityFileHolder, Record<string, unknown> {
  readonly version: number
}

export async function sweepIdPhotos(ctx: TimerContext, tally: Tally): Promise<void> {
  const _ = command()
  const rows = await findMany<PhotoHolder>(
    COLLECTIONS.identities,
    { photosDeleteAfter: _.lte(ctx.now) },
    { limit: 100 },
  )
  for (const doc of rows) {
    const files = identityFileIds(doc)
    const changed = await attempt(tally, 'id_photos', doc._id, async () => {
      // Files first: if storage refuses, the document still points at them and the next run
      // tries again, instead of forgetting photos that still exist.
      if (files.length > 0) await getCloud().deleteFile({ fileList: files })
      return markWithAudit(
        COLLECTIONS.identities,
        doc._id,
        doc.version,
        'photos_erased',
        (cur) => {
          const enterprise = cur['enterprise'] as Record<string, unknown> | null | undefined
          return {
            photos: null,
            ...(enterprise
              ? { enterprise: { ...enterprise, licenceFileId: null, authorisationFileId: null } }
              : {}),
            photosDeleteAfter: null,
            photosErasedAt: ctx.now,
          }
        },
        ctx,
      )
    })
    if (changed) tally.erasedIdPhotos += 1
  }
}

export async function sweepIdempotencyKeys(ctx: TimerContext, tally: Tally): Promise<void> {
  const _ = command()
  const cutoff = new Date(ctx.now.getTime() - IDEMPOTENCY_KEY_TTL_DAYS * DAY_MS)
  tally.expiredRequestResults += await removeWhere(COLLECTIONS.idempotencyKeys, {
    at: _.lt(cutoff),
  })
}
