// State machines of the domain core: one table per entity drives both the pages' buttons
// (allowedCommands) and the cloud functions' guards (transition).
export * from './actor'
export * from './machine'
export * from './input'
export * from './identity'
export * from './mediation-case'
export * from './case-follow-ups'
export * from './agreement'
export * from './judicial-confirmation'
export * from './document-request'
export * from './filing'
export * from './registry'
