// Every action of `FunctionContracts` with the error codes its contract declares, read by the
// TypeScript checker from `typings/api/index.ts` itself. The fuzz suites assert against this, so a
// new action or a new code in a contract reaches them without anyone editing a list.
import { join } from 'node:path'
import ts from 'typescript'
import { repoRoot } from '../harness'

export interface ContractAction {
  readonly fn: string
  readonly action: string
  /** The action's own codes (its contract's `errors` union); the common ones are separate. */
  readonly codes: readonly string[]
}

function literals(type: ts.Type): string[] {
  const parts = type.isUnion() ? type.types : [type]
  return parts.flatMap((t) => (t.isStringLiteral() ? [t.value] : []))
}

function memberType(checker: ts.TypeChecker, owner: ts.Type, name: string, at: ts.Node): ts.Type {
  const symbol = checker.getPropertyOfType(owner, name)
  if (!symbol) throw new Error(`contract type has no ${name}`)
  return checker.getTypeOfSymbolAtLocation(symbol, at)
}

let cached: { actions: ContractAction[]; common: string[] } | undefined

function load(): { actions: ContractAction[]; common: string[] } {
  if (cached) return cached
  const index = join(repoRoot, 'typings/api/index.ts')
  const program = ts.createProgram([index], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    // No DOM: the contracts need only the language's own types, and DOM doubles the load.
    lib: ['lib.es2022.d.ts'],
  })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(index)
  if (!source) throw new Error('typings/api/index.ts not found')
  let registry: ts.InterfaceDeclaration | undefined
  let common: ts.Type | undefined
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'FunctionContracts') registry = node
  })
  const envelope = program.getSourceFile(join(repoRoot, 'typings/api/envelope.ts'))
  if (envelope) {
    ts.forEachChild(envelope, (node) => {
      if (ts.isTypeAliasDeclaration(node) && node.name.text === 'CommonErrorCode') {
        common = checker.getTypeAtLocation(node)
      }
    })
  }
  if (!registry || !common) throw new Error('FunctionContracts / CommonErrorCode not found')
  const actions: ContractAction[] = []
  const functions = checker.getTypeAtLocation(registry)
  for (const fnSymbol of functions.getProperties()) {
    const fnType = checker.getTypeOfSymbolAtLocation(fnSymbol, registry)
    for (const actionSymbol of fnType.getProperties()) {
      const contract = checker.getTypeOfSymbolAtLocation(actionSymbol, registry)
      actions.push({
        fn: fnSymbol.name,
        action: actionSymbol.name,
        codes: literals(memberType(checker, contract, 'errors', registry)).sort(),
      })
    }
  }
  cached = { actions, common: literals(common).sort() }
  return cached
}

/** Every function action in the contracts registry, with its declared error codes. */
export function contractActions(): readonly ContractAction[] {
  return load().actions
}

/** `CommonErrorCode`: the codes any action may answer on top of its own. */
export function commonCodes(): readonly string[] {
  return load().common
}
