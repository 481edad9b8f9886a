// The case's stages as vertical steps, then every recorded event (newest first). The page maps
// the detail into `steps` and `events` (see pages/case/detail/logic.ts); this only renders them.
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    steps: { type: Array, value: [] },
    events: { type: Array, value: [] },
  },
})
