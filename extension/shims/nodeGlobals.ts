/**
 * `@metamask/providers` and its streams (readable-stream, extension-port-stream) expect Node's `process` and
 * `Buffer` as globals. A service worker has neither, and without them the worker dies on load with "Class extends
 * value undefined" (docs/ARCHITECTURE.md §6). This module must be the background's first import, so these globals exist
 * before any of those modules is evaluated.
 */
import { Buffer } from 'buffer'
import process from 'process'

const g = globalThis as unknown as { process?: unknown; Buffer?: unknown }
g.process ??= process
g.Buffer ??= Buffer
