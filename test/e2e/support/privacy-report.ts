import { writeFileSync } from 'node:fs'
import type { CaptureSnapshot } from '../../../tools/cloudbase-emulator/src/capture/types'
import { describeFinding, scanCapture, type ScanResult } from './privacy-scan'
import { e2eSubjects } from './privacy-subjects'

// The end of the e2e run: scan everything the emulator captured and print the figures. Global
// teardown errors are only logged by vitest (the exit code stays 0), so a finding also sets
// process.exitCode: the scan's failure fails `npm test`.

const MAX_LISTED = 40

export function privacyScanAtEnd(snapshot: CaptureSnapshot): ScanResult {
  const dump = process.env['PRIVACY_CAPTURE_DUMP']
  if (dump) writeFileSync(dump, JSON.stringify(snapshot))
  const result = scanCapture(snapshot.entries, e2eSubjects())
  const c = result.counts
  console.log(
    `privacy scan: ${c.responses} responses (+${c.internalResponses} between functions), ` +
      `${c.logLines} log lines, ${c.messages} message writes, ` +
      `${c.subscribeMessages} subscribe messages, ${c.sms} SMS scanned; ` +
      `${result.findings.length} findings`,
  )
  if (result.findings.length > 0) {
    for (const f of result.findings.slice(0, MAX_LISTED)) console.error(`  ${describeFinding(f)}`)
    if (result.findings.length > MAX_LISTED)
      console.error(`  … and ${result.findings.length - MAX_LISTED} more`)
    process.exitCode = 1
  }
  return result
}
