/** The staking panel's form as a user would leave it, for the tests of the rules that read it (panel-order, the worker's answer). */
import type { PanelForm } from '@/lib/staking/panel-order';

export const TAO = 1_000_000_000n;
export const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
export const V1 = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
export const V2 = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

/** 1.5 TAO from Alice to V1 on SN4, everything else left empty. */
export const panelForm = (over: Partial<PanelForm> = {}): PanelForm => ({
  mode: 'stake',
  address: ALICE,
  netuidText: '4',
  hotkey: V1,
  amountText: '1.5',
  amountUnit: 'TAO',
  slippageText: '',
  defaultSlippageBps: 50,
  shield: null,
  batchText: '4',
  weightsText: '',
  batchHotkeys: {},
  destNetuidText: '',
  destHotkey: '',
  ...over,
});
