// Organisation statistics, computed by the database (`aggregate()`), never by loading every case.
import { DAY_MS } from '../../../miniprogram/core/deadlines'
import { monthRange } from '../../../miniprogram/core/month-range'
import type { OrgDeskContracts, StatisticsResponse } from '../../../typings/api/orgDesk'
import {
  COLLECTIONS,
  fail,
  findMany,
  getDb,
  obj,
  opt,
  text,
  type ActionDefinition,
} from '../../_shared'
import { waitingItems } from './queue'

type Row = Record<string, unknown>

async function aggregate(build: (a: ReturnType<typeof start>) => { end(): unknown }) {
  const res = (await build(start()).end()) as { list?: Row[] }
  return res.list ?? []
}
function start() {
  return getDb().collection(COLLECTIONS.mediationCases).aggregate()
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export const statistics: ActionDefinition<
  OrgDeskContracts['statistics']['request'],
  OrgDeskContracts['statistics']['response']
> = {
  schema: obj({
    fromMonth: opt(text('起始月份', { min: 7, max: 7 })),
    toMonth: opt(text('结束月份', { min: 7, max: 7 })),
  }),
  actors: ['staff'],
  mutating: false,
  async handle(p, ctx): Promise<StatisticsResponse> {
    const range = monthRange(p, ctx.now)
    if (!range.ok)
      return fail(
        'INVALID_INPUT',
        range.error.message,
        `payload.${range.error.field ?? 'fromMonth'}`,
      )
    const { fromMonth, toMonth, months, startMs, endMs } = range.value
    const org = ctx.caller.staff?.organisationId ?? ''
    const $ = getDb().command.aggregate
    const _ = getDb().command
    // Every case figure counts the cases submitted in the range; the overdue counts stay of now.
    const match = {
      organisationId: org,
      submittedAt: _.gte(new Date(startMs)).and(_.lt(new Date(endMs))),
    }

    const byTypeStatus = await aggregate((a) =>
      a
        .match(match)
        .group({ _id: { disputeType: '$disputeType', status: '$status' }, count: $.sum(1) })
        .sort({ count: -1 }),
    )
    const types = new Map<string | null, number>()
    const statuses = new Map<string, number>()
    let total = 0
    for (const r of byTypeStatus) {
      const key = (r['_id'] ?? {}) as { disputeType?: unknown; status?: unknown }
      const count = num(r['count'])
      const type = typeof key.disputeType === 'string' ? key.disputeType : null
      const status = typeof key.status === 'string' ? key.status : 'unknown'
      types.set(type, (types.get(type) ?? 0) + count)
      statuses.set(status, (statuses.get(status) ?? 0) + count)
      total += count
    }
    const settled = statuses.get('settled') ?? 0
    const unsettled = statuses.get('closed_without_agreement') ?? 0

    const duration = await aggregate((a) =>
      a
        .match({
          ...match,
          status: _.in(['settled', 'closed_without_agreement']),
          acceptedAt: _.exists(true),
        })
        .project({
          ms: $.subtract([$.ifNull(['$settledAt', '$closedAt']), '$acceptedAt']),
        })
        .group({ _id: null, avg: $.avg('$ms') }),
    )
    const avgMs = duration[0]?.['avg']

    const byMonth = await aggregate((a) =>
      a
        .match(match)
        .project({
          month: $.dateToString({ date: '$submittedAt', format: '%Y-%m', timezone: '+08:00' }),
          settled: $.cond([$.eq(['$status', 'settled']), 1, 0]),
        })
        .group({ _id: '$month', submitted: $.sum(1), settled: $.sum('$settled') })
        .sort({ _id: 1 }),
    )

    const byMediator = await aggregate((a) =>
      a
        .match({ ...match, mediatorId: _.exists(true) })
        .group({
          _id: '$mediatorId',
          cases: $.sum(1),
          settled: $.sum($.cond([$.eq(['$status', 'settled']), 1, 0])),
        })
        .sort({ cases: -1 })
        .limit(100),
    )
    const mediatorIds = byMediator.map((r) => r['_id']).filter((x) => typeof x === 'string')
    const names = new Map<string, string>()
    if (mediatorIds.length > 0) {
      const rows = await findMany<{ name?: unknown }>(
        COLLECTIONS.mediators,
        { _id: _.in(mediatorIds), organisationId: org },
        { limit: 100 },
      )
      for (const m of rows) names.set(m._id, typeof m.name === 'string' ? m.name : '')
    }

    const counted = new Map(
      byMonth
        .filter((r) => typeof r['_id'] === 'string')
        .map((r) => [
          r['_id'] as string,
          { submitted: num(r['submitted']), settled: num(r['settled']) },
        ]),
    )
    const waiting = await waitingItems(org, ctx.now)
    return {
      fromMonth,
      toMonth,
      totalCases: total,
      byDisputeType: [...types].map(([disputeType, count]) => ({ disputeType, count })),
      byStatus: [...statuses].map(([status, count]) => ({ status, count })),
      settlementRate:
        settled + unsettled === 0
          ? null
          : Math.round((settled / (settled + unsettled)) * 1000) / 1000,
      averageDurationDays:
        typeof avgMs === 'number' && Number.isFinite(avgMs)
          ? Math.round((avgMs / DAY_MS) * 10) / 10
          : null,
      overdue: {
        identityReviews: waiting.filter((i) => i.kind === 'identity_review' && i.overdue).length,
        queueItems: waiting.filter((i) => i.overdue).length,
      },
      byMonth: months.map((month) => ({
        month,
        ...(counted.get(month) ?? { submitted: 0, settled: 0 }),
      })),
      byMediator: byMediator
        .filter((r) => typeof r['_id'] === 'string' && names.has(r['_id']))
        .map((r) => ({
          mediatorId: r['_id'] as string,
          name: names.get(r['_id'] as string) ?? '',
          cases: num(r['cases']),
          settled: num(r['settled']),
        })),
    }
  },
}
