import { describe, expect, it } from 'vitest'

import { CHAINS, makeMessage } from './messageFixtures.test-helper'
import { cliRelayCommands } from './relayElsewhere'

describe('cliRelayCommands', () => {
  it('tracks, reads the key without echo, then relays, with both chains’ RPCs', () => {
    const message = makeMessage()
    const lines = cliRelayCommands(message, CHAINS).split('\n')
    const rpc = '--rpc 901=http://127.0.0.1:9545 --rpc 902=http://127.0.0.1:9546'
    expect(lines).toEqual([
      `npx superchain-relay track --chain 901 --tx ${message.sourceTransactionHash} ${rpc}`,
      "printf 'Relay key (0x…, not shown): ' && read -rs SUPERCHAIN_RELAY_PRIVATE_KEY && export SUPERCHAIN_RELAY_PRIVATE_KEY",
      `npx superchain-relay relay ${message.hash} ${rpc}`,
    ])
    // The key itself never appears on a command line.
    expect(lines.join('\n')).not.toMatch(/SUPERCHAIN_RELAY_PRIVATE_KEY=0x/)
  })
})
