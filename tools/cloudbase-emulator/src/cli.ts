// `npm run emulator -- --port <p> --data <dir> [--import <dir>] [--seed] [--export-on-exit <dir>]`
import { parseArgs } from 'node:util'
import { parseFaultConfig } from './faults/index'
import { DEFAULT_PORT, startEmulator, type StartOptions } from './index'

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        import: { type: 'string' },
        seed: { type: 'boolean' },
        'export-on-exit': { type: 'string' },
        clock: { type: 'string' },
        env: { type: 'string' },
        'in-memory': { type: 'boolean' },
        faults: { type: 'string' },
        'storage-rules': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    })
  } catch (err) {
    return fail(`参数错误：${err instanceof Error ? err.message : String(err)}`)
  }
})()

if (values.help === true) {
  process.stdout.write(
    [
      '用法：npm run emulator -- [选项]',
      `  --port <p>               端口（默认 ${DEFAULT_PORT}；0 为随机）`,
      '  --data <dir>             数据目录（默认 .cloudbase/）',
      '  --import <dir>           启动时用导出目录替换 demo-local 的数据',
      '  --seed                   载入 tools/cloudbase-emulator/seed 的演示数据',
      '  --export-on-exit <dir>   退出时导出 demo-local 的数据',
      '  --clock controlled       可控时钟（POST /__emulator/clock）',
      '  --env <id>               默认环境 ID（默认 demo-local）',
      '  --in-memory              数据库只放内存',
      '  --faults <json>          故障注入设置（与 POST /__emulator/faults 相同）',
      '  --storage-rules <file>   存储安全规则文件（默认 storage/rules.json）',
      '',
    ].join('\n'),
  )
  process.exit(0)
}

const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`端口无效：${values.port}`)
if (values.clock !== undefined && values.clock !== 'real' && values.clock !== 'controlled') {
  fail('--clock 只能是 real 或 controlled')
}

const faults = (() => {
  if (values.faults === undefined) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(values.faults)
  } catch {
    return fail('--faults 必须是 JSON 对象')
  }
  const parsed = parseFaultConfig(raw)
  return parsed.ok ? parsed.config : fail(`--faults 有误：${parsed.message}`)
})()

const options: StartOptions = {
  port,
  ...(values.data === undefined ? {} : { dataDir: values.data }),
  ...(values.import === undefined ? {} : { importDir: values.import }),
  ...(values.seed === true ? { seed: true } : {}),
  ...(values.clock === undefined ? {} : { clock: values.clock }),
  ...(values.env === undefined ? {} : { envId: values.env }),
  ...(values['in-memory'] === true ? { inMemory: true } : {}),
  ...(faults === undefined ? {} : { faults }),
  ...(values['storage-rules'] === undefined ? {} : { storageRules: values['storage-rules'] }),
  echoLog: process.env['EMULATOR_LOG'] === '1',
}

async function main(): Promise<void> {
  const running = await startEmulator(options).catch((err: unknown) =>
    fail(`模拟器启动失败：${err instanceof Error ? err.message : String(err)}`),
  )

  process.stdout.write(
    [
      `CloudBase 模拟器已启动（环境 ${running.envId}，数据目录 ${running.dataDir}）`,
      `  admin   ${running.adminUrl}`,
      `  client  ${running.clientUrl}`,
      `  console ${running.consoleUrl}`,
      `  status  ${running.baseUrl}/__emulator/status`,
      '',
    ].join('\n'),
  )

  let stopping = false
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    process.stdout.write(`收到 ${signal}，正在停止模拟器…\n`)
    try {
      const exportDir = values['export-on-exit']
      if (exportDir !== undefined) {
        const summary = await running.export(exportDir)
        process.stdout.write(
          `已导出到 ${exportDir}：${summary.documents} 条记录，${summary.files} 个文件\n`,
        )
      }
      await running.stop()
      process.exit(0)
    } catch (err) {
      process.stderr.write(`停止时出错：${err instanceof Error ? err.message : String(err)}\n`)
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

// No top-level await: tsx runs this package's .ts files as CommonJS.
void main()
