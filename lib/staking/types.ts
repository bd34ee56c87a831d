/**
 * Staking domain types shared by the background (builder, submitter), the panel and the popup.
 * Every amount is bigint in the smallest unit: rao of TAO, or the subnet's alpha (9 decimals).
 */
import type { SignerPayloadJSON } from '@polkadot/types/types';

/** What opens the staking panel (a card, the popup, a route token): an action on one subnet. */
export interface PanelIntent {
  action: PanelAction;
  netuid: number;
}
export type PanelAction = 'stake' | 'unstake' | 'move';

/** What the user asked for. `stake` with several legs goes out as one `utility.batch_all`. */
export type StakeAction = 'stake' | 'unstake' | 'unstake-all' | 'move' | 'change-validator';

export interface StakeLeg {
  netuid: number;
  /** Validator hotkey (ss58). */
  hotkey: string;
  /** TAO (rao) for `stake`; alpha for `unstake`, `move` and `change-validator`; ignored for `unstake-all`. */
  amount: bigint;
}

export interface StakeOrder {
  action: StakeAction;
  /** The signer's coldkey (ss58). */
  address: string;
  legs: StakeLeg[];
  /** `move`: the subnet the stake goes to (same validator). */
  destNetuid?: number;
  /** `change-validator`: the validator the stake goes to (same subnet). */
  destHotkey?: string;
  /** Slippage tolerance in basis points (50 = 0.5 %). */
  slippageBps: number;
  /** Shielded (MEV-protected) submission; null/undefined = the default for the amount. */
  shield?: boolean | null;
}

/** The exact call to be signed, for the user to read: pallet.method(args) with exact amounts. */
export interface CallPreview {
  section: string;
  method: string;
  args: { name: string; value: string }[];
  /** `subtensorModule.addStakeLimit(hotkey: 5F…, netuid: 1, amount_staked: 1000000000 rao (τ1), …)` */
  text: string;
  /** For batches: the inner calls. */
  inner?: CallPreview[];
}

export type Unit = 'tao' | 'alpha';

export interface LegQuote {
  netuid: number;
  hotkey: string;
  /** What goes in (after nothing is taken yet), and its unit. */
  amountIn: bigint;
  inUnit: Unit;
  /** What the simulation says comes out, and its unit. */
  amountOut: bigint;
  outUnit: Unit;
  /** Destination subnet (moves) — the subnet `amountOut` is alpha of. */
  outNetuid: number;
  /** Spot price before the trade (rao per 1 alpha) of `netuid`. */
  spotPrice: bigint;
  /** Average price paid/received, swap fee excluded (rao per 1 alpha); 0 when no swap happens. */
  effectivePrice: bigint;
  /** Price impact in basis points (≥ 0), fee excluded. */
  impactBps: number;
  /** Swap fee, in the input unit. */
  swapFee: bigint;
  /** Pool price after this trade alone, as estimated from the simulation and the pool's reserves. */
  postPrice: bigint;
  /** `limit_price` of the call; null when the call takes none (move_stake). */
  limitPrice: bigint | null;
  /** The least `amountOut` the limit still allows (approximately, under the tolerance). */
  minReceived: bigint;
}

export interface Quote {
  action: StakeAction;
  address: string;
  legs: LegQuote[];
  /** Sum of the legs' input (all legs share one unit). */
  totalIn: bigint;
  /** Transaction fee in rao of TAO (payment_queryInfo of the exact call). */
  networkFee: bigint;
  slippageBps: number;
  call: CallPreview;
  /** Most the user can put in: for stake, free − fee − existential deposit; for the others the position's unlocked alpha. */
  maxAmount: bigint;
  /** Why this order cannot be sent (checked with the exact fee); Confirm stays disabled while set. */
  problem: string | null;
  /** Warnings in plain language (price impact ≥ 2 % / ≥ 5 %, small amounts, …). */
  warnings: string[];
  /** Whether the node has MEV Shield, and whether this order goes shielded. */
  shieldAvailable: boolean;
  shielded: boolean;
  /** Block (number, hash) the quote was simulated at. */
  block: { number: number; hash: string };
}

/** A validator as the panel lists it for one subnet. */
export interface ValidatorChoice {
  hotkey: string;
  /** Display name: the on-chain name with the hotkey prefix and a same-name marker (`validatorName`); null when unnamed. */
  name: string | null;
  /** Take as parts of 65535. */
  take: number;
  /** Stake through this validator on the subnet, in its alpha. */
  stake: bigint;
  permit: boolean;
  /** The user's own alpha with this validator on this subnet. */
  mine: bigint;
}

export interface StakeContext {
  address: string;
  netuid: number;
  freeRao: bigint;
  existentialDeposit: bigint;
  /** The user's positions on every subnet (alpha), and how much of each is unlocked. */
  positions: { netuid: number; hotkey: string; alpha: bigint; available: bigint }[];
  validators: ValidatorChoice[];
  defaultHotkey: string | null;
  slippageBps: number;
  mevShieldMinRao: bigint;
  shieldAvailable: boolean;
  /** Calls the node's metadata offers (camelCase method names of subtensorModule). */
  calls: string[];
}

/** The next step of a signing flow: a payload for the wallet to sign, or the transaction handed to the tracker. */
export type SignStep =
  /** `resealed`: the envelope had to be sealed again for a new MEV Shield key; `note` says so in plain words. */
  /** `fingerprint`: call, amount, nonce and call data of exactly `payload`, to compare with the wallet's window. */
  | { status: 'sign'; id: string; payload: SignerPayloadJSON; fingerprint: PayloadFingerprint; step: 1 | 2; of: 1 | 2; note: string; resealed?: boolean }
  | { status: 'submitted'; entry: TxEntry };

/** A transaction as the journal keeps it (lib/staking/journal.ts moves it through these states). */
export type TxStatus = 'submitting' | 'ready' | 'in-block' | 'finalized' | 'failed' | 'dropped';

export interface TxEntry {
  id: string;
  createdAt: number;
  updatedAt: number;
  address: string;
  action: StakeAction;
  netuids: number[];
  /** One line for lists: "Stake τ1 on SN1". */
  summary: string;
  /** The exact call (preview text). */
  call: string;
  status: TxStatus;
  /** Hash of the extrinsic sent (the wrapper when shielded). */
  hash: string;
  /** Shielded: the inner extrinsic's hash, whose events decide success. */
  innerHash: string | null;
  shielded: boolean;
  /** The signed extrinsic (hex), so a restarted worker can resend it while its era lasts. */
  signedHex: string;
  /** Mortal era: born at this block, valid for `eraPeriod` blocks. */
  eraBirth: number;
  eraPeriod: number;
  blockHash: string | null;
  blockNumber: number | null;
  error: { name: string | null; message: string } | null;
}

/** What the user compares between the panel and the wallet's window (lib/staking/fingerprint.ts). */
export interface PayloadFingerprint {
  call: string;
  amount: string | null;
  nonce: number;
  /** Call data (`method` of the payload), first and last bytes: `0x0702…1e9c`. */
  callData: string;
}
