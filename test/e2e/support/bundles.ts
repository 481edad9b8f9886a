import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

// The e2e run's own function bundles, built with the build script's options into a private
// folder: the run always exercises the current sources, and never rewrites the
// cloudfunctions/<name>/index.js that another running emulator is loading.

interface BuildScript {
  readFunctionList(): string[]
  buildFunction(name: string, overrides?: Record<string, unknown>): Promise<unknown>
}

export async function buildE2eBundles(
  repoRoot: string,
): Promise<{ root: string; names: string[] }> {
  const spec = pathToFileURL(path.join(repoRoot, 'tools/build/build-functions.mjs')).href
  const script = (await import(spec)) as BuildScript
  const root = path.join(repoRoot, '.cloudbase', 'e2e-functions', String(process.pid))
  rmSync(root, { recursive: true, force: true })
  const names = script.readFunctionList()
  await Promise.all(
    names.map(async (name) => {
      const dir = path.join(root, name)
      mkdirSync(dir, { recursive: true })
      await script.buildFunction(name, { outfile: path.join(dir, 'index.js') })
      for (const file of ['config.json', 'package.json'])
        copyFileSync(path.join(repoRoot, 'cloudfunctions', name, file), path.join(dir, file))
    }),
  )
  return { root, names }
}
