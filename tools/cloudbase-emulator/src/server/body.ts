import type { IncomingMessage } from 'node:http'

/** CloudBase refuses request bodies above 5 MB; the emulator does the same. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024

export type BodyResult =
  | { readonly kind: 'ok'; readonly body: Buffer }
  | { readonly kind: 'too-large'; readonly bytes: number }

/**
 * Reads a request body. Past the limit the rest is read and dropped rather than kept, so the
 * client still gets a proper reply on a live connection instead of a reset socket.
 */
export function readBody(
  req: IncomingMessage,
  limit: number = MAX_BODY_BYTES,
): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let bytes = 0
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes <= limit) chunks.push(chunk)
    })
    req.on('end', () => {
      if (bytes > limit) resolve({ kind: 'too-large', bytes })
      else resolve({ kind: 'ok', body: Buffer.concat(chunks) })
    })
    req.on('error', reject)
  })
}
