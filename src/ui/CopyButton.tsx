/**
 * A small button that copies a value (a tx hash, an address) and says so for a moment. The clipboard API needs a
 * secure context and a user gesture; where it is refused, the value is selected in a prompt-free fallback (a
 * hidden textarea and execCommand), and failing that the button says it could not.
 */
import { useEffect, useRef, useState } from 'react'

export interface CopyButtonProps {
  value: string
  /** What is copied, for screen readers and the tooltip: "transaction hash", "address". */
  what: string
  /** Visible text; an icon alone when absent. */
  label?: string
  /** The main action where it stands (e.g. the way out when a wallet cannot relay). */
  primary?: boolean
}

async function copy(text: string, from: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    const parent = from?.parentElement ?? document.body
    parent.append(area)
    area.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      area.remove()
    }
  }
}

export function CopyButton({ value, what, label, primary = false }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const button = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 1_500)
    return () => clearTimeout(timer)
  }, [state])
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label
  return (
    <button
      ref={button}
      type="button"
      className={
        label
          ? `scr-button scr-button-small scr-copy${primary ? ' scr-button-primary' : ''}`
          : 'scr-copy scr-copy-icon'
      }
      // A visible label is the name (what a voice-control user says); the icon alone is named by `what`.
      aria-label={label ? undefined : state === 'idle' ? `Copy ${what}` : text}
      aria-live={label ? 'polite' : undefined}
      title={`Copy ${what}`}
      data-copy={value}
      onClick={(event) => {
        event.stopPropagation()
        void copy(value, button.current).then((ok) => setState(ok ? 'copied' : 'failed'))
      }}
    >
      {text ?? (
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <rect
            x="5"
            y="5"
            width="9"
            height="9"
            rx="1.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          />
          <path
            d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
          />
        </svg>
      )}
      {state !== 'idle' && !label ? <span className="scr-copy-flash">{text}</span> : null}
    </button>
  )
}
