import type { BuiltinRegistration } from './define'
import { inputBuiltins } from './text-input'
import { mediaBuiltins } from './media'
import { interactiveBuiltins } from './interactive'
import { scrollingBuiltins } from './scrolling'

// view, text, label, button, block and the like stay native DOM nodes (styled by runtime.css);
// these need behaviour of their own.
export const BUILTINS: BuiltinRegistration[] = [
  ...inputBuiltins,
  ...mediaBuiltins,
  ...interactiveBuiltins,
  ...scrollingBuiltins,
]
