// npm run mp:check — miniprogram-ci's offline checks on the mini-program, as DevTools runs them:
// 代码质量 (checkCodeQuality) and 代码依赖分析 (analyseCode), on a staged copy with TypeScript
// compiled and npm built (see stage.ts). Neither reads the private key nor goes online; the
// Project constructor still demands a key, which only attr() (the network call getProjectAttr
// that upload and preview make) would use, so a placeholder is passed.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ci from 'miniprogram-ci'
import { analysisFindings, formatTable, qualityFindings, type Analysis } from './findings'
import { readProjectConfig, stageProject } from './stage'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

async function main(): Promise<number> {
  const started = Date.now()
  const staged = stageProject(repoRoot)
  try {
    ci.locales.setLocale('zh')
    // miniprogram-ci's own CIProject does not satisfy its IProject under exactOptionalPropertyTypes
    // (an optional field typed without `undefined`); it is the object its README passes.
    const project = new ci.Project({
      appid: readProjectConfig(repoRoot).appid,
      type: 'miniProgram',
      projectPath: staged.projectPath,
      privateKey: 'offline-checks-read-no-key',
    }) as unknown as Parameters<typeof ci.checkCodeQuality>[0]
    const quality = await ci.checkCodeQuality(project)
    const analysis = (await ci.analyseCode(project, { silent: true })) as Analysis | undefined
    const findings = [...qualityFindings(quality), ...analysisFindings(analysis)]
    console.log(
      `\n小程序代码检查（miniprogram-ci，离线）：编译 ${staged.compiled} 个 TypeScript 文件，` +
        `构建 npm：${staged.npmPackages.join('、')}，用时 ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    )
    console.log(formatTable(findings))
    return findings.some((f) => f.blocking) ? 1 : 0
  } finally {
    rmSync(staged.projectPath, { recursive: true, force: true })
  }
}

// The analyser leaves a file watcher running: exit explicitly once the table is printed.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('小程序代码检查失败：', error instanceof Error ? error.stack : error)
    process.exit(2)
  },
)
