// The bind code form: the code staff hand out is read aloud or typed from a screen, so spaces,
// dashes and lower case are accepted and normalised before it is sent.

/** Longest input the server accepts for a code. */
export const MAX_BIND_CODE_INPUT = 32

/** Upper-case letters and digits only; spaces and dashes dropped. */
export function normaliseBindCode(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase()
}

/** The message under the field, or '' when the code can be sent. */
export function checkBindCode(input: string): string {
  const code = normaliseBindCode(input)
  if (!code) return '请输入工商联组织提供的绑定码'
  if (input.length > MAX_BIND_CODE_INPUT) return `绑定码不超过 ${MAX_BIND_CODE_INPUT} 个字符`
  if (!/^[A-Z0-9]+$/.test(code)) return '绑定码只包含字母和数字，请核对后重新输入'
  return ''
}

/** The success notice after binding. */
export function boundMessage(name: string): string {
  return name ? `绑定成功，${name}调解员，欢迎使用工作台` : '绑定成功，欢迎使用工作台'
}
