'use strict'
// Egress guard. Loaded first into every function worker (and into test processes) so that nothing
// a cloud function or test does can leave loopback: a forgotten seam would otherwise send real
// traffic to tcb-api.tencentcloudapi.com or api.weixin.qq.com. Every blocked attempt is recorded
// and fails the way a dead network fails (an error on the callback/socket), never silently.
//
// Plain CommonJS on purpose: it runs before any loader (tsx, vite) and inside worker threads.

const dns = require('node:dns')
const net = require('node:net')
const tls = require('node:tls')
const http = require('node:http')
const https = require('node:https')

const STATE_KEY = Symbol.for('cloudbase-emulator.network-guard')

function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true
  const h = String(host)
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true
  return false
}

function install() {
  const existing = globalThis[STATE_KEY]
  if (existing) return existing

  const attempts = []
  const state = {
    attempts,
    /** Returns and clears what was recorded so far. */
    take() {
      return attempts.splice(0, attempts.length)
    },
    isLoopbackHost,
  }
  globalThis[STATE_KEY] = state

  function record(kind, target) {
    const entry = { kind, target: String(target), at: new Date().toISOString() }
    attempts.push(entry)
    const err = new Error(`网络守卫已拦截非本机访问：${kind} ${entry.target}`)
    err.code = 'ENETGUARD'
    return err
  }

  // --- DNS ---------------------------------------------------------------------------------
  const origLookup = dns.lookup
  dns.lookup = function guardedLookup(hostname, options, callback) {
    const cb = typeof options === 'function' ? options : callback
    if (!isLoopbackHost(hostname)) {
      const err = record('dns.lookup', hostname)
      if (typeof cb === 'function') process.nextTick(() => cb(err))
      return {}
    }
    return origLookup.apply(this, arguments)
  }
  const resolverNames = [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCname',
    'resolveTxt',
  ]
  for (const name of resolverNames) {
    const orig = dns[name]
    if (typeof orig !== 'function') continue
    dns[name] = function guardedResolve(hostname) {
      const cb = arguments[arguments.length - 1]
      if (!isLoopbackHost(hostname)) {
        const err = record(`dns.${name}`, hostname)
        if (typeof cb === 'function') process.nextTick(() => cb(err))
        return undefined
      }
      return orig.apply(this, arguments)
    }
  }
  if (dns.promises) {
    const origPromiseLookup = dns.promises.lookup
    dns.promises.lookup = function guardedPromiseLookup(hostname) {
      if (!isLoopbackHost(hostname)) return Promise.reject(record('dns.lookup', hostname))
      return origPromiseLookup.apply(this, arguments)
    }
    for (const name of resolverNames) {
      const orig = dns.promises[name]
      if (typeof orig !== 'function') continue
      dns.promises[name] = function guardedPromiseResolve(hostname) {
        if (!isLoopbackHost(hostname)) return Promise.reject(record(`dns.${name}`, hostname))
        return orig.apply(this, arguments)
      }
    }
  }

  // --- sockets -----------------------------------------------------------------------------
  function targetOf(args) {
    const first = args[0]
    if (Array.isArray(first)) return targetOf(first)
    if (first !== null && typeof first === 'object') {
      if (first.path) return { local: true, label: first.path }
      return { local: false, host: first.host, label: `${first.host ?? 'localhost'}:${first.port}` }
    }
    if (typeof first === 'string' && !/^\d+$/.test(first)) return { local: true, label: first }
    const host = typeof args[1] === 'string' ? args[1] : undefined
    return { local: false, host, label: `${host ?? 'localhost'}:${first}` }
  }

  const origSocketConnect = net.Socket.prototype.connect
  net.Socket.prototype.connect = function guardedConnect() {
    const target = targetOf(arguments)
    if (!target.local && !isLoopbackHost(target.host)) {
      const err = record(
        this instanceof tls.TLSSocket ? 'tls.connect' : 'net.connect',
        target.label,
      )
      process.nextTick(() => this.destroy(err))
      return this
    }
    return origSocketConnect.apply(this, arguments)
  }

  const origTlsConnect = tls.connect
  tls.connect = function guardedTlsConnect() {
    const target = targetOf(arguments)
    if (!target.local && !isLoopbackHost(target.host)) {
      const err = record('tls.connect', target.label)
      const socket = new tls.TLSSocket(new net.Socket())
      process.nextTick(() => socket.destroy(err))
      return socket
    }
    return origTlsConnect.apply(this, arguments)
  }

  // --- http(s) -------------------------------------------------------------------------------
  function requestHost(args) {
    const first = args[0]
    if (typeof first === 'string' || first instanceof URL) {
      const u = new URL(String(first))
      return { host: u.hostname, label: `${u.protocol}//${u.host}${u.pathname}` }
    }
    const opts = first !== null && typeof first === 'object' ? first : {}
    if (opts.socketPath) return { host: 'localhost', label: opts.socketPath }
    const host = opts.hostname ?? opts.host
    return { host, label: `${host ?? 'localhost'}${opts.path ?? ''}` }
  }

  function guardRequest(mod, scheme) {
    for (const name of ['request', 'get']) {
      const orig = mod[name]
      mod[name] = function guardedRequest() {
        const { host, label } = requestHost(arguments)
        if (!isLoopbackHost(host)) {
          const err = record(`${scheme}.request`, label)
          // A request object that fails exactly like an unreachable host does, so callers that
          // listen for 'error' behave normally; the dead socket never connects anywhere.
          const args = Array.from(arguments)
          const deadSocket = () => {
            const s = new net.Socket()
            process.nextTick(() => s.destroy(err))
            return s
          }
          const optIndex = args.findIndex(
            (a) => a !== null && typeof a === 'object' && !(a instanceof URL),
          )
          if (optIndex >= 0) {
            args[optIndex] = { ...args[optIndex], agent: null, createConnection: deadSocket }
          } else {
            const cbIndex = args.findIndex((a) => typeof a === 'function')
            const opts = { agent: null, createConnection: deadSocket }
            if (cbIndex >= 0) args.splice(cbIndex, 0, opts)
            else args.push(opts)
          }
          return orig.apply(this, args)
        }
        return orig.apply(this, arguments)
      }
    }
  }
  guardRequest(http, 'http')
  guardRequest(https, 'https')

  return state
}

module.exports = { install, isLoopbackHost, STATE_KEY }

// `node --require .../network-guard.cjs` (or a worker's bootstrap) installs it on load.
install()
