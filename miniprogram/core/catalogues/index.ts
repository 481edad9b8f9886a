export * from './dispute-types'
export * from './organisation-types'
export * from './party-types'
export { ID_TYPES, type IdType, type IdTypeEntry, getIdType, isIdType } from '../identity/id-types'
