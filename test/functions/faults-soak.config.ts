import { defineConfig } from 'vitest/config'

// `npm run soak`: the long fault runs, which `npm test` leaves out (it runs a short bounded
// version of the same file). More journeys, and each seed of the list, under the same faults.
export default defineConfig({
  test: {
    name: 'soak',
    include: ['test/functions/faults-journeys.test.ts'],
    environment: 'node',
    setupFiles: ['test/emulator/support/network-guard.ts'],
    env: { FAULT_JOURNEYS: process.env['FAULT_JOURNEYS'] ?? '8' },
    testTimeout: 900_000,
    hookTimeout: 180_000,
  },
})
