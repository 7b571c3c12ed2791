/**
 * The npm package as a dapp gets it: `npm pack`, then install the tarball into two fresh projects — a Vite + React
 * app that imports `superchain-relay/widget` (React, react-dom and viem come from the app, as peers) and a plain
 * HTML page that imports `superchain-relay/widget/element` — build both, serve them, and in Chromium see each one
 * track a transfer sent on the devnet by its transaction hash.
 *
 * Installs run from npm's local cache when it has the packages (`--prefer-offline`); the app is built with this
 * repository's Vite and React plugin, so only the package and its peers are installed. The tarball packs the build
 * `npm test` has just made (`--ignore-scripts` skips `prepack`, which would build it all again); this file builds
 * it first when dist/ is missing.
 */
import { execFile as execFileCallback, execSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import react from '@vitejs/plugin-react'
import type { Page } from 'playwright-core'
import { parseAbi, parseEther, type Hex } from 'viem'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getFreePort } from '../../devnet/ports'
import { launchChromium, type LaunchedBrowser } from '../fixtures/browser'
import { messageRows } from '../fixtures/messageRows'
import { MOCK, startTestDevnet, type TestDevnet } from '../fixtures/devnet'

const execFile = promisify(execFileCallback)
const repo = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  name: string
  version: string
  devDependencies: Record<string, string>
  peerDependencies: Record<string, string>
}

let work: string
let tarball: string
let devnet: TestDevnet
let browser: LaunchedBrowser
let server: Server
let base: string
let transferTx: Hex

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await execFile('npm', args, { cwd, maxBuffer: 16 * 1024 * 1024 })
  return stdout
}

/** Installs from the local cache when it can; no audit, no funding notes, no lifecycle scripts of dependencies. */
const INSTALL = [
  'install',
  '--prefer-offline',
  '--no-audit',
  '--no-fund',
  '--ignore-scripts',
  '--loglevel=error',
]

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
}

/** The Vite + React app: the widget as a component, tracking the transaction in the query string. */
function reactApp(dir: string): void {
  // The peers at the versions this repository tests with (also what npm's cache holds).
  const peers = Object.fromEntries(
    Object.keys(pkg.peerDependencies).map((name) => [name, pkg.devDependencies[name]]),
  )
  write(dir, {
    'package.json': JSON.stringify({
      name: 'dapp',
      private: true,
      type: 'module',
      dependencies: { [pkg.name]: `file:${tarball}`, ...peers },
    }),
    'index.html': `<!doctype html><html><body><div id="root"></div><script type="module" src="/main.jsx"></script></body></html>`,
    'main.jsx': `
import { useEffect, useRef } from 'react'
import { createRoot } from 'react-dom/client'
import { SuperchainRelayWidget } from '${pkg.name}/widget'

const q = new URLSearchParams(location.search)
const chains = [
  { id: 901, name: 'Devnet L2 A', rpcUrl: q.get('rpc901'), nativeSymbol: 'ETH' },
  { id: 902, name: 'Devnet L2 B', rpcUrl: q.get('rpc902'), nativeSymbol: 'ETH' },
]

function App() {
  const relay = useRef(null)
  useEffect(() => {
    relay.current.track(q.get('tx'), 901).then((found) => { document.body.dataset.tracked = String(found.length) })
  }, [])
  return <SuperchainRelayWidget ref={relay} chains={chains} theme="light" discoverAccounts={false} />
}

createRoot(document.getElementById('root')).render(<App />)
`,
  })
}

