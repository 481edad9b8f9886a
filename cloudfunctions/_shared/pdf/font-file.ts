// The CJK font the PDFs embed (subset): Noto Sans SC (SIL OFL 1.1) from the npm package
// @expo-google-fonts/noto-sans-sc, copied next to the bundle by the build (`build.assets` in the
// function's package.json), so it never counts against the 200 KB bundle budget.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseFont, type ParsedFont } from './ttf-subset'

export const FONT_FILE = 'assets/NotoSansSC-Regular.ttf'

let cached: ParsedFont | undefined

/** The parsed font, read once per instance (10 MB; parsing only reads the table directory). */
export function documentFont(): ParsedFont {
  if (cached) return cached
  const file = join(__dirname, FONT_FILE)
  if (!existsSync(file)) throw new Error(`font file missing next to the bundle: ${FONT_FILE}`)
  cached = parseFont(readFileSync(file))
  return cached
}
