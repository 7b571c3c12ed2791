/**
 * A second process writing to a state file, for the two-process tests (fileStore.test.ts): adds `count` accounts
 * (numbered from `first`) to one message with `update`, each its own write, and appends them to a setting list.
 * Usage: node --import tsx cli/fileStoreWriter.test-helper.ts <state> <hash> <first> <count>
 */
import { normalizeAddress } from '../src/core/model/message'
import { openFileStore } from './fileStore'

const [path, hash, first, count] = process.argv.slice(2) as [string, `0x${string}`, string, string]
const store = await openFileStore(path)
const writes: Promise<unknown>[] = []
for (let i = Number(first); i < Number(first) + Number(count); i++) {
  const account = normalizeAddress(`0x${i.toString(16).padStart(40, '0')}`)
  writes.push(
    store.update(hash, (current) => current && { ...current, accounts: [...current.accounts, account] }),
  )
  writes.push(store.updateSetting('writers', (list) => [...((list as number[] | undefined) ?? []), i]))
  // Let the other process in between our writes.
  if (i % 3 === 0) await Promise.all(writes.splice(0))
}
await Promise.all(writes)
await store.close()
