/**
 * Only `demo-*` and `local-*` environments are served (Firebase's `demo-` rule): a production env
 * id in a misconfigured function can then never be mistaken for local data, and vice versa.
 */
const ENV_NAME = /^(?:demo|local)-[A-Za-z0-9_-]{1,60}$/

export function isLocalEnvName(name: unknown): name is string {
  return typeof name === 'string' && ENV_NAME.test(name)
}

export const ENV_NAME_RULE = '环境 ID 必须以 demo- 或 local- 开头，只含字母、数字、-、_'
