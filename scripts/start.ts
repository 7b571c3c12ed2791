/**
 * `npm start`: the whole journey on one machine. Starts the local two-chain devnet (without an autorelayer, so
 * transfers wait for a relay and the relay prompt shows), builds the extension into dist/extension for loading
 * unpacked, and serves the demo dapp with Vite. Ctrl-C (or SIGTERM) stops all of it: the dev server, a build still
 * running, and the anvil processes behind the devnet.
 *
 * `--port N` moves the devnet; the demo page and the extension follow it without any URL parameter: both are given
 * the devnet's RPC URLs at build time, in the environment variable VITE_SUPERCHAIN_RELAY_DEVNET_RPC (Vite exposes
 * VITE_* variables to the code as import.meta.env). The extension then starts with those chains, and its "Local
 * devnet" preset points at them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { createServer, type ViteDevServer } from 'vite'

import { startDevnet, type Devnet } from '../devnet'
import { DEVNET_RPC_ENV } from '../examples/demo/settings'

const repo = fileURLToPath(new URL('..', import.meta.url))

const HELP = `Usage: npm start -- [options]

Starts the devnet (chains 901, 902), builds the extension into dist/extension and serves the demo dapp.

Options:
  --port <p>         RPC port of chain 901 (902 uses p+1). Default 9545, like Supersim.
  --demo-port <p>    port of the demo dapp. Default 5173 (the next free one if taken).
  --block-time <s>   seconds between devnet blocks. Default 2.
  --no-extension     do not build the extension.
  -h, --help         show this help`

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[22m` : s)
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[22m` : s)

function fail(message: string): never {
  console.error(`\n${message}\n`)
  process.exit(1)
}

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < 0)
    fail(`--${name} expects a whole number, got '${value}'\n\n${HELP}`)
  return n
}

let devnet: Devnet | undefined
let server: ViteDevServer | undefined
let build: ChildProcess | undefined
let stopping = false

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true
    if (build && build.exitCode === null) build.kill('SIGTERM')
    await Promise.allSettled([server?.close(), devnet?.stop()])
  }
  process.exit(code)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now": anvil has already been told to exit.
    if (stopping) process.exit(130)
    console.log(`\n${signal}: stopping the demo, the devnet and any build…`)
    void stopAll(0)
  })
}

/** Run `npm run build:extension` as a child (its own Vite config and plugins), output shown only on failure. */
function buildExtension(port: number): Promise<void> {
  const scripts = (
    JSON.parse(readFileSync(`${repo}/package.json`, 'utf8')) as { scripts?: Record<string, string> }
  ).scripts
  if (!scripts?.['build:extension'] || !existsSync(`${repo}/extension/manifest.ts`)) {
    console.log(
      `${bold('Extension')}   not in this checkout yet (no build:extension script or extension/manifest.ts): skipped`,
    )
    return Promise.resolve()
  }
  const started = Date.now()
  return new Promise((resolve) => {
    const output: Buffer[] = []
    build = spawn('npm', ['run', '--silent', 'build:extension'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    build.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
    build.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
    build.on('error', (error) => {
      console.log(`${bold('Extension')}   could not start the build: ${error.message}`)
      resolve()
    })
    build.on('exit', (code, signal) => {
      build = undefined
      if (stopping) return resolve()
      if (code === 0) {
        console.log(
          [
            `${bold('Extension')}   built into dist/extension in ${((Date.now() - started) / 1000).toFixed(1)} s. To load it in Chrome:`,
            '              chrome://extensions → turn on Developer mode → Load unpacked → choose dist/extension',
            `              it starts with chains 901 and 902 on ports ${port} and ${port + 1}`,
            '              (after a rebuild, press the reload ↻ button on its card; it keeps the chains it had:',
            '              Options → Chains → add the "Local devnet" preset to point them at these ports)',
          ].join('\n'),
        )
      } else {
        console.log(
          `${bold('Extension')}   build failed (${signal ?? `exit code ${code}`}); the devnet and demo keep running.\n` +
            dim(Buffer.concat(output).toString().trim().split('\n').slice(-25).join('\n')),
        )
      }
      resolve()
    })
  })
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'demo-port': { type: 'string' },
        'block-time': { type: 'string' },
        'no-extension': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`)
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  const port = numberOption('port', values.port, 9545)
  const demoPort = numberOption('demo-port', values['demo-port'], 5173)
  const blockTime = numberOption('block-time', values['block-time'], 2)

  // Chain 901 + i listens on port + i (devnet/index.ts): known before the devnet starts, so the extension build, which
  // runs meanwhile, gets them too.
  const devnetRpcUrls = { 901: `http://127.0.0.1:${port}`, 902: `http://127.0.0.1:${port + 1}` }
  process.env[DEVNET_RPC_ENV] = JSON.stringify(devnetRpcUrls)

  console.log(
    bold('Superchain Relay') + dim(' — starting the devnet, the demo dapp and the extension build…\n'),
  )
  const extension = values['no-extension'] ? Promise.resolve() : buildExtension(port)

  try {
    devnet = await startDevnet({
      port,
      blockTime,
      autorelay: false,
      log: (line) => console.log(dim(`[devnet] ${line}`)),
    })
  } catch (error) {
    const message = (error as Error).message
    if (/already in use/.test(message)) {
      console.error(
        `\nCannot start the devnet: ${message.replace(/: stop it or pass --port$/, '')}.\n` +
          `Stop the other \`npm start\`, \`npm run devnet\` or Supersim, or use other ports: npm start -- --port ${port + 100}\n`,
      )
    } else {
      console.error(`\nCannot start the devnet: ${message}\n`)
    }
    await stopAll(1)
  }

  server = await createServer({
    configFile: `${repo}/vite.config.ts`,
    mode: 'demo',
    logLevel: 'warn',
    server: { port: demoPort, host: 'localhost' },
  })
  await server.listen()
  const local = server.resolvedUrls?.local[0] ?? `http://localhost:${demoPort}/`

  const account = devnet!.accounts[0]
  console.log(
    [
      `${bold('Devnet')}      ${devnet!.chains.map((c) => `chain ${c.id} ${c.rpcUrl}`).join('   ')}`,
      `              blocks every ${blockTime} s, no autorelayer: cross-chain messages wait for you to relay them`,
      `              accounts: anvil's test mnemonic, #0 ${account.address} (10,000 ETH on each chain)`,
      `              MOCK token (SuperchainERC20, open mint): 0x420beeF000000000000000000000000000000001`,
      `${bold('Demo dapp')}   ${local}`,
      `              connect "Devnet Test Wallet" (built into the page: no extension needed), mint, send, relay`,
      '',
    ].join('\n'),
  )
  await extension
  if (!stopping) console.log(dim('\nPress Ctrl-C to stop everything.'))
}

main().catch(async (error: unknown) => {
  console.error(error)
  await stopAll(1)
})
