/**
 * Chains and their RPC URLs: the list (ChainList), presets in one click (AddPresetChains), or a custom chain
 * (AddChainForm). The background checks every chain and asks its RPC which chain it serves before saving.
 */
import { AddChainForm } from './AddChainForm'
import { AddPresetChains } from './AddPresetChains'
import { ChainList } from './ChainList'
import { OptionsSection } from './OptionsSection'
import { useChainList } from './useChainList'

export function ChainsSection() {
  const { chains, readiness, load, remove, add } = useChainList()
  return (
    <OptionsSection
      name="chains"
      title="Chains"
      hint="Where messages are read and relayed. Adding a chain with an id already listed replaces its RPC URL."
      errors={[add, remove, load]}
    >
      <ChainList chains={chains} readiness={readiness} remove={remove} />
      <AddPresetChains add={add} />
      <AddChainForm add={add} />
    </OptionsSection>
  )
}
