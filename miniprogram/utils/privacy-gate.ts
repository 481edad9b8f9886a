// The gate that answers WeChat's privacy authorisation requests. WeChat holds a privacy
// API call (chooseMedia, startFacialRecognitionVerify, …) until the app resolves its request:
// a mounted consent popup asks the user; without one the 隐私保护指引 page does.

/** The version of the 隐私保护指引 the consent refers to (recorded by `profile.acceptPrivacy`). */
export const PRIVACY_GUIDE_VERSION = '2026-01'

export type PrivacyResolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void

export interface PrivacyApi {
  onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void): void
}

/** A consent surface (popup or page) that can show itself. */
export type PrivacyPresenter = () => void

export class PrivacyGate {
  private pending: PrivacyResolve[] = []
  private readonly presenters: PrivacyPresenter[] = []
  private registered = false

  /** `fallback` opens a consent surface when no popup is mounted on the current page. */
  constructor(private readonly fallback: PrivacyPresenter) {}

  /** Registers the WeChat hook; later calls do nothing (WeChat keeps only one listener). */
  register(api: PrivacyApi): void {
    if (this.registered) return
    this.registered = true
    api.onNeedPrivacyAuthorization((resolve) => {
      this.pending.push(resolve)
      const present = this.presenters[this.presenters.length - 1]
      if (present) present()
      else this.fallback()
    })
  }

  /** A popup mounts itself; the newest one (the page on top) answers. Returns the unmount. */
  attach(present: PrivacyPresenter): () => void {
    this.presenters.push(present)
    return () => {
      const i = this.presenters.lastIndexOf(present)
      if (i >= 0) this.presenters.splice(i, 1)
    }
  }

  /** Whether a privacy API call waits for the user's answer. */
  get waiting(): boolean {
    return this.pending.length > 0
  }

  /** The user tapped the `agreePrivacyAuthorization` button with this id. */
  agree(buttonId: string): void {
    this.settle({ event: 'agree', buttonId })
  }

  /** The user declined; the waiting API call fails. */
  disagree(): void {
    this.settle({ event: 'disagree' })
  }

  private settle(answer: { event: 'agree' | 'disagree'; buttonId?: string }): void {
    const pending = this.pending
    this.pending = []
    for (const resolve of pending) resolve(answer)
  }
}
