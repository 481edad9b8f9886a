export * from './actor'
export * from './machine'
export * from './input'
export * from './identity'
