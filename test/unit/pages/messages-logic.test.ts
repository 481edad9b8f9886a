import { describe, expect, it } from 'vitest'
import {
  messageRow,
  messageTime,
  openMode,
  readAllPatch,
} from '../../../miniprogram/pages/messages/logic'

// 2026-12-01 16:00 China time.
const NOW = Date.parse('2026-12-01T08:00:00.000Z')

describe('messageTime', () => {
  it('says 刚刚 within a minute and minutes within the hour', () => {
    expect(messageTime('2026-12-01T07:59:30.000Z', NOW)).toBe('刚刚')
    expect(messageTime('2026-12-01T07:35:00.000Z', NOW)).toBe('25 分钟前')
  })
  it('shows China-time clock today, month-day this year, the date before', () => {
    expect(messageTime('2026-12-01T01:05:00.000Z', NOW)).toBe('09:05')
    // 23:30 UTC on 30 Nov is already 1 Dec in China.
    expect(messageTime('2026-11-30T23:30:00.000Z', NOW)).toBe('07:30')
    expect(messageTime('2026-11-30T10:00:00.000Z', NOW)).toBe('11-30 18:00')
    expect(messageTime('2025-06-02T10:00:00.000Z', NOW)).toBe('2025-06-02')
  })
  it('shows nothing for an unreadable time', () => {
    expect(messageTime('not a time', NOW)).toBe('')
  })
})

describe('messageRow', () => {
  it('keeps what the inbox shows', () => {
    const row = messageRow(
      {
        id: 'm1',
        kind: 'case_progress',
        title: '调解员已受理',
        body: '您的案件已由调解员受理',
        link: '/pages/case/detail/index?caseId=c1',
        read: false,
        createdAt: '2026-12-01T07:00:00.000Z',
      },
      NOW,
    )
    expect(row).toEqual({
      id: 'm1',
      title: '调解员已受理',
      body: '您的案件已由调解员受理',
      link: '/pages/case/detail/index?caseId=c1',
      read: false,
      time: '15:00',
    })
  })
})

describe('openMode', () => {
  it('switches to tab pages and navigates to the others', () => {
    expect(openMode('/pages/me/index')).toBe('switchTab')
    expect(openMode('/pages/case/detail/index?caseId=c1')).toBe('navigateTo')
    expect(openMode('')).toBe('none')
    expect(openMode('https://example.com')).toBe('none')
  })
})

describe('readAllPatch', () => {
  it('marks only unread rows', () => {
    const base = { title: 't', body: 'b', link: '', time: '' }
    const patch = readAllPatch([
      { ...base, id: 'a', read: true },
      { ...base, id: 'b', read: false },
    ])
    expect(patch).toEqual({ 'messages[1].read': true })
  })
})
