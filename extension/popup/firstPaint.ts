/**
 * The popup's first paint, before React and the rest of the popup's code have loaded: one storage read (the
 * snapshot's first screen and the theme), the rows drawn as plain DOM with the markup RelayApp renders for the
 * same snapshot (src/ui/firstScreenMarkup.ts), then main.tsx is loaded and React replaces them in one commit
 * (docs/ARCHITECTURE.md §3). It is the popup page's only script and stays a few kB, so the rows do not wait for
 * the popup's ~100 kB of React, core and viem to be parsed.
 *
 * A click on the first paint's rows, tabs or Options button is not lost: the element is remembered and the same
 * one is clicked once React is in; focus moves over the same way (main.tsx).
 */
import browser from 'webextension-polyfill'

import { firstScreenMarkup, RELAY_APP_CSS, type Markup } from '../../src/ui'

import { readFirstScreenRecord } from '../shared/firstScreenRecord'
import { POPUP_CSS } from './popupCss'

/** The keys read at open: main.tsx reads the settings and the whole snapshot from the same answer. */
export const OPEN_KEYS = ['popupSnapshot', 'settings']

type StorageValues = Record<string, unknown>

/** What storage held when the popup opened (empty when the read failed: the popup then starts as on a first run). */
export const openedWith: Promise<StorageValues> = browser.storage.local
  .get(OPEN_KEYS)
  .catch(() => ({}) as StorageValues)

const THEMES = ['auto', 'light', 'dark'] as const
export type PopupTheme = (typeof THEMES)[number]

/** The stored theme if it is one (settings.ts keeps each valid field the same way), else 'auto'. */
export function storedTheme(values: StorageValues): PopupTheme {
  const theme = (values.settings as { theme?: unknown } | undefined)?.theme
  return THEMES.find((t) => t === theme) ?? 'auto'
}

function toDom(node: Markup): Node {
  if (typeof node === 'string') return document.createTextNode(node)
  const element = document.createElement(node.tag)
  for (const [name, value] of node.attrs) element.setAttribute(name, value)
  for (const child of node.children) element.append(toDom(child))
  return element
}

/** A selector for the element the user acted on, which finds its counterpart in React's tree. */
export function counterpartOf(target: EventTarget | null): string | undefined {
  if (!(target instanceof Element)) return undefined
  const tab = target.closest('[role="tab"]')?.getAttribute('data-tab')
  if (tab) return `[role="tab"][data-tab="${tab}"]`
  const hash = target.closest('.scr-row-main')?.getAttribute('data-hash')
  if (hash) return `.scr-row-main[data-hash="${hash}"] .scr-row-summary`
  if (target.closest('.popup-footer button')) return '.popup-footer button'
  return undefined
}

/** The first paint's element clicked before React was in, as a selector for its counterpart. */
let pendingClick: string | undefined
const remember = (event: Event) => {
  pendingClick ??= counterpartOf(event.target)
}

/** Where the user was on the first paint, for React's tree to take over; the first paint stops listening. */
export interface FirstPaintState {
  focus?: string
  click?: string
  scrollTop: number
}

export function leaveFirstPaint(): FirstPaintState {
  const root = document.getElementById('root')
  root?.removeEventListener('click', remember)
  const focused = document.activeElement
  return {
    focus: focused && root?.contains(focused) ? counterpartOf(focused) : undefined,
    click: pendingClick,
    scrollTop: root?.querySelector('.scr-list')?.scrollTop ?? 0,
  }
}

function paint(values: StorageValues): void {
  const root = document.getElementById('root')
  // A notification opened this page on one message: that row is expanded, which only RelayApp draws.
  if (!root || new URLSearchParams(location.search).has('focus')) return
  const screen = readFirstScreenRecord(
    (values.popupSnapshot as { firstScreen?: unknown } | undefined)?.firstScreen,
  )
  if (!screen) return
  const theme = storedTheme(values)
  document.documentElement.dataset.theme = theme
  const app = firstScreenMarkup(screen, {
    now: Date.now(),
    theme,
    title: 'Superchain Relay',
    css: RELAY_APP_CSS,
  })
  const footer: Markup = {
    tag: 'footer',
    attrs: [['class', 'popup-footer']],
    children: [
      { tag: 'span', attrs: [], children: [screen.footer] },
      { tag: 'button', attrs: [['type', 'button']], children: ['Options'] },
    ],
  }
  const style: Markup = { tag: 'style', attrs: [], children: [POPUP_CSS] }
  root.append(toDom(style), toDom(app), toDom(footer))
  root.addEventListener('click', remember)
}

void openedWith
  .then(paint)
  .catch((error: unknown) => console.warn('no first paint:', error))
  // After the frame that shows the rows: parsing React first would hold that frame back.
  .finally(() => requestAnimationFrame(() => setTimeout(() => void import('./main'))))
