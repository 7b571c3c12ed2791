/**
 * `npm run build:extension` → dist/extension, a loadable unpacked MV3 extension. crxjs reads the manifest, bundles
 * the service worker and the two pages, and copies extension/public (the icons).
 */
import { fileURLToPath } from 'node:url'

import { crx } from '@crxjs/vite-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

import manifest from './manifest'

const root = fileURLToPath(new URL('.', import.meta.url))

/**
 * `import()` is disallowed in service workers by the HTML spec: the call throws at run time. viem loads three
 * modules lazily — isows (every WebSocket RPC), its CCIP-read helper (an eth_call that reverts OffchainLookup) and
 * noble's secp256k1 (public-key recovery) — so in the worker those paths would fail. This turns viem's dynamic
 * imports into static ones: a few kB more, and every path works in the worker.
 */
function staticViemImports(): Plugin {
  return {
    name: 'superchain-relay:static-viem-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]viem[\\/]_esm[\\/]/.test(id) || !code.includes('import(')) return null
      const hoisted: string[] = []
      const out = code.replace(
        /\bimport\((['"])([^'"]+)\1\)/g,
        (_match, _quote: string, specifier: string) => {
          const name = `__scrStaticImport${hoisted.length}`
          hoisted.push(`import * as ${name} from ${JSON.stringify(specifier)};`)
          return `Promise.resolve(${name})`
        },
      )
      return hoisted.length ? { code: `${hoisted.join('\n')}\n${out}`, map: null } : null
    },
  }
}

export default defineConfig({
  root,
  plugins: [staticViemImports(), react(), crx({ manifest })],
  // Production JSX whatever NODE_ENV says: a build started from vitest (NODE_ENV=test) would otherwise emit jsxDEV
  // calls, which React's production runtime does not have, and the pages would render nothing.
  oxc: { jsx: { development: false } },
  build: {
    outDir: fileURLToPath(new URL('../dist/extension', import.meta.url)),
    emptyOutDir: true,
    // Chrome 116+ only: no legacy syntax to lower.
    target: 'chrome116',
    // The worker bundles viem and MetaMask's provider; it is loaded from disk, never downloaded.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: { popup: `${root}popup.html`, options: `${root}options.html` },
      onLog(level, log, handler) {
        // ox's Tempo helpers import node:worker_threads; nothing of ours reaches them and the import is shaken
        // out (no bundle references it), so the "externalized for browser compatibility" notice is noise.
        if (log.message.includes('"node:worker_threads" has been externalized')) return
        handler(level, log)
      },
    },
  },
})
