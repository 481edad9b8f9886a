import { toMs, type Instant } from '../deadlines'
import type { CoreError, Outcome } from '../result'
import { ACTOR_KIND_LABELS, checkActor, type Actor, type ActorKind } from './actor'

/** What every entity run through a machine carries: its status and an optimistic-lock version. */
export interface MachineEntity<S extends string = string> {
  readonly status: S
  readonly version: number
}

/** Error codes the engine itself returns (machines add guard-specific codes). */
export type EngineErrorCode =
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN_ACTOR'
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_STATE'
  | 'INVALID_ENTITY'
  | 'INVALID_ACTOR'
  | 'INVALID_TIME'
  | 'INVALID_INPUT'

/** One fact a transition produced, for `case_events` (timeline) and `audit_events`. */
export interface DomainEvent {
  /** `<machine>.<what happened>`, e.g. `case.submitted`. */
  readonly type: string
  readonly at: Date
  readonly actorKind: ActorKind
  readonly actorId: string
  readonly from: string
  readonly to: string
  readonly data?: Readonly<Record<string, unknown>>
}

/** An event as a rule describes it; the engine adds time, actor and states. */
export interface EventSpec {
  /** Without the machine prefix: `submitted` becomes `case.submitted`. */
  readonly type: string
  readonly data?: Readonly<Record<string, unknown>>
}

/** What a guard sees: no command input, so the UI can ask before the user fills anything in. */
export interface GuardContext<E> {
  readonly entity: E
  readonly actor: Actor
  /** Epoch ms. */
  readonly now: number
}

/** What the rest of a rule sees once the input has been parsed. */
export interface RuleContext<E, I> extends GuardContext<E> {
  readonly input: I
}

/**
 * A table cell as written in a machine file: where the command leads, who may issue it, the
 * input-free precondition (`guard`), the input parser/validator, the fields it sets and the
 * events it records.
 */
export interface RuleSpec<E, S extends string, I> {
  /** The next state, or how to pick it (an agreement's last signature makes it effective). */
  readonly to: S | ((ctx: RuleContext<E, I>) => S)
  readonly who: readonly ActorKind[]
  /** Returns an error when the command may not run now; also hides the button in the UI. */
  readonly guard?: (ctx: GuardContext<E>) => CoreError | undefined
  /** Parses and checks the command input (untrusted: it comes from the client). */
  readonly input?: (raw: unknown, ctx: GuardContext<E>) => Outcome<I>
  /** Fields (besides status and version) the command sets on the entity. */
  readonly set?: (ctx: RuleContext<E, I>) => Partial<E>
  /** Type of the main event (without prefix). */
  readonly event: string
  /** Data of the main event. */
  readonly data?: (ctx: RuleContext<E, I>) => Readonly<Record<string, unknown>>
  /** Further events after the main one (e.g. `agreement.effective` after the last signature). */
  readonly more?: (ctx: RuleContext<E, I>, to: S) => readonly EventSpec[]
}

/** What a rule decides once guard and input passed. */
export interface Resolution<E, S extends string> {
  readonly to: S
  readonly patch: Partial<E>
  readonly events: readonly EventSpec[]
}

/** A table cell with its input type erased, so one table can hold commands of different inputs. */
export interface Rule<E, S extends string> {
  readonly who: readonly ActorKind[]
  readonly guard?: (ctx: GuardContext<E>) => CoreError | undefined
  readonly resolve: (raw: unknown, ctx: GuardContext<E>) => Outcome<Resolution<E, S>>
}

/** Builds rules for one machine: `const rule = ruleFor<CaseEntity, CaseStatus>()`. */
export function ruleFor<E, S extends string>() {
  return <I = undefined>(spec: RuleSpec<E, S, I>): Rule<E, S> => {
    const resolve = (raw: unknown, ctx: GuardContext<E>): Outcome<Resolution<E, S>> => {
      let input: I
      if (spec.input) {
        const parsed = spec.input(raw, ctx)
        if (!parsed.ok) return parsed
        input = parsed.value
      } else {
        input = undefined as I
      }
      const full: RuleContext<E, I> = { ...ctx, input }
      const to = typeof spec.to === 'function' ? spec.to(full) : spec.to
      const main: EventSpec = spec.data
        ? { type: spec.event, data: spec.data(full) }
        : { type: spec.event }
      return {
        ok: true,
        value: {
          to,
          patch: spec.set ? spec.set(full) : {},
          events: [main, ...(spec.more?.(full, to) ?? [])],
        },
      }
    }
    return spec.guard ? { who: spec.who, guard: spec.guard, resolve } : { who: spec.who, resolve }
  }
}

/** A state machine as data: the same table drives the client's buttons and the server's guards. */
export interface Machine<E extends MachineEntity<S>, S extends string, C extends string> {
  /** Prefix of its event types, e.g. `case`. */
  readonly name: string
  /** Chinese name of the entity, for messages. */
  readonly label: string
  readonly states: readonly S[]
  readonly commands: readonly C[]
  /** The status a new entity is created in. */
  readonly initial: S
  readonly stateLabels: Readonly<Record<S, string>>
  readonly commandLabels: Readonly<Record<C, string>>
  readonly table: { readonly [K in S]: { readonly [K2 in C]?: Rule<E, S> } }
}

