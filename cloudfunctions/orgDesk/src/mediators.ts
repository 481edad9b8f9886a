// Mediator management for an organisation's staff: list, create, update (search fields rebuilt
// from the name) and one-time bind codes a person redeems through `mediatorDesk.bind`.
import { randomBytes, randomInt } from 'node:crypto'
import { DISPUTE_TYPES } from '../../../miniprogram/core/catalogues/dispute-types'
import { REGION_OPTIONS } from '../../../miniprogram/core/catalogues/regions'
import { validateMobile } from '../../../miniprogram/core/identity/mobile'
import { validatePersonName } from '../../../miniprogram/core/identity/names'
import { maskPhone } from '../../../miniprogram/core/masking'
import { DAY_MS } from '../../../miniprogram/core/deadlines'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../miniprogram/core/limits'
import type { DisputeTypeCode } from '../../../miniprogram/core/catalogues/dispute-types'
import type { MediatorItem, OrgDeskContracts } from '../../../typings/api/orgDesk'
import {
  appendAudit,
  bool,
  COLLECTIONS,
  encryptField,
  docId,
  fail,
  findMany,
  int,
  list,
  obj,
  oneOf,
  opt,
  text,
  type ActionDefinition,
  type AuditHead,
  type HandlerContext,
} from '../../_shared'
import { bindCodeHash, bindCodeId, type BindCodeDoc } from '../../_shared/bind-codes'
import { mediatorSearchFields } from '../../_shared/pinyin'

type Def<A extends keyof OrgDeskContracts> = ActionDefinition<
  OrgDeskContracts[A]['request'],
  OrgDeskContracts[A]['response']
>

export interface MediatorDoc extends Record<string, unknown>, AuditHead {
  readonly name: string
  readonly organisationId: string
  readonly title?: string | null
  readonly specialties?: readonly DisputeTypeCode[]
  readonly capacity?: number
  readonly currentCaseload?: number
  readonly available?: boolean
  readonly bio?: string | null
  readonly maskedPhone?: string | null
  readonly phoneEnc?: string | null
  readonly region?: { readonly cityCode?: string } | null
  readonly serviceRegions?: readonly string[]
  readonly openid?: string | null
  readonly pendingBindCodeId?: string | null
  readonly version: number
}

const CODES = DISPUTE_TYPES.map((t) => t.code) as [DisputeTypeCode, ...DisputeTypeCode[]]
const CITY_CODES = REGION_OPTIONS.map((r) => r.value) as [string, ...string[]]
const MAX_CAPACITY = 50
const MAX_BIO_LENGTH = 500
const MAX_TITLE_LENGTH = 20
/** How long a bind code stays redeemable. */
const BIND_CODE_TTL_MS = 7 * DAY_MS
// No 0/O or 1/I: the code is read out or typed from a screen.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
const BIND_CODE_LENGTH = 10

const fields = {
  name: text('调解员姓名', { min: 2, max: 30 }),
  title: opt(text('职称', { max: MAX_TITLE_LENGTH })),
  specialties: list('擅长领域', oneOf('擅长领域', CODES), { min: 1, max: CODES.length }),
  capacity: int('可承接案件数', { min: 1, max: MAX_CAPACITY }),
  available: bool('是否可接案'),
  bio: opt(text('简介', { max: MAX_BIO_LENGTH })),
  phone: opt(text('手机号码', { max: 20 })),
  regions: opt(list('服务地区', oneOf('服务地区', CITY_CODES), { min: 1, max: CITY_CODES.length })),
}

export function toMediatorItem(id: string, doc: MediatorDoc): MediatorItem {
  return {
    mediatorId: id,
    name: doc.name,
    title: doc.title ?? null,
    specialties: doc.specialties ?? [],
    capacity: doc.capacity ?? 0,
    currentCaseload: doc.currentCaseload ?? 0,
    available: doc.available !== false,
    bio: doc.bio ?? null,
    bound: typeof doc.openid === 'string' && doc.openid !== '',
    maskedPhone: doc.maskedPhone ?? null,
    regions: doc.serviceRegions ?? (doc.region?.cityCode ? [doc.region.cityCode] : []),
    version: doc.version,
  }
}

function searchFields(name: string) {
  const s = mediatorSearchFields(name)
  if (!s) return fail('INVALID_NAME', '调解员姓名无效', 'payload.name')
  return s
}