/** The plain page: no framework, the custom element from the package's element entry. */
function plainPage(dir: string): void {
  write(dir, {
    'package.json': JSON.stringify({
      name: 'page',
      private: true,
      type: 'module',
      dependencies: { [pkg.name]: `file:${tarball}` },
    }),
    'index.html': `<!doctype html>
<html>
  <body>
    <superchain-relay theme="dark"></superchain-relay>
    <script type="module">
      import '${pkg.name}/widget/element'
      const q = new URLSearchParams(location.search)
      const el = document.querySelector('superchain-relay')
      el.setAttribute('chains', JSON.stringify([
        { id: 901, name: 'Devnet L2 A', rpcUrl: q.get('rpc901'), nativeSymbol: 'ETH' },
        { id: 902, name: 'Devnet L2 B', rpcUrl: q.get('rpc902'), nativeSymbol: 'ETH' },
      ]))
      await customElements.whenDefined('superchain-relay')
      const found = await el.track(q.get('tx'), 901)
      document.body.dataset.tracked = String(found.length)
    </script>
  </body>
</html>
`,
  })
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

/** Serves `<work>/<app>/dist` at `/<app>/`: a static host, as a dapp would deploy its build. */
function serveBuilds(root: string): Server {
  return createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '')
    const [, app = '', ...rest] = path.split('/')
    const file = join(root, app, 'dist', rest.join('/') || 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
}

beforeAll(async () => {
  if (!existsSync(join(repo, 'dist/widget/index.js')) || !existsSync(join(repo, 'dist/cli/main.js'))) {
    execSync('npm run build:widget && npm run build:cli', { cwd: repo, stdio: 'inherit', timeout: 180_000 })
  }
  work = mkdtempSync(join(tmpdir(), 'scr-package-'))
  const [packed] = JSON.parse(
    await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], repo),
  ) as { filename: string; files: { path: string }[] }[]
  tarball = join(work, packed!.filename)
  reactApp(join(work, 'app'))
  plainPage(join(work, 'page'))

  const port = await getFreePort()
  ;[devnet, browser] = await Promise.all([
    startTestDevnet(),
    launchChromium(),
    npm(INSTALL, join(work, 'app')),
    // The element carries React inside: a page without a framework needs no peers.
    npm([...INSTALL, '--legacy-peer-deps'], join(work, 'page')),
  ])
  const builds = ['app', 'page'].map((app) =>
    build({
      root: join(work, app),
      base: `/${app}/`,
      configFile: false,
      logLevel: 'error',
      plugins: app === 'app' ? [react()] : [],
      // The app's own React, resolved from its node_modules — as in any dapp.
      build: { outDir: join(work, app, 'dist'), emptyOutDir: true },
    }),
  )
  const mint = await devnet.walletClient(901).writeContract({
    address: MOCK,
    abi: parseAbi(['function mint(address to, uint256 amount)']),
    functionName: 'mint',
    args: [devnet.accounts[0].address, parseEther('100')],
    account: devnet.account(0),
    chain: devnet.chain(901).chain,
  })
  await devnet.publicClient(901).waitForTransactionReceipt({ hash: mint })
  transferTx = (await devnet.sendMock({ amount: parseEther('7') })).transactionHash
  await Promise.all(builds)
  server = serveBuilds(work)
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${port}`
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await devnet?.stop()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  if (work) rmSync(work, { recursive: true, force: true })
})

function pageUrl(app: string): string {
  const q = new URLSearchParams({ tx: transferTx })
  for (const chain of devnet.chains) q.set(`rpc${chain.id}`, chain.rpcUrl)
  return `${base}/${app}/?${q}`
}

async function expectTrackedTransfer(page: Page): Promise<void> {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const row = messageRows(page).first()
  await expect.poll(() => page.evaluate(() => document.body.dataset.tracked), { timeout: 20_000 }).toBe('1')
  await expect
    .poll(() => row.locator('[data-status]').getAttribute('data-status'), { timeout: 20_000 })
    .toMatch(/^(initiated|ready)$/)
  expect(await row.textContent()).toContain('7 MOCK')
  expect(errors).toEqual([])
}

describe('the npm package', () => {
  it('ships the built widget, element, types, CLI, README and LICENSE, and no sources or tests', () => {
    const listing = execSync(`tar -tzf ${tarball}`, { encoding: 'utf8' }).split('\n').filter(Boolean)
    const files = listing.map((f) => f.replace(/^package\//, ''))
    for (const wanted of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/superchain-relay.mjs',
      'dist/cli/main.js',
      'dist/widget/index.js',
      'dist/widget/superchain-relay.element.js',
      'dist/widget/types/widget/index.d.ts',
      'dist/widget/types/widget/element.standalone.d.ts',
    ]) {
      expect(files).toContain(wanted)
    }
    expect(files.filter((f) => /^(src|test|devnet|extension|cli|widget|examples|scripts)\//.test(f))).toEqual(
      [],
    )
    expect(files.filter((f) => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([])
  })

  it('installs into a Vite + React app with one React (the app’s), builds, and tracks a transfer', async () => {
    const app = join(work, 'app/node_modules')
    // React and viem are the app's: npm put the peers at the top, and the package has no copy of its own.
    expect(existsSync(join(app, 'react/package.json'))).toBe(true)
    expect(existsSync(join(app, `${pkg.name}/node_modules/react`))).toBe(false)
    expect(existsSync(join(app, `${pkg.name}/node_modules/viem`))).toBe(false)
    const page = await browser.context.newPage()
    await page.goto(pageUrl('app'))
    await expectTrackedTransfer(page)
  })

  it('installs into a plain HTML page, whose build loads the <superchain-relay> element, and tracks a transfer', async () => {
    const page = await browser.context.newPage()
    await page.goto(pageUrl('page'))
    await expectTrackedTransfer(page)
  })

  it('runs its CLI from the build, with no TypeScript compiler installed', async () => {
    const bin = join(work, 'page/node_modules/.bin/superchain-relay')
    const { stdout } = await execFile(bin, ['--help'], { cwd: work })
    expect(stdout).toMatch(/^superchain-relay: track Superchain interop messages/)
    expect(existsSync(join(work, 'page/node_modules/tsx'))).toBe(false)
  })
})
