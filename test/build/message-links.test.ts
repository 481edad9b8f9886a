import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Every page path the back end writes into a message or a share link must be a page the
// mini-program registers, or tapping the message opens nothing.

const repo = path.resolve(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (name === 'node_modules') return []
    if (statSync(full).isDirectory()) return sources(full)
    return full.endsWith('.ts') ? [full] : []
  })
}

interface AppJson {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
}

describe('links written by the cloud functions', () => {
  it('open pages registered in app.json', () => {
    const app = JSON.parse(readFileSync(path.join(repo, 'miniprogram/app.json'), 'utf8')) as AppJson
    const registered = new Set([
      ...app.pages,
      ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p))),
    ])
    const found: string[] = []
    for (const file of sources(path.join(repo, 'cloudfunctions'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['`](\/?pages\/[\w/-]+\/index)\b/g)) {
        found.push(`${path.relative(repo, file)} → ${m[1]!}`)
      }
    }
    expect(found.length).toBeGreaterThan(5)
    const broken = found.filter((f) => !registered.has(f.split(' → ')[1]!.replace(/^\//, '')))
    expect(broken).toEqual([])
  })
})
