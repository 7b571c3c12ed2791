/**
 * The built-in relay account: a key the extension generates and holds, so a relay can always be signed with the
 * full access list (MetaMask drops it, docs/ARCHITECTURE.md §6). The user tops it up with a plain transfer.
 *
 * - At rest: encrypted with the user's password (vault.ts) in `chrome.storage.local`.
 * - Unlocked: the key is held in this worker's memory and in `chrome.storage.session`, which lives in memory until
 *   the browser closes and is readable only by the extension's own contexts; a worker restart (every 30 s idle)
 *   must not ask for the password again.
 * - It never leaves the background: pages get the address, balances and signing *results*. The one exception is
 *   `exportKey`, which requires the password typed again. Nothing here logs the key or puts it in an error.
 */
import { createPublicClient, isAddressEqual, type Chain, type Hex } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

import {
  type ChainConfig,
  chainConfigToViemChain,
  createLocalSigner,
  type RelaySigner,
  rpcTransport,
  SuperchainRelayError,
} from '../../src/core'

import { serializeError } from '../messaging/codec'
import type { ChainBalance, RelayAccountStatus } from '../messaging/protocol'
import type { StorageAreaLike } from './host'
import { decryptPrivateKey, encryptPrivateKey, readVault, PBKDF2_ITERATIONS, type RelayVault } from './vault'

const VAULT_KEY = 'relayAccount'
const SESSION_KEY = 'relayAccountKey'
const MIN_PASSWORD_LENGTH = 8

export class RelayAccountError extends SuperchainRelayError {
  override name = 'RelayAccountError'
}

export class RelayAccountLockedError extends SuperchainRelayError {
  override name = 'RelayAccountLockedError'
}

export interface RelayAccountOptions {
  local: StorageAreaLike
  session: StorageAreaLike
  /** Tests lower it to keep PBKDF2 quick; the floor (vault.ts) still applies when reading. */
  iterations?: number
}

export interface RelayAccount {
  status(): Promise<RelayAccountStatus>
  create(password: string): Promise<RelayAccountStatus>
  unlock(password: string): Promise<RelayAccountStatus>
  lock(): Promise<RelayAccountStatus>
  exportKey(password: string): Promise<Hex>
  remove(confirmAddress: string): Promise<RelayAccountStatus>
  balances(chains: readonly ChainConfig[]): Promise<ChainBalance[]>
  /** A signer for relays; throws `RelayAccountLockedError` (or RelayAccountError when none exists). */
  signer(): Promise<RelaySigner>
}

export function createRelayAccount(options: RelayAccountOptions): RelayAccount {
  const { local, session } = options
  // Memory copy; `chrome.storage.session` is the copy that survives a worker restart.
  let unlockedKey: Hex | undefined
  let restored = false

  const vault = async (): Promise<RelayVault | undefined> =>
    readVault((await local.get(VAULT_KEY))[VAULT_KEY])

  async function key(): Promise<Hex | undefined> {
    if (!restored) {
      restored = true
      const stored = (await session.get(SESSION_KEY))[SESSION_KEY]
      if (typeof stored === 'string' && /^0x[0-9a-fA-F]{64}$/.test(stored)) unlockedKey ??= stored as Hex
    }
    return unlockedKey
  }

  async function hold(privateKey: Hex | undefined): Promise<void> {
    unlockedKey = privateKey
    restored = true
    if (privateKey) await session.set({ [SESSION_KEY]: privateKey })
    else await session.remove(SESSION_KEY)
  }

  async function status(): Promise<RelayAccountStatus> {
    const v = await vault()
    if (!v) return { exists: false, unlocked: false }
    const k = await key()
    return { exists: true, unlocked: k !== undefined, address: v.address }
  }

  async function required(): Promise<RelayVault> {
    const v = await vault()
    if (!v) throw new RelayAccountError('there is no relay account yet: create one in the options page')
    return v
  }

  function checkPassword(password: unknown): asserts password is string {
    if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
      throw new RelayAccountError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long`)
    }
  }

  async function decrypt(password: unknown): Promise<Hex> {
    if (typeof password !== 'string') throw new RelayAccountError('a password is required')
    const v = await required()
    const privateKey = await decryptPrivateKey(v, password)
    // The address is stored in clear for display; make sure it is the key's, not an edited one.
    if (!isAddressEqual(privateKeyToAccount(privateKey).address, v.address)) {
      throw new RelayAccountError('the stored relay account is inconsistent: delete it and create a new one')
    }
    return privateKey
  }

  return {
    status,

    async create(password) {
      checkPassword(password)
      if (await vault()) {
        throw new RelayAccountError('a relay account already exists: delete it first to create another')
      }
      const privateKey = generatePrivateKey()
      const { address } = privateKeyToAccount(privateKey)
      const v = await encryptPrivateKey(
        privateKey,
        address,
        password,
        options.iterations ?? PBKDF2_ITERATIONS,
      )
      await local.set({ [VAULT_KEY]: v })
      await hold(privateKey)
      return status()
    },

    async unlock(password) {
      await hold(await decrypt(password))
      return status()
    },

    async lock() {
      await hold(undefined)
      return status()
    },

    exportKey: decrypt,

    async remove(confirmAddress) {
      const v = await vault()
      if (!v) return status()
      if (typeof confirmAddress !== 'string' || confirmAddress.toLowerCase() !== v.address.toLowerCase()) {
        throw new RelayAccountError('to delete the relay account, confirm with its address')
      }
      await hold(undefined)
      await local.remove(VAULT_KEY)
      return status()
    },

    async balances(chains) {
      const v = await required()
      return Promise.all(
        chains.map(async (config): Promise<ChainBalance> => {
          const client = createPublicClient({
            chain: chainConfigToViemChain(config),
            transport: rpcTransport(config, { timeoutMs: 5_000, retryCount: 0 }),
          })
          try {
            return {
              chainId: config.id,
              name: config.name,
              balance: await client.getBalance({ address: v.address }),
            }
          } catch (error) {
            return { chainId: config.id, name: config.name, error: serializeError(error).message }
          }
        }),
      )
    },

    async signer() {
      const v = await required()
      const privateKey = await key()
      if (!privateKey) {
        throw new RelayAccountLockedError(
          `the relay account ${v.address} is locked: unlock it in the options page (Relay account), then try again`,
        )
      }
      return createLocalSigner(privateKeyToAccount(privateKey), (chain: Chain) =>
        rpcTransport({ rpcUrl: chain.rpcUrls.default.http[0] ?? chain.rpcUrls.default.webSocket?.[0] ?? '' }),
      )
    },
  }
}
