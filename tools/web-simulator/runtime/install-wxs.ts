import { installWxsRuntime } from './wxs-instance'

// The template group evaluates inline WXS as soon as the bundle runs, before boot(): the WXS
// globals (getRegExp, getDate, constructor names) must exist first.
installWxsRuntime()
