// Weights add up to 100 so a score reads as points out of 100 and each breakdown entry as the
// points that factor earned.
export const RECOMMENDATION_WEIGHTS = {
  // The dispute's subject matter decides most: a mediator who knows construction or IP practice
  // frames a settlement the parties accept, so a specialist elsewhere outranks a local generalist.
  specialty: 35,
  // Local mediators know local trade practice, can meet in person, and the court for judicial
  // confirmation is usually where the organisation sits.
  region: 20,
  // Track record, smoothed so a short lucky streak cannot outrank a long solid one.
  successRate: 15,
  // A mediator with spare capacity starts sooner; the 30-day mediation clock runs from acceptance.
  caseload: 12,
  // Party satisfaction: useful but noisy and biased towards settled cases, so weighted lower.
  rating: 10,
  // Only matters for mediators on a short leave (long leaves and opt-outs are excluded outright).
  availability: 8,
} as const

/** Factor value (0–1) for each kind of specialty match. */
export const SPECIALTY_MATCH = { exact: 1, related: 0.5, keyword: 0.4, none: 0 } as const

/** Factor value (0–1) for each kind of region match: the same city serves parties best. */
export const REGION_MATCH = { sameCity: 1, sameProvince: 0.6, jurisdiction: 0.45, none: 0 } as const

// Beta(5, 5) prior: a mediator with no record counts as 50 %, and it takes about ten cases before
// their own record outweighs the prior, so 1/1 (≈ 55 %) stays below 80/100 (≈ 77 %).
export const SUCCESS_PRIOR_SETTLED = 5
export const SUCCESS_PRIOR_FAILED = 5

// Ratings are pulled towards a typical 4.0 with the weight of five ratings, so one 5-star review
// does not beat forty 4.8 reviews.
export const RATING_PRIOR_MEAN = 4
export const RATING_PRIOR_COUNT = 5

/** A leave ending further out than this excludes the mediator: the case would wait too long. */
export const LEAVE_HORIZON_DAYS = 14

/** Below this many closed cases the raw success rate is not shown (it would mislead). */
export const MIN_CASES_FOR_RATE_REASON = 10
/** Below this many ratings the average is not shown. */
export const MIN_RATINGS_FOR_RATING_REASON = 5

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Upper bound of candidates one call scores; the query plan never fetches more. */
export const MAX_CANDIDATES = 2000
