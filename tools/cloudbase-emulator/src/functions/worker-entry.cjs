'use strict'
/* global __filename */
// Bootstrap of one function instance (a worker thread with its own process.env, like one SCF
// instance). Plain CommonJS so it needs no loader: it installs the egress guard before the
// function's bundle can touch the network, captures console output per invocation, and runs
// `exports.main(event, context)` one invocation at a time.

const { parentPort, workerData } = require('node:worker_threads')
const { format } = require('node:util')
const { performance } = require('node:perf_hooks')

const guard = require(workerData.guardPath).install()

let current = null
// Same clock as the runtime's (each thread has its own timeOrigin; the sum is shared).
const wallNow = () => performance.timeOrigin + performance.now()
let callerKeys = []

function post(message) {
  parentPort.postMessage(message)
}

for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => {
    post({ type: 'log', invocationId: current, level, text: format(...args), at: Date.now() })
  }
}

process.on('unhandledRejection', (reason) => {
  const text = reason instanceof Error ? reason.stack || reason.message : format(reason)
  post({
    type: 'log',
    invocationId: current,
    level: 'error',
    text: `Unhandled rejection: ${text}`,
    at: Date.now(),
  })
})

let handler = null
let initError = null
let entry = workerData.entry || null

function loadHandler() {
  if (handler) return handler
  if (initError) throw initError
  const mod = require(entry)
  const main = mod && typeof mod.main === 'function' ? mod.main : null
  if (!main) {
    const err = new Error(`函数入口 ${entry} 没有导出 main 方法`)
    err.name = 'HandlerNotFound'
    throw err
  }
  handler = main
  return handler
}

function describe(err) {
  if (err instanceof Error) {
    // The runtime's own frames say nothing about the function's bug.
    const stack = (err.stack || '')
      .split('\n')
      .filter((line) => !line.includes(__filename) && !line.includes('node:internal'))
      .join('\n')
    return { name: err.name, message: err.message, stack }
  }
  return { name: 'Error', message: format(err), stack: '' }
}

function init() {
  try {
    loadHandler()
  } catch (err) {
    initError = err
  }
  post({ type: 'ready' })
}

parentPort.on('message', async (message) => {
  if (message && message.type === 'bind' && entry === null) {
    // A spare instance becomes one function's instance for one caller: the whole environment is
    // replaced before the bundle loads, so nothing of the spare's start-up environment remains.
    for (const key of Object.keys(process.env)) delete process.env[key]
    Object.assign(process.env, message.env)
    entry = message.entry
    init()
    return
  }
  if (!message || message.type !== 'invoke') return
  const receivedAt = wallNow()
  current = message.invocationId
  // SCF sets the caller's context per request; the previous caller's values must not survive.
  for (const key of callerKeys) delete process.env[key]
  callerKeys = Object.keys(message.callerEnv || {})
  Object.assign(process.env, message.callerEnv)
  let reply
  let mainAt = receivedAt
  try {
    const main = loadHandler()
    mainAt = wallNow()
    const value = await main(message.event, message.context)
    const json = JSON.stringify(value === undefined ? null : value)
    reply = {
      type: 'done',
      invocationId: current,
      ok: true,
      json: json === undefined ? 'null' : json,
    }
  } catch (err) {
    reply = { type: 'done', invocationId: current, ok: false, error: describe(err) }
  }
  reply.times = [receivedAt, mainAt, wallNow()]
  reply.attempts = guard.take()
  current = null
  post(reply)
})

// SCF's init phase: the bundle is loaded before the first event, and its load time does not
// count against the execution timeout. A spare instance only preloads wx-server-sdk (whose module
// load reads no caller state) and waits to be bound.
if (entry !== null) {
  init()
} else {
  if (workerData.preload) {
    try {
      require(workerData.preload)
    } catch {
      // The bundle will report a missing SDK itself when it loads.
    }
  }
  post({ type: 'spare' })
}
