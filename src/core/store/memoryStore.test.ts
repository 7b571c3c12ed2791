import { createMemoryStore } from './memoryStore'
import { describeMessageStore } from './storeContract.test-helper'

describeMessageStore('memory store', async () => createMemoryStore())
