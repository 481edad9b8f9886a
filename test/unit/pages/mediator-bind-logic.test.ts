import { describe, expect, it } from 'vitest'
import {
  boundMessage,
  checkBindCode,
  normaliseBindCode,
} from '../../../miniprogram/pages/mediator/bind/logic'

describe('bind code form', () => {
  it('accepts a code read aloud with spaces, dashes and lower case, and sends it normalised', () => {
    expect(checkBindCode(' abcd-efgh 23 ')).toBe('')
    expect(normaliseBindCode(' abcd-efgh 23 ')).toBe('ABCDEFGH23')
  })

  it('asks for a code when the field is empty or only separators', () => {
    expect(checkBindCode('')).toBe('请输入工商联组织提供的绑定码')
    expect(checkBindCode(' - - ')).toBe('请输入工商联组织提供的绑定码')
  })

  it('refuses other characters and overlong input with a message', () => {
    expect(checkBindCode('ABCD#1234')).toBe('绑定码只包含字母和数字，请核对后重新输入')
    expect(checkBindCode('绑定码ABCD')).toBe('绑定码只包含字母和数字，请核对后重新输入')
    expect(checkBindCode('A'.repeat(33))).toBe('绑定码不超过 32 个字符')
  })

  it('greets the mediator by name after binding', () => {
    expect(boundMessage('陈静')).toBe('绑定成功，陈静调解员，欢迎使用工作台')
    expect(boundMessage('')).toBe('绑定成功，欢迎使用工作台')
  })
})
