/**
 * `npm start` (scripts/start.ts): the devnet without autorelayer and the demo dapp come up and print their URLs,
 * and Ctrl-C stops everything, leaving no anvil behind. (The extension build is covered by the e2e tests.)
 */
import { spawn, type ChildProcess } from 'node:child_process'

import { afterAll, expect, it } from 'vitest'

import { getFreePort, isPortFree } from '../../devnet/ports'
import { anvilChildren, stillAlive } from '../fixtures/processes'

let child: ChildProcess | undefined
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
})

async function twoFreePorts(): Promise<number> {
  for (;;) {
    const port = await getFreePort()
    if (port < 65_000 && (await isPortFree(port + 1))) return port
  }
}

it('starts the devnet and the demo, prints the URLs, and stops everything on Ctrl-C', async () => {
  const port = await twoFreePorts()
  const demoPort = await getFreePort()
  let output = ''
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/start.ts',
      '--port',
      String(port),
      '--demo-port',
      String(demoPort),
      '--no-extension',
      '--block-time',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  )
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  const deadline = Date.now() + 60_000
  while (!output.includes('Press Ctrl-C')) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`npm start did not come up:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  expect(output).toContain(`chain 901 http://127.0.0.1:${port}`)
  expect(output).toContain(`chain 902 http://127.0.0.1:${port + 1}`)
  expect(output).toContain('no autorelayer')
  const demoUrl = /Demo dapp\s+(\S+)/.exec(output)?.[1]
  expect(demoUrl).toBeDefined()
  const page = await fetch(demoUrl!)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<div id=')
  // The plain address works on other ports: the page is served with the devnet's URLs, no ?rpc= needed.
  expect(new URL(demoUrl!).search).toBe('')
  const settings = await fetch(new URL('settings.ts', demoUrl!)).then((r) => r.text())
  expect(settings).toContain(`http://127.0.0.1:${port + 1}`)
  const chainId = await fetch(`http://127.0.0.1:${port + 1}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  }).then((r) => r.json() as Promise<{ result: string }>)
  expect(Number(chainId.result)).toBe(902)

  const pid = child.pid!
  // The anvils are the start script's own children; after Ctrl-C none of them may still be alive (an orphan would be
  // re-parented to init, so look the pids up now and probe them afterwards).
  const anvils = anvilChildren(pid)
  expect(anvils).toHaveLength(2)
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)))
  child.kill('SIGINT')
  expect(await exited).toBe(0)
  expect(stillAlive(anvils)).toEqual([])
  expect(await isPortFree(port)).toBe(true)
  expect(await isPortFree(demoPort)).toBe(true)
})
