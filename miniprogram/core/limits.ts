/**
 * The numeric limits every schema, form and cloud function shares, so a rule is enforced the same
 * way on the page and on the server.
 */

/** Longest dispute description (characters): enough for facts, short enough to review on a phone. */
export const MAX_DESCRIPTION_LENGTH = 2000 as const

/** Longest text of one claim (诉求 / 调解请求) in characters. */
export const MAX_CLAIM_LENGTH = 500 as const

/** Most claims one application may list; more belongs in the description. */
export const MAX_CLAIMS = 20 as const

/** Longest reason (decline, withdrawal, rejection, extension) in characters. */
export const MAX_REASON_LENGTH = 500 as const

/** Shortest person name in characters: a one-character name does not exist on an ID card. */
export const MIN_PERSON_NAME_LENGTH = 2 as const

/** Longest person name in characters, room for transliterated names joined with `·`. */
export const MAX_PERSON_NAME_LENGTH = 30 as const

/** Shortest enterprise name in characters. */
export const MIN_ENTERPRISE_NAME_LENGTH = 2 as const

/** Longest enterprise name in characters; registered names rarely exceed 50. */
export const MAX_ENTERPRISE_NAME_LENGTH = 60 as const

/** Longest postal or service address in characters (court filings need the full address). */
export const MAX_ADDRESS_LENGTH = 200 as const

/** Longest raw identity-field input read before any parsing, so huge strings are refused cheaply. */
export const MAX_RAW_FIELD_LENGTH = 256 as const

/** Most evidence files attached to one case; keeps a case bundle reviewable and downloadable. */
export const MAX_EVIDENCE_FILES = 20 as const

/** Largest single evidence file in bytes (20 MiB), below the cloud storage upload ceiling. */
export const MAX_EVIDENCE_FILE_BYTES = 20 * 1024 * 1024

/** Smallest amount in integer fen: zero is allowed for non-monetary claims. */
export const MIN_AMOUNT_FEN = 0 as const

/** Largest amount in integer fen (10^12 yuan): stays far below Number.MAX_SAFE_INTEGER. */
export const MAX_AMOUNT_FEN = 100_000_000_000_000 as const

/** Fen per yuan: amounts are stored as integers so that two decimals never round. */
export const FEN_PER_YUAN = 100 as const

/** Default page size for list queries. */
export const DEFAULT_PAGE_SIZE = 20 as const

/** Largest page size for list queries; CloudBase returns at most 100 and lists stay light. */
export const MAX_PAGE_SIZE = 50 as const

/** Most parties on one side of a case; larger groups are representative actions handled offline. */
export const MAX_PARTIES_PER_SIDE = 10 as const

/** Longest case number; subscribe-message `character_string` values allow 32 characters. */
export const MAX_CASE_NUMBER_LENGTH = 32 as const

/** Longest subscribe-message `thing` value in characters (platform limit). */
export const MAX_SUBSCRIBE_THING_LENGTH = 20 as const

/** Longest in-app message body in characters. */
export const MAX_MESSAGE_LENGTH = 1000 as const

/** Whether `value` is a storable amount: an integer number of fen within the amount range. */
export function isAmountFen(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= MIN_AMOUNT_FEN &&
    value <= MAX_AMOUNT_FEN
  )
}
