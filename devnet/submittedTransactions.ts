/**
 * Which transactions a JSON-RPC request would put on the chain, whatever method carries them: signed raw
 * transactions (`eth_sendRawTransaction`, its `Sync` variant), requests anvil signs or impersonates
 * (`eth_sendTransaction`, `eth_sendTransactionSync`, `eth_sendUnsignedTransaction`), and the transactions
 * `anvil_reorg` replays into its new blocks. The interop filter checks each of them (docs/ARCHITECTURE.md §7).
 *
 * Fail closed: a request the filter cannot read is refused, not forwarded. For JSON transaction objects the access
 * list is rewritten in canonical form (0x + lowercase hex), so anvil receives exactly the list that was checked.
 */
import {
  parseTransaction,
  recoverTransactionAddress,
  type AccessList,
  type Address,
  type Hex,
  type TransactionSerialized,
} from 'viem'

export interface JsonRpcRequest {
  jsonrpc?: string
  id?: number | string | null
  method?: unknown
  params?: unknown
}

/** What the filter needs of a transaction: its access list, and what a trace of it needs. */
export interface SubmittedTransaction {
  method: string
  /** Unknown when a signature cannot be recovered (the trace then runs without it). */
  from?: Address
  /** null or undefined: a contract creation. */
  to?: Address | null
  data?: Hex
  value?: bigint
  gas?: bigint
  accessList: AccessList
}

/** The request carries a transaction the filter cannot read, or uses a sending method it does not know. */
export class UnreadableSubmissionError extends Error {
  override name = 'UnreadableSubmissionError'
}

/** Methods whose first parameter is one signed, serialized transaction. */
const RAW_METHODS = new Set([
  'eth_sendRawTransaction',
  'eth_sendRawTransactionSync',
  // Not served by anvil 1.7 (it answers "method not found"), but it would carry a raw transaction if it were.
  'eth_sendRawTransactionConditional',
])
/** Methods whose first parameter is a transaction request that anvil signs, or sends unsigned from any address. */
const REQUEST_METHODS = new Set([
  'eth_sendTransaction',
  'eth_sendTransactionSync',
  'eth_sendUnsignedTransaction',
])
/** `anvil_reorg(depth, [[tx, blockOffset], …])`: each tx is a raw transaction or a transaction request. */
const REORG_METHOD = 'anvil_reorg'

/**
 * A method that sounds like it submits something but is none of the above: refused rather than forwarded unchecked,
 * should a future anvil add one. (`eth_getTransactionBySenderAndNonce` and the like do not match: the verb comes
 * right after the namespace.)
 */
const SENDING_METHOD = /^[a-z0-9]+_(send|submit)/i

const hexPattern = (bytes: number) => new RegExp(`^(0x)?[0-9a-fA-F]{${bytes * 2}}$`)
const ADDRESS = hexPattern(20)
const KEY = hexPattern(32)
const canonical = (value: string) => `0x${value.replace(/^0x/, '').toLowerCase()}` as Hex

/** Validates a JSON access list and returns it in canonical form; throws on anything anvil might read otherwise. */
function canonicalAccessList(value: unknown, where: string): AccessList {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new UnreadableSubmissionError(`${where}: accessList is not an array`)
  return value.map((entry: unknown, i) => {
    const e = entry as { address?: unknown; storageKeys?: unknown }
    if (typeof e !== 'object' || e === null || typeof e.address !== 'string' || !ADDRESS.test(e.address)) {
      throw new UnreadableSubmissionError(`${where}: accessList[${i}].address is not a 20-byte hex address`)
    }
    const keys = e.storageKeys ?? []
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || !KEY.test(k))) {
      throw new UnreadableSubmissionError(`${where}: accessList[${i}].storageKeys are not all 32-byte hex`)
    }
    return { address: canonical(e.address) as Address, storageKeys: (keys as string[]).map(canonical) }
  })
}

const quantity = (value: unknown): bigint | undefined => {
  if (typeof value === 'string' && /^0x[0-9a-fA-F]+$/.test(value)) return BigInt(value)
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
  return undefined
}