/** The core's person-name rule, as the desk form applies it before sending. */
function checkedName(name: string): string {
  const check = validatePersonName(name)
  if (!check.ok)
    return fail('INVALID_INPUT', check.error?.message ?? '姓名格式不正确', 'payload.name')
  return check.value
}

/** The phone as stored: encrypted in full, masked for every answer. */
function phoneFields(phone: string) {
  const check = validateMobile(phone)
  if (!check.ok)
    return fail('INVALID_INPUT', check.error?.message ?? '手机号码格式不正确', 'payload.phone')
  return { maskedPhone: maskPhone(check.value), phoneEnc: encryptField(check.value) }
}

/**
 * Service regions as stored: every city code, and the first as `region` (with names), the home
 * city recommendation ranks by, in the shape the seeded mediators have.
 */
function regionFields(codes: readonly string[]) {
  const unique = [...new Set(codes)]
  const home = REGION_OPTIONS.find((r) => r.value === unique[0])
  const [provinceName = '', cityName = ''] = home?.label.split(' · ') ?? []
  return {
    serviceRegions: unique,
    region: home ? { ...home.region, provinceName, cityName: cityName || provinceName } : null,
  }
}

const orgOf = (ctx: HandlerContext): string => ctx.caller.staff?.organisationId ?? ''

/** The mediator, only if it belongs to the caller's organisation (others do not exist for them). */
async function ownMediator(
  tx: { get<T extends Record<string, unknown>>(c: string, id: string): Promise<T | undefined> },
  id: string,
  ctx: HandlerContext,
): Promise<MediatorDoc> {
  const doc = await tx.get<MediatorDoc>(COLLECTIONS.mediators, id)
  if (!doc || doc.organisationId !== orgOf(ctx)) return fail('NOT_FOUND', '调解员不存在')
  return doc
}

export const listMediators: Def<'listMediators'> = {
  schema: obj({
    page: opt(int('页码', { min: 1, max: 500 })),
    pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
  }),
  actors: ['staff'],
  mutating: false,
  async handle({ page = 1, pageSize = DEFAULT_PAGE_SIZE }, ctx) {
    const rows = await findMany<MediatorDoc>(
      COLLECTIONS.mediators,
      { organisationId: orgOf(ctx) },
      { orderBy: [['_id', 'asc']], skip: (page - 1) * pageSize, limit: pageSize + 1 },
    )
    return {
      items: rows.slice(0, pageSize).map((r) => toMediatorItem(r._id, r)),
      page,
      pageSize,
      hasMore: rows.length > pageSize,
    }
  },
}

export const createMediator: Def<'createMediator'> = {
  schema: obj(fields),
  actors: ['staff'],
  mutating: true,
  async handle(p, ctx) {
    const name = checkedName(p.name)
    const search = searchFields(name)
    const phone =
      p.phone === undefined ? { maskedPhone: null, phoneEnc: null } : phoneFields(p.phone)
    const regions = regionFields(p.regions ?? [])
    const id = `med_${randomBytes(10).toString('hex')}`
    return ctx.transact(async (tx) => {
      const head = await appendAudit(
        tx,
        {},
        {
          entity: COLLECTIONS.mediators,
          entityId: id,
          actorRole: 'staff',
          actorHash: ctx.caller.hash,
          action: 'mediator.created',
          from: null,
          to: 'unbound',
          at: ctx.now,
        },
      )
      const doc: MediatorDoc = {
        name,
        organisationId: orgOf(ctx),
        title: p.title ?? '调解员',
        specialties: [...new Set(p.specialties)],
        capacity: p.capacity,
        currentCaseload: 0,
        available: p.available,
        unavailableUntil: null,
        bio: p.bio ?? null,
        ...phone,
        ...regions,
        expertiseTags: [],
        affiliations: [],
        rating: null,
        ratingCount: 0,
        casesHandled: 0,
        casesSettled: 0,
        ...search,
        avatarText: name.charAt(0),
        openid: null,
        bindCodeHash: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        version: 1,
        ...head,
      }
      await tx.create(COLLECTIONS.mediators, id, doc)
      return toMediatorItem(id, doc)
    })
  },
}

