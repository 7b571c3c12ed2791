/**
 * A first screen (firstScreen.ts) as the markup RelayApp renders for the same preview — the same elements, classes,
 * roles and ARIA attributes, the rows at the same positions — as a plain tree a shell turns into DOM without React.
 * So when RelayApp replaces it, nothing on screen moves. firstScreenMarkup.test.tsx holds the two side by side.
 *
 * Nothing in it acts: the Track button is off (as it is over a preview), and the rows and tabs are buttons that do
 * nothing until RelayApp is in, a fraction of a second later.
 */
import { clockTime, timeAgo } from './timeText'
import type { FirstScreen, FirstScreenRow } from './firstScreen'
import { ROW_HEIGHT } from './styles'
import { themeClassName, type ThemeName } from './theme'

/** An element: its tag, attributes in order, and children (text or elements). */
export interface MarkupElement {
  tag: string
  attrs: [string, string][]
  children: Markup[]
}
export type Markup = string | MarkupElement

const el = (tag: string, attrs: [string, string][], ...children: Markup[]): MarkupElement => ({
  tag,
  attrs,
  children,
})

/** Prefix of the ids the tabs and their panel are tied together with (RelayApp uses React's ids). */
const ID = 'scr-first'

function row(row: FirstScreenRow, index: number, count: number, now: number): MarkupElement {
  const style = `top:${index === 0 ? '0' : `${index * ROW_HEIGHT}px`};height:${ROW_HEIGHT}px;min-height:${ROW_HEIGHT}px`
  const listitem: [string, string][] = [
    ['class', 'scr-row'],
    ['role', 'listitem'],
    ['aria-setsize', String(count)],
    ['aria-posinset', String(index + 1)],
    ['style', style],
  ]
  const line = el(
    'span',
    [['class', 'scr-row-line']],
    el(
      'span',
      [
        ['class', 'scr-row-intent'],
        ['title', row.summary],
      ],
      row.summary,
    ),
    el(
      'span',
      [
        ['class', `scr-badge scr-tone-${row.tone}`],
        ['data-status', row.status],
      ],
      row.label,
    ),
  )
  const route = el('span', [['class', 'scr-row-route']], `${row.route} · ${timeAgo(row.sentAt, now)}`)
  const noteAttrs: [string, string][] = [
    ['class', 'scr-row-note'],
    ['id', `${ID}-note-${index}`],
    ['data-tone', row.tone],
    ['title', row.note],
  ]
  const summary = el(
    'button',
    [
      ['type', 'button'],
      ['class', 'scr-row-summary'],
      ['aria-expanded', 'false'],
    ],
    line,
    route,
    el('span', noteAttrs, row.note),
  )
  return el(
    'div',
    listitem,
    el(
      'div',
      [
        ['class', 'scr-row-main'],
        ['data-hash', row.hash],
      ],
      summary,
    ),
  )
}

function tabs(screen: FirstScreen): MarkupElement {
  return el(
    'div',
    [
      ['class', 'scr-tabs'],
      ['role', 'tablist'],
      ['aria-label', 'Message direction'],
    ],
    ...screen.tabs.map(({ tab, label, count }) => {
      const selected = tab === screen.selected
      const attrs: [string, string][] = [
        ['type', 'button'],
        ['role', 'tab'],
        ['class', 'scr-tab'],
        ['data-tab', tab],
        ['id', `${ID}-tab-${tab}`],
        ['aria-selected', String(selected)],
        ['aria-controls', `${ID}-panel`],
        ['tabindex', selected ? '0' : '-1'],
      ]
      return el('button', attrs, label, el('span', [['class', 'scr-count']], String(count)))
    }),
  )
}

/** RelayApp's tree over the preview this first screen was built from, with `css` as its stylesheet. */
export function firstScreenMarkup(
  screen: FirstScreen,
  options: { now: number; theme: ThemeName; title: string; css: string },
): MarkupElement {
  const selected = screen.tabs.find((t) => t.tab === screen.selected)
  const count = selected?.count ?? screen.rows.length
  const header = el(
    'header',
    [['class', 'scr-header']],
    el('h2', [['class', 'scr-title']], options.title),
    el(
      'span',
      [
        ['class', 'scr-as-of'],
        ['role', 'status'],
        [
          'title',
          'Saved when the tracker last looked; live data replaces it as soon as the tracker answers.',
        ],
      ],
      `as of ${clockTime(screen.asOf)}`,
    ),
    el(
      'button',
      [
        ['type', 'button'],
        ['class', 'scr-button scr-button-small'],
        ['aria-expanded', 'false'],
        ['disabled', ''],
      ],
      'Track a transaction',
    ),
  )
  const list = el(
    'div',
    [
      ['class', 'scr-list'],
      ['role', 'list'],
      ['aria-label', `${selected?.label ?? 'All'} messages`],
    ],
    el(
      'div',
      [
        ['class', 'scr-list-inner'],
        ['style', `height:${count * ROW_HEIGHT}px`],
      ],
      ...screen.rows.map((r, i) => row(r, i, count, options.now)),
    ),
  )
  const panel = el(
    'div',
    [
      ['class', 'scr-panel'],
      ['role', 'tabpanel'],
      ['id', `${ID}-panel`],
      ['aria-labelledby', `${ID}-tab-${screen.selected}`],
    ],
    list,
  )
  return el(
    'div',
    [
      ['class', `scr-root ${themeClassName(options.theme)}`],
      ['data-theme', options.theme],
    ],
    el('style', [], options.css),
    header,
    el('div', [['class', 'scr-panel']], tabs(screen), panel),
  )
}
