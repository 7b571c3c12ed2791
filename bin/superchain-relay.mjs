#!/usr/bin/env node
// Runs the CLI built by `npm run build` (dist/cli/main.js: one bundle, so it starts in a few hundred ms). In a
// source checkout with no build, or a build older than the sources, it runs the TypeScript through tsx instead:
// slower to start, but never stale. It says so in one line on stderr when a person is watching (a terminal), and
// stays quiet for scripts and tests, whose output is the same either way. SUPERCHAIN_RELAY_FROM_SOURCE=1 forces
// the sources. A published package ships the build and no sources, so it never compiles anything.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { fileURLToPath, pathToFileURL, URL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const built = join(root, 'dist/cli/main.js')
const sources = join(root, 'cli/main.ts')

/** Newest modification time under the directories the CLI is built from (a few hundred stats: ~2 ms). */
function newestSource() {
  let newest = 0
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  for (const dir of ['cli', 'src/core']) visit(join(root, dir))
  return newest
}

function whyFromSource() {
  if (!existsSync(sources)) return undefined // an installed package: the build is all there is
  if (process.env.SUPERCHAIN_RELAY_FROM_SOURCE === '1') return 'SUPERCHAIN_RELAY_FROM_SOURCE=1'
  if (!existsSync(built)) return 'no build in dist/cli'
  if (newestSource() > statSync(built).mtimeMs) return 'dist/cli is older than the sources'
  return undefined
}

const reason = whyFromSource()
let main
if (reason) {
  if (process.stderr.isTTY) {
    process.stderr.write(
      `superchain-relay: running the TypeScript sources (${reason}); \`npm run build:cli\` makes start-up fast\n`,
    )
  }
  // tsx's ESM hooks are registered here rather than with `node --import tsx`, which a bin cannot pass.
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import(pathToFileURL(sources).href))
} else {
  ;({ main } = await import(pathToFileURL(built).href))
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
})
// Exit explicitly once the output is flushed: an idle keep-alive or WebSocket connection to an RPC must not keep
// a finished command hanging.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