/** What `transition` returns: the next entity and its events, or why not. */
export type TransitionResult<E> =
  | { readonly ok: true; readonly next: E; readonly events: readonly DomainEvent[] }
  | { readonly ok: false; readonly error: CoreError }

function fail(
  code: EngineErrorCode,
  message: string,
  field?: string,
): {
  readonly ok: false
  readonly error: CoreError
} {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } }
}

/** Whether `value` is one of `list` (narrowing an untrusted string). */
function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

interface Located<E, S extends string, C extends string> {
  readonly state: S
  readonly command: C
  readonly rule: Rule<E, S>
  readonly ctx: GuardContext<E>
}

/** Everything `transition` checks before a guard runs, in the order callers see the errors. */
function locate<E extends MachineEntity<S>, S extends string, C extends string>(
  machine: Machine<E, S, C>,
  entity: unknown,
  command: unknown,
  actor: unknown,
  now: unknown,
): Outcome<Located<E, S, C>> {
  if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) {
    return fail('INVALID_ENTITY', `${machine.label}数据缺失`)
  }
  const { status, version } = entity as { status?: unknown; version?: unknown }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail('INVALID_ENTITY', `${machine.label}版本号不正确`, 'version')
  }
  if (!isOneOf(machine.states, status)) {
    return fail('UNKNOWN_STATE', `${machine.label}状态「${String(status)}」无法识别`, 'status')
  }
  if (!isOneOf(machine.commands, command)) {
    return fail('UNKNOWN_COMMAND', `不支持的操作「${String(command)}」`, 'command')
  }
  const actorError = checkActor(actor)
  if (actorError) return { ok: false, error: actorError }
  const ms = toMs(now)
  if (ms === undefined) return fail('INVALID_TIME', '时间格式不正确', 'now')
  const rule = machine.table[status][command]
  if (!rule) {
    return fail(
      'INVALID_TRANSITION',
      `当前状态「${machine.stateLabels[status]}」不能「${machine.commandLabels[command]}」`,
    )
  }
  const who = actor as Actor
  if (!rule.who.includes(who.kind)) {
    return fail(
      'FORBIDDEN_ACTOR',
      `${ACTOR_KIND_LABELS[who.kind]}无权「${machine.commandLabels[command]}」`,
    )
  }
  return {
    ok: true,
    value: { state: status, command, rule, ctx: { entity: entity as E, actor: who, now: ms } },
  }
}

/**
 * Applies `command` to `entity` for `actor` at `now`. Pure: the caller stores `next` (with
 * `version + 1`, written only if the stored version is still `entity.version`) and the events.
 * Never throws: a rule tripping over malformed stored data yields `INVALID_ENTITY`.
 */
export function transition<
  E extends MachineEntity<S>,
  S extends string,
  C extends string,
  T extends E,
>(
  machine: Machine<E, S, C>,
  entity: T,
  command: C | (string & {}),
  actor: Actor,
  now: Instant,
  input?: unknown,
): TransitionResult<T> {
  try {
    const found = locate(machine, entity, command, actor, now)
    if (!found.ok) return found
    const { state, rule, ctx } = found.value
    const guardError = rule.guard?.(ctx)
    if (guardError) return { ok: false, error: guardError }
    const resolved = rule.resolve(input, ctx)
    if (!resolved.ok) return resolved
    const { to, patch, events } = resolved.value
    const next = { ...entity, ...patch, status: to, version: entity.version + 1 }
    const at = new Date(ctx.now)
    return {
      ok: true,
      next,
      events: events.map((e) => ({
        type: `${machine.name}.${e.type}`,
        at,
        actorKind: ctx.actor.kind,
        actorId: ctx.actor.id,
        from: state,
        to,
        ...(e.data === undefined ? {} : { data: e.data }),
      })),
    }
  } catch {
    return fail('INVALID_ENTITY', `${machine.label}数据格式不正确`)
  }
}

/**
 * The commands `actor` may issue on `entity` now (state, actor kind and guard all pass), in the
 * machine's command order: what the pages show as buttons. Input is checked only on submit.
 */
export function allowedCommands<E extends MachineEntity<S>, S extends string, C extends string>(
  machine: Machine<E, S, C>,
  entity: E,
  actor: Actor,
  now: Instant,
): C[] {
  return machine.commands.filter((command) => {
    try {
      const found = locate(machine, entity, command, actor, now)
      return found.ok && found.value.rule.guard?.(found.value.ctx) === undefined
    } catch {
      return false
    }
  })
}

/** The Chinese label of a status, or the raw value when the status is unknown. */
export function statusLabel<S extends string>(
  machine: { readonly states: readonly S[]; readonly stateLabels: Readonly<Record<S, string>> },
  status: unknown,
): string {
  return isOneOf(machine.states, status) ? machine.stateLabels[status] : String(status)
}
