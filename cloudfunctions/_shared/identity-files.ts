// The files a manual identity submission holds. verifyIdentity serves and replaces them, the
// deadlines timer erases them after retention: both must name the same set, or a photo outlives
// its period.

export interface IdentityFileHolder {
  readonly photos?: {
    readonly front?: string | null
    readonly back?: string | null
    readonly handheld?: string | null
  } | null
  readonly enterprise?: {
    readonly licenceFileId?: string | null
    readonly authorisationFileId?: string | null
  } | null
}

/** Every file a submission holds (ID photos and the enterprise proof). */
export function identityFileIds(doc: IdentityFileHolder): string[] {
  return [
    doc.photos?.front,
    doc.photos?.back,
    doc.photos?.handheld,
    doc.enterprise?.licenceFileId,
    doc.enterprise?.authorisationFileId,
  ].filter((f): f is string => typeof f === 'string' && f.length > 0)
}
