/**
 * Who may talk to the background. Only this extension's own pages (popup, options, a popup opened in a tab): no
 * web page, and no other extension. The manifest declares no `externally_connectable`, so Chrome does not even
 * deliver web pages' messages to `onMessage`; this check is the second lock, and it also keeps out a content
 * script (we ship none), whose sender carries our id but the web page's URL.
 */
export interface SenderLike {
  id?: string
  url?: string
  origin?: string
}

export function isOwnExtensionPage(sender: SenderLike | undefined, runtimeId: string): boolean {
  if (!sender || sender.id !== runtimeId) return false
  const origin = `chrome-extension://${runtimeId}`
  if (sender.origin !== undefined && sender.origin !== origin) return false
  return typeof sender.url === 'string' && sender.url.startsWith(`${origin}/`)
}
