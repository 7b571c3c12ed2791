/**
 * A modal dialog over the app — not over the page: it is positioned inside `.scr-root`, so in a widget it covers
 * the widget only. Escape closes; Tab and Shift+Tab cycle inside; focus moves in on open and back to where it was
 * on close.
 */
import { useEffect, useRef } from 'react'
import type { KeyboardEvent, MouseEvent, ReactNode } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export interface ModalProps {
  /** Id of the element naming the dialog (its title). */
  labelledBy: string
  describedBy?: string
  /** Something is in progress (announced to assistive technology; a backdrop click does not close meanwhile). */
  busy?: boolean
  onClose: () => void
  /**
   * Where focus goes on close. By default it goes back where it was — but the control that opened the dialog may
   * be gone by then (a row's Relay button disappears once the message is delivered), and focus would fall to
   * <body>, so the caller can name a sturdier target.
   */
  returnFocus?: () => HTMLElement | null | undefined
  children: ReactNode
}

export function Modal({ labelledBy, describedBy, busy = false, onClose, returnFocus, children }: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null)
  const returnTo = useRef(returnFocus)
  returnTo.current = returnFocus

  // Inside a shadow root, document.activeElement is the host: ask the dialog's own root node what had focus.
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const root = dialog.getRootNode() as Document | ShadowRoot
    const previous = root.activeElement instanceof HTMLElement ? root.activeElement : null
    dialog.focus()
    return () => {
      // After React has removed the dialog (and re-rendered the list it covered).
      setTimeout(() => {
        // Still there: StrictMode's test unmount, not a close.
        if (dialog.isConnected) return
        const back = previous?.isConnected && !previous.matches(':disabled') ? previous : null
        const target = back ?? returnTo.current?.()
        target?.focus()
      })
    }
  }, [])

  // When the focused control disappears or is disabled (Sign → "Signing…", the result replacing the form), focus
  // falls to the page body, out of reach of Escape and the Tab trap: take it back after every render.
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement
    if (!active || !dialog.contains(active)) dialog.focus()
  })

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab') return
    const dialog = event.currentTarget
    const focusables = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const first = focusables[0]
    const last = focusables[focusables.length - 1]
    if (!first || !last) {
      event.preventDefault()
      return
    }
    const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  // A stray click beside the dialog while a signature is pending must not hide the progress.
  const onBackdropClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget && !busy) onClose()
  }

  return (
    <div className="scr-dialog-backdrop" onClick={onBackdropClick}>
      <div
        ref={dialogRef}
        className="scr-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-busy={busy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  )
}

/** Every dialog's top line: its title (the Modal's `labelledBy` target) and the × that closes it. */
export function DialogHeader({
  title,
  titleId,
  onClose,
}: {
  title: ReactNode
  titleId?: string
  onClose: () => void
}) {
  return (
    <div className="scr-dialog-header">
      <h2 className="scr-dialog-title" id={titleId}>
        {title}
      </h2>
      <button type="button" className="scr-close" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </div>
  )
}
