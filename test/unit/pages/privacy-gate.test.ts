import { describe, expect, it } from 'vitest'
import { PrivacyGate, type PrivacyResolve } from '../../../miniprogram/utils/privacy-gate'

type Answer = Parameters<PrivacyResolve>[0]

function setup() {
  let hook: ((resolve: PrivacyResolve) => void) | undefined
  let registrations = 0
  const fallbacks: number[] = []
  const gate = new PrivacyGate(() => fallbacks.push(1))
  const api = {
    onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void) {
      registrations += 1
      hook = listener
    },
  }
  gate.register(api)
  gate.register(api)
  const ask = () => {
    const answers: Answer[] = []
    hook?.((a) => answers.push(a))
    return answers
  }
  return { gate, ask, fallbacks, registrations: () => registrations }
}

describe('PrivacyGate', () => {
  it('registers the WeChat hook once', () => {
    expect(setup().registrations()).toBe(1)
  })

  it('shows the newest mounted popup and resolves the waiting call with its button', () => {
    const { gate, ask, fallbacks } = setup()
    const shown: string[] = []
    gate.attach(() => shown.push('lower page'))
    gate.attach(() => shown.push('top page'))
    const answers = ask()
    expect(shown).toEqual(['top page'])
    expect(gate.waiting).toBe(true)
    gate.agree('agree-privacy')
    expect(answers).toEqual([{ event: 'agree', buttonId: 'agree-privacy' }])
    expect(gate.waiting).toBe(false)
    expect(fallbacks).toEqual([])
  })

  it('opens the privacy page when no popup is mounted, and a refusal fails the call', () => {
    const { gate, ask, fallbacks } = setup()
    const detach = gate.attach(() => undefined)
    detach()
    const answers = ask()
    expect(fallbacks).toEqual([1])
    gate.disagree()
    expect(answers).toEqual([{ event: 'disagree' }])
  })

  it('answers every call that waited, once', () => {
    const { gate, ask } = setup()
    gate.attach(() => undefined)
    const first = ask()
    const second = ask()
    gate.agree('b')
    gate.agree('b')
    expect([first, second]).toEqual([
      [{ event: 'agree', buttonId: 'b' }],
      [{ event: 'agree', buttonId: 'b' }],
    ])
  })
})
