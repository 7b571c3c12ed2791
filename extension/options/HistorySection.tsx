/**
 * History export and import (core's serialize.ts). An import is validated in full before anything is written, so a
 * bad file changes nothing; its error names the entry and field and is shown as is.
 */
import { useRef } from 'react'

import { type HistoryImportResult } from '../../src/core'
import { client } from '../shared/connection'
import { ClearChainHistoryForm } from './ClearChainHistoryForm'
import { OptionsSection } from './OptionsSection'
import { useAction } from './useAction'

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

function summary(result: HistoryImportResult): string {
  return `Imported: ${result.added} added, ${result.updated} updated, ${result.skipped} skipped.`
}

export function HistorySection() {
  const fileInput = useRef<HTMLInputElement>(null)
  const exporting = useAction(async () => {
    const text = await client.call('exportHistory')
    download(text, `superchain-relay-history-${new Date().toISOString().slice(0, 10)}.json`)
    return true
  })
  const importing = useAction(async (file: File) => client.call('importHistory', await file.text()))

  return (
    <OptionsSection
      name="history"
      title="History"
      hint={
        <>
          Move your tracked messages to another profile, or attach them to a bug report. Importing keeps
          whichever copy of a message is newer.
        </>
      }
      errors={[exporting, importing]}
      errorPrefix={{ 1: 'Nothing was imported: ' }}
      after={<ClearChainHistoryForm />}
    >
      <div className="opt-row">
        <button type="button" disabled={exporting.busy} onClick={() => void exporting.run()}>
          Export history
        </button>
        <button type="button" disabled={importing.busy} onClick={() => fileInput.current?.click()}>
          Import history…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          aria-label="History file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) void importing.run(file)
          }}
        />
      </div>
      {importing.result && !importing.error ? (
        <p className="opt-ok" role="status">
          {summary(importing.result)}
        </p>
      ) : null}
    </OptionsSection>
  )
}
