/**
 * Who may talk to the background. Only this extension's own pages (popup, options, a popup opened in a tab): no
 * web page, and no other extension. The manifest declares no `externally_connectable`, so Chrome does not even
 * deliver web pages' messages to `onMessage`; this check is the second lock, and it also keeps out a content
 * script (we ship none), whose sender carries our id but the web page's URL.
 *
 * The extension's origin is read from the browser (`runtime.getURL('')`), not built from its id: Chrome's is
 * `chrome-extension://<id>`, but Firefox's is `moz-extension://<random uuid>`, while `runtime.id` there is the
 * add-on id from the manifest.
 */
export interface SenderLike {
  id?: string
  url?: string
  origin?: string
}

export interface ExtensionIdentity {
  /** `runtime.id`: what the browser puts in `sender.id` for our own contexts. */
  id: string
  /** Our pages' origin, e.g. `chrome-extension://abc…` or `moz-extension://1b2c…`. */
  origin: string
}

/** This extension's id and origin, from the runtime API. */
export function extensionIdentity(runtime: { id: string; getURL(path: string): string }): ExtensionIdentity {
  // Not `new URL(…).origin`: for a scheme the URL standard does not know it is the string "null".
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(runtime.getURL('/'))?.[0]
  if (!origin) throw new Error(`unexpected extension URL ${runtime.getURL('/')}`)
  return { id: runtime.id, origin }
}

export function isOwnExtensionPage(sender: SenderLike | undefined, self: ExtensionIdentity): boolean {
  if (!sender || sender.id !== self.id) return false
  if (sender.origin !== undefined && sender.origin !== self.origin) return false
  return typeof sender.url === 'string' && sender.url.startsWith(`${self.origin}/`)
}
