/**
 * `npm run devnet` — start a local Supersim-compatible Superchain and keep it running until Ctrl-C / SIGTERM.
 */
import { parseArgs } from 'node:util'

import { DEVNET_L1_STAND_IN, startDevnet } from './index'

const HELP = `Usage: npm run devnet -- [options]

A local Superchain (Supersim-compatible): L2 chains 901, 902… each an anvil behind a JSON-RPC proxy that runs the
interop filter (every CrossL2Inbox access-list entry of a transaction must name a real initiating message).

Options:
  --chains <n>          number of L2 chains, 1–5 (default 2: 901, 902)
  --port <p>            RPC port of the first chain (default 9545; chain i listens on p+i)
  --block-time <s>      seconds between blocks, 0 = mine on every tx (default 2)
  --autorelay           relay every cross-chain message from a dedicated funded account
  --interop-delay <s>   seconds before a message may be executed on its destination (default 0)
  --message-expiry <s>  seconds after which a message can no longer be executed (default 604800 = 7 days)
  --messenger <1|2>     L2ToL2CrossDomainMessenger: 1 = 1.3.0 (default), 2 = the proposed 2.0.0 (no resendMessage,
                        8-day expireMessage, callable only by the L1 stand-in account printed at start-up)
  --slots-in-epoch <n>  safe = latest − n, finalized = latest − 2n blocks (default 2)
  -h, --help            show this help

Accounts: anvil's default mnemonic ("test test … junk"), 10,000 ETH each on every chain.
Test token MOCK (SuperchainERC20, open mint): 0x420beeF000000000000000000000000000000001`

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n)) {
    console.error(`--${name} expects a number, got '${value}'\n\n${HELP}`)
    process.exit(2)
  }
  return n
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        chains: { type: 'string' },
        port: { type: 'string' },
        'block-time': { type: 'string' },
        autorelay: { type: 'boolean' },
        'interop-delay': { type: 'string' },
        'message-expiry': { type: 'string' },
        messenger: { type: 'string' },
        'slots-in-epoch': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  const messenger = values.messenger
  if (messenger !== undefined && messenger !== '1' && messenger !== '2') {
    console.error(`--messenger expects 1 or 2, got '${messenger}'\n\n${HELP}`)
    process.exit(2)
  }
  const started = Date.now()
  const devnet = await startDevnet({
    chains: numberOption('chains', values.chains),
    port: numberOption('port', values.port),
    blockTime: numberOption('block-time', values['block-time']),
    autorelay: values.autorelay ?? false,
    interopDelay: numberOption('interop-delay', values['interop-delay']),
    messageExpiry: numberOption('message-expiry', values['message-expiry']),
    messenger: messenger === undefined ? undefined : (Number(messenger) as 1 | 2),
    slotsInAnEpoch: numberOption('slots-in-epoch', values['slots-in-epoch']),
    log: (line) => console.log(`[devnet] ${line}`),
  })
  for (const c of devnet.chains) console.log(`chain ${c.id} (${c.name}): ${c.rpcUrl}`)
  if (devnet.autorelayerAddress) console.log(`autorelayer: ${devnet.autorelayerAddress}`)
  if (devnet.messenger === 2) {
    console.log(
      `messenger 2.0.0: expireMessage is callable only by the L1 stand-in ${DEVNET_L1_STAND_IN.address} (private key ${DEVNET_L1_STAND_IN.privateKey})`,
    )
  }
  console.log(
    `devnet ready in ${Date.now() - started} ms: ${devnet.chains.map((c) => `${c.id}=${c.rpcUrl}`).join(' ')}`,
  )

  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping the devnet…`)
    devnet.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

main().catch((error: Error) => {
  console.error(`devnet failed to start: ${error.message}`)
  process.exit(1)
})
