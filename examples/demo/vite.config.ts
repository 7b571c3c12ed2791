/**
 * The demo dapp, served by Vite's dev server (`npm start` calls `createServer` with this file; the e2e test too, on
 * a free port). It imports the widget from source, so an edit to src/ui or widget/ shows up on reload. It lives under examples/
 * because it is an example of embedding the widget (with a devnet test wallet), not part of the widget library.
 */
import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  publicDir: false,
  server: { port: 5173, strictPort: false },
  // Pre-bundle every dependency up front: a dependency discovered on first use makes Vite reload the page, which
  // would throw away a half-confirmed transaction in the demo (and a step of the e2e test).
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react-dom/client',
      'viem',
      'viem/accounts',
      'mipd',
      'idb',
      '@eth-optimism/viem/actions/interop',
      '@eth-optimism/viem/chains',
      '@eth-optimism/viem/utils/interop',
    ],
  },
})
