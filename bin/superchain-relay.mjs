#!/usr/bin/env node
// Runs the TypeScript CLI in place through tsx, so `npx superchain-relay` works from the repository without a
// build step. tsx's ESM hooks are registered here rather than with `node --import tsx`, which a bin cannot pass.
import process from 'node:process'

import { register } from 'tsx/esm/api'

register()
const { main } = await import('../cli/main.ts')
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
})
// Exit explicitly once the output is flushed: an idle keep-alive or WebSocket connection to an RPC must not keep
// a finished command hanging.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
