// The domain core's public surface: pages and cloud functions import from here or an area barrel.
export * from './result'
export * from './identity'
export * from './catalogues'
export * from './masking'
export * from './case-number'
export * from './limits'
export * from './machines'
export * from './deadlines'
export * from './recommendation'
// Both areas read untrusted text; the identity reader is the general one.
export { readText } from './identity'
