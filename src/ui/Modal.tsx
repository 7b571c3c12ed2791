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
  children: ReactNode
}

export function Modal({ labelledBy, describedBy, busy = false, onClose, children }: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null)

  // Inside a shadow root, document.activeElement is the host: ask the dialog's own root node what had focus.
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    const root = dialog.getRootNode() as Document | ShadowRoot
    const previous = root.activeElement instanceof HTMLElement ? root.activeElement : null
    dialog.focus()
    return () => previous?.focus()
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