/** A transaction request object (as anvil deserializes it), with its access list made canonical in place. */
function readRequestObject(method: string, value: unknown, where: string): SubmittedTransaction {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnreadableSubmissionError(`${where}: the transaction is not a JSON object`)
  }
  const tx = value as Record<string, unknown>
  for (const key of Object.keys(tx)) {
    // An access list spelled another way (access_list, AccessList…) might still reach anvil through an alias.
    if (key !== 'accessList' && key.replace(/[_-]/g, '').toLowerCase() === 'accesslist') {
      throw new UnreadableSubmissionError(
        `${where}: unsupported field '${key}' (the access list is 'accessList')`,
      )
    }
  }
  const accessList = canonicalAccessList(tx.accessList, where)
  if (tx.accessList !== undefined && tx.accessList !== null) tx.accessList = accessList
  const address = (v: unknown) =>
    typeof v === 'string' && ADDRESS.test(v) ? (canonical(v) as Address) : undefined
  const data = [tx.input, tx.data].find((v): v is Hex => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v))
  return {
    method,
    from: address(tx.from),
    to: address(tx.to) ?? null,
    data,
    value: quantity(tx.value),
    gas: quantity(tx.gas),
    accessList,
  }
}

async function readRawTransaction(
  method: string,
  value: unknown,
  where: string,
): Promise<SubmittedTransaction> {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]*$/.test(value)) {
    throw new UnreadableSubmissionError(`${where}: the raw transaction is not a hex string`)
  }
  let parsed: ReturnType<typeof parseTransaction>
  try {
    parsed = parseTransaction(value as TransactionSerialized)
  } catch (error) {
    throw new UnreadableSubmissionError(
      `${where}: cannot decode the raw transaction (${(error as Error).message.split('\n')[0]})`,
    )
  }
  const accessList = 'accessList' in parsed && parsed.accessList ? parsed.accessList : []
  const from = await recoverTransactionAddress({
    serializedTransaction: value as TransactionSerialized,
  }).catch(() => undefined)
  return {
    method,
    from,
    to: parsed.to ?? null,
    data: parsed.data,
    value: parsed.value,
    gas: parsed.gas,
    accessList: accessList.map((e) => ({
      address: canonical(e.address) as Address,
      storageKeys: e.storageKeys.map(canonical),
    })),
  }
}

/**
 * The transactions `request` would submit; [] for any other method. May rewrite `request.params` (canonical access
 * lists): forward the request object afterwards, never the original text.
 */
export async function submittedTransactions(request: JsonRpcRequest): Promise<SubmittedTransaction[]> {
  const method = request.method
  if (typeof method !== 'string') return []
  const params = request.params
  const carriesTransactions =
    RAW_METHODS.has(method) || REQUEST_METHODS.has(method) || method === REORG_METHOD
  if (carriesTransactions && !Array.isArray(params)) {
    // Named (object) parameters: anvil reads some of them (e.g. anvil_reorg's), the filter does not.
    throw new UnreadableSubmissionError(`${method}: pass the parameters as a JSON array`)
  }
  const first = Array.isArray(params) ? params[0] : undefined
  if (RAW_METHODS.has(method)) return [await readRawTransaction(method, first, method)]
  if (REQUEST_METHODS.has(method)) return [readRequestObject(method, first, method)]
  if (method === REORG_METHOD) {
    const pairs: unknown = (params as unknown[])[1]
    if (pairs === undefined || pairs === null) return []
    if (!Array.isArray(pairs))
      throw new UnreadableSubmissionError(`${method}: the transactions are not an array`)
    const txs: SubmittedTransaction[] = []
    for (const [i, pair] of pairs.entries()) {
      const tx = Array.isArray(pair) ? pair[0] : undefined
      const where = `${method} transaction #${i}`
      txs.push(
        typeof tx === 'string'
          ? await readRawTransaction(method, tx, where)
          : readRequestObject(method, tx, where),
      )
    }
    return txs
  }
  if (SENDING_METHOD.test(method)) {
    throw new UnreadableSubmissionError(
      `${method} is not a method the devnet's interop filter knows how to check, so it is refused`,
    )
  }
  return []
}
