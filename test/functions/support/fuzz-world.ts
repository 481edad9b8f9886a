// Files of other people that a caller may try to pass off as their own: the respondent's ID
// photo, evidence and signature image, and a path that climbs out of the caller's own folder.
import type { Harness } from '../harness'
import { RESPONDENT } from './case-fixtures'
import { privateFile } from './settled-case-fixtures'

export async function forgedFiles(h: Harness): Promise<(openid: string) => readonly string[]> {
  const theirs = [
    await privateFile(h, RESPONDENT.openid, 'identity/front.jpg'),
    await privateFile(h, RESPONDENT.openid, 'evidence/contract.jpg'),
    await privateFile(h, RESPONDENT.openid, 'signatures/mine.png'),
  ]
  const { privatePrefix } = await import('../../../cloudfunctions/_shared/storage')
  const photo = theirs[0] ?? ''
  const root = photo.slice(0, photo.indexOf('/private/') + 1)
  const theirPath = photo.slice(root.length)
  return (openid) => [
    ...theirs,
    `${root}${privatePrefix(openid)}../../${theirPath}`,
    `${root}${privatePrefix(openid)}..%2F..%2F${theirPath}`,
  ]
}
