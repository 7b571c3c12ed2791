/**
 * How final a block is, in words (docs/ARCHITECTURE.md §4). A fresh block is "not final yet" — normal, and nothing
 * to act on, so it gets no warning colour; "final" is the one worth a check mark. The hover says what each means.
 */
import type { SafetyLevel } from '../core/model/message'

const SAFETY_LABELS: Record<SafetyLevel, string> = {
  unsafe: 'not final yet',
  safe: 'safe',
  finalized: 'final ✓',
}
const SAFETY_HINTS: Record<SafetyLevel, string> = {
  unsafe: 'Only the sequencer has this block so far; it becomes safe once its data is posted to L1',
  safe: 'Derived from data posted to L1',
  finalized: 'Final: its L1 data is finalized',
}

export function SafetyLabel({ level }: { level: SafetyLevel | undefined }) {
  if (!level) return null
  return (
    <span className="scr-safety" data-safety={level} title={SAFETY_HINTS[level]}>
      {SAFETY_LABELS[level]}
    </span>
  )
}
