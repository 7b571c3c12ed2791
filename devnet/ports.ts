import { createServer } from 'node:net'

/** Ask the OS for a free TCP port on loopback, so parallel test files never collide. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error('could not read the free port the OS gave us'))
        return
      }
      server.close(() => resolve(address.port))
    })
  })
}

/** Is something already listening on 127.0.0.1:port? Used to give a clear error instead of anvil's. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}
