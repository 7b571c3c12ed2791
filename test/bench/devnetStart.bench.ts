/** Devnet cold start to ready (anvil processes up, predeploys installed, proxies listening), for 2 and 5 chains. */
import { startDevnet } from '../../devnet'
import { median, type BenchRow } from './report'

export async function benchDevnetStart(runs = 5): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const chains of [2, 5]) {
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      const devnet = await startDevnet({ chains, freePorts: true, blockTime: 0 })
      times.push(performance.now() - started)
      await devnet.stop()
    }
    rows.push({
      id: `devnet.coldStart.${chains}chains`,
      group: 'devnet',
      name: `cold start, ${chains} chains (median of ${runs})`,
      value: median(times),
      unit: 'ms',
      note: `min ${Math.min(...times).toFixed(0)} / max ${Math.max(...times).toFixed(0)} ms`,
    })
  }
  return rows
}