export const updateMediator: Def<'updateMediator'> = {
  schema: obj({
    mediatorId: docId('调解员编号'),
    version: int('版本', { min: 0, max: 1_000_000_000 }),
    name: opt(fields.name),
    title: opt(text('职称', { max: MAX_TITLE_LENGTH })),
    specialties: opt(fields.specialties),
    capacity: opt(fields.capacity),
    available: opt(fields.available),
    bio: opt(text('简介', { max: MAX_BIO_LENGTH })),
    phone: fields.phone,
    regions: fields.regions,
  }),
  actors: ['staff'],
  mutating: true,
  async handle({ mediatorId, version, ...patch }, ctx) {
    return ctx.transact(async (tx) => {
      const cur = await ownMediator(tx, mediatorId, ctx)
      if (cur.version !== version) fail('CONFLICT', '调解员信息已被他人修改，请刷新后重试')
      const changes: Record<string, unknown> = {}
      const name = patch.name === undefined ? undefined : checkedName(patch.name)
      if (name !== undefined && name !== cur.name) {
        changes['name'] = name
        changes['avatarText'] = name.charAt(0)
        Object.assign(changes, searchFields(name))
      }
      if (patch.title !== undefined) changes['title'] = patch.title
      if (patch.specialties !== undefined) changes['specialties'] = [...new Set(patch.specialties)]
      if (patch.capacity !== undefined) changes['capacity'] = patch.capacity
      if (patch.available !== undefined) changes['available'] = patch.available
      if (patch.bio !== undefined) changes['bio'] = patch.bio
      if (patch.phone !== undefined) Object.assign(changes, phoneFields(patch.phone))
      if (patch.regions !== undefined) Object.assign(changes, regionFields(patch.regions))
      const head = await appendAudit(tx, cur, {
        entity: COLLECTIONS.mediators,
        entityId: mediatorId,
        actorRole: 'staff',
        actorHash: ctx.caller.hash,
        action: 'mediator.updated',
        from: null,
        to: null,
        at: ctx.now,
      })
      await tx.updateVersioned(COLLECTIONS.mediators, mediatorId, cur.version, {
        ...changes,
        ...head,
        updatedAt: ctx.now,
      })
      return toMediatorItem(mediatorId, {
        ...cur,
        ...changes,
        ...head,
        version: cur.version + 1,
      })
    })
  },
}

function newCode(): string {
  let code = ''
  for (let i = 0; i < BIND_CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)]
  return code
}

// Not `mutating` on purpose: the kernel would keep the answer — the code in clear — in
// `idempotency_keys`. Asking again issues a fresh code and retires the previous unused one, so
// a repeat is harmless and only a hash is ever stored.
export const issueBindCode: Def<'issueBindCode'> = {
  schema: obj({ mediatorId: docId('调解员编号') }),
  actors: ['staff'],
  mutating: false,
  async handle({ mediatorId }, ctx) {
    const code = newCode()
    const id = bindCodeId(code)
    const expiresAt = new Date(ctx.now.getTime() + BIND_CODE_TTL_MS)
    await ctx.transact(async (tx) => {
      const cur = await ownMediator(tx, mediatorId, ctx)
      if (cur.openid) fail('ALREADY_BOUND', '该调解员已绑定微信，无需再发放绑定码')
      if (cur.pendingBindCodeId) {
        const old = await tx.get<BindCodeDoc>(COLLECTIONS.bindCodes, cur.pendingBindCodeId)
        if (old && !old.usedAt) {
          await tx.update(COLLECTIONS.bindCodes, cur.pendingBindCodeId, {
            expiresAt: ctx.now,
            version: old.version + 1,
          })
        }
      }
      const head = await appendAudit(tx, cur, {
        entity: COLLECTIONS.mediators,
        entityId: mediatorId,
        actorRole: 'staff',
        actorHash: ctx.caller.hash,
        action: 'mediator.bind_code_issued',
        from: 'unbound',
        to: 'unbound',
        at: ctx.now,
      })
      const bc: BindCodeDoc = {
        codeHash: bindCodeHash(code),
        mediatorId,
        organisationId: orgOf(ctx),
        expiresAt,
        usedAt: null,
        usedByHash: null,
        issuedByHash: ctx.caller.hash,
        createdAt: ctx.now,
        version: 1,
      }
      await tx.create(COLLECTIONS.bindCodes, id, bc)
      await tx.updateVersioned(COLLECTIONS.mediators, mediatorId, cur.version, {
        pendingBindCodeId: id,
        ...head,
        updatedAt: ctx.now,
      })
    })
    return { code, expiresAt: expiresAt.toISOString() }
  },
}
