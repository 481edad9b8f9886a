// The leak scanner of the function tests: no answer carries a person's full name (outside the
// text of the agreement itself), ID number or phone number in clear. The authorisation matrix and
// every fuzz suite scan what they received with it.
import { APPLICANT, RESPONDENT } from './case-fixtures'

export interface ScannedAnswer {
  /** Where the answer came from, for the report (e.g. `fileCase.detail as stranger`). */
  readonly label: string
  /** The answer as JSON. */
  readonly body: string
}

export interface Secrets {
  /** Full names that must never appear outside the agreement text. */
  readonly names: readonly string[]
  /** ID numbers, USCCs and phone numbers that must never appear at all. */
  readonly values: readonly string[]
}

/** The seeded parties of the function tests and the numbers the fixtures enter for them. */
export const PARTY_SECRETS: Secrets = {
  names: [APPLICANT.name, RESPONDENT.name],
  values: [APPLICANT.idNumber, RESPONDENT.idNumber, '13800138000', '91110105MA01ABCD2X'],
}

// The agreement's own text is the one exception for names: the document both parties sign names
// them in full (as a mediation agreement must), and only the case's members can read it.
const withoutAgreementText = (body: string) =>
  body.replace(/"text":"(?:[^"\\]|\\.)*","hash":"[0-9a-f]{64}"/g, '"text":"…"')

/** Every leak found, as `label: secret`. */
export function leaksIn(answers: readonly ScannedAnswer[], secrets: Secrets): string[] {
  const leaks: string[] = []
  for (const a of answers) {
    const named = withoutAgreementText(a.body)
    for (const name of secrets.names) if (named.includes(name)) leaks.push(`${a.label}: ${name}`)
    for (const value of secrets.values)
      if (a.body.includes(value)) leaks.push(`${a.label}: ${value}`)
  }
  return leaks
}
