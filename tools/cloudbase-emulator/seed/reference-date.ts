/** 2026-11-01T00:00:00+08:00: the fixed "today" of the demo data (never the real clock). */
export const REFERENCE_DATE = new Date('2026-11-01T00:00:00+08:00')

export const DEFAULT_SEED = 'shanghui-tiaojie-seed-v1'
