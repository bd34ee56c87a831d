/**
 * Everything TaoLens relies on in a node's runtime, with what it does when the item is missing. Read by
 * `npm run check-live` (tests/tools/check-live.ts), which compares each item's type on a live node with
 * the one in the bundled metadata; keep it in step with reader.ts, staking-service.ts and staking/calls.ts.
 */
import { RUNTIME_API } from './runtime-api-names';

export interface Requirement {
  kind: 'runtime API' | 'storage' | 'call';
  /** `Api_method`, `Pallet.Item` or `Pallet.call_name`, as the metadata spells them. */
  name: string;
  /** What TaoLens does on a node without it. */
  fallback: string;
  /** One of alternatives the reader tries in turn (missing is a note, not an incompatibility). */
  alternative?: boolean;
  /** Compare presence only: the type is the whole runtime's event enum, which changes with any pallet. */
  presenceOnly?: boolean;
}

const SUBNETS_FALLBACK = 'used by the subnets fallback (no SubnetInfoRuntimeApi); the subnets cannot be read without it then';
const POSITIONS_FALLBACK = 'used by the positions fallback (no StakeInfoRuntimeApi)';
const STAKING_REFUSED = 'this staking action is refused with a message naming the missing call';
const UNSHIELDED = 'stakes go unshielded (no MEV Shield)';

export const REQUIREMENTS: readonly Requirement[] = [
  { kind: 'runtime API', name: RUNTIME_API.allDynamicInfo, fallback: 'subnets read from storage (NetworksAdded, SubnetTAO, …), pool, emission and identity marked derived' },
  { kind: 'runtime API', name: RUNTIME_API.alphaPriceAll, fallback: 'prices from the weighted-pool formula on the reserves and Swap.SwapBalancer, marked derived' },
  { kind: 'runtime API', name: RUNTIME_API.stakeInfoForColdkeys, fallback: 'positions from the share pools (StakingHotkeys → Alpha/AlphaV2 → TotalHotkeyAlpha ÷ TotalHotkeyShares), marked derived' },
  { kind: 'runtime API', name: RUNTIME_API.stakeAvailability, fallback: 'locked alpha shown as unknown; the staking panel offers the whole position and the chain refuses locked alpha' },
  { kind: 'runtime API', name: RUNTIME_API.simSell, fallback: 'no exit values; unstake and move quotes refused (no safe quote)' },
  { kind: 'runtime API', name: RUNTIME_API.simBuy, fallback: 'stake and move quotes refused (no safe quote)' },
  { kind: 'runtime API', name: RUNTIME_API.dynamicInfo, fallback: 'staking quotes read the reserves from SubnetTAO and SubnetAlphaIn' },
  { kind: 'runtime API', name: RUNTIME_API.alphaPrice, fallback: 'staking quotes take the reserve ratio as the spot price' },
  { kind: 'runtime API', name: RUNTIME_API.delegates, fallback: 'the staking panel lists no validators (names, take, stake)' },
  { kind: 'runtime API', name: RUNTIME_API.accountNonce, fallback: 'the nonce is read from System.Account' },

  { kind: 'storage', name: 'SubtensorModule.SubnetExcessTao', fallback: 'subsidy counts no excess TAO' },
  { kind: 'storage', name: 'Swap.FeeRate', fallback: 'swap fee rate shown as unknown' },
  { kind: 'storage', name: 'SubtensorModule.SubtokenEnabled', fallback: 'every subnet shown as open for trading' },
  { kind: 'storage', name: 'System.Account', fallback: 'free balances shown as 0; nonces from the runtime API only' },
  { kind: 'storage', name: 'SubtensorModule.TotalHotkeyAlpha', fallback: "no estimated daily emission per position" },
  { kind: 'storage', name: 'SubtensorModule.IdentitiesV2', fallback: 'validators shown without names' },
  { kind: 'storage', name: 'System.Events', fallback: "transactions' outcomes cannot be read", presenceOnly: true },
  { kind: 'storage', name: 'Swap.SwapBalancer', fallback: 'used by the price fallback (no SwapRuntimeApi prices)' },
  { kind: 'storage', name: 'SubtensorModule.StakingHotkeys', fallback: POSITIONS_FALLBACK },
  { kind: 'storage', name: 'SubtensorModule.Alpha', fallback: `${POSITIONS_FALLBACK}; AlphaV2 is read instead`, alternative: true },
  { kind: 'storage', name: 'SubtensorModule.AlphaV2', fallback: `${POSITIONS_FALLBACK}; Alpha is read instead`, alternative: true },
  { kind: 'storage', name: 'SubtensorModule.TotalHotkeyShares', fallback: `${POSITIONS_FALLBACK}; TotalHotkeySharesV2 is read instead`, alternative: true },
  { kind: 'storage', name: 'SubtensorModule.TotalHotkeySharesV2', fallback: `${POSITIONS_FALLBACK}; TotalHotkeyShares is read instead`, alternative: true },
  { kind: 'storage', name: 'SubtensorModule.AlphaDividendsPerSubnet', fallback: `${POSITIONS_FALLBACK}; emission counted as 0` },
  ...(['NetworksAdded', 'SubnetAlphaOut', 'SubnetTaoInEmission', 'SubnetAlphaInEmission', 'SubnetAlphaOutEmission', 'SubnetMovingPrice',
    'SubnetVolume', 'TokenSymbol', 'NetworkRegisteredAt', 'SubnetOwner', 'SubnetOwnerHotkey', 'Tempo', 'SubnetIdentitiesV3'] as const).map(
    (item): Requirement => ({ kind: 'storage', name: `SubtensorModule.${item}`, fallback: SUBNETS_FALLBACK }),
  ),
  { kind: 'storage', name: 'SubtensorModule.SubnetTAO', fallback: `${SUBNETS_FALLBACK}; also the staking quotes' reserves without get_dynamic_info` },
  { kind: 'storage', name: 'SubtensorModule.SubnetAlphaIn', fallback: `${SUBNETS_FALLBACK}; also the staking quotes' reserves without get_dynamic_info` },
  ...(['NextKey', 'NextKeyExpiresAt', 'PendingKey', 'PendingKeyExpiresAt'] as const).map(
    (item): Requirement => ({ kind: 'storage', name: `MevShield.${item}`, fallback: UNSHIELDED }),
  ),

  ...(['add_stake_limit', 'remove_stake_limit', 'remove_stake_full_limit', 'swap_stake_limit', 'move_stake'] as const).map(
    (call): Requirement => ({ kind: 'call', name: `SubtensorModule.${call}`, fallback: STAKING_REFUSED }),
  ),
  { kind: 'call', name: 'Utility.batch_all', fallback: 'several subnets at once refused (one subnet per transaction still works)' },
  { kind: 'call', name: 'MevShield.submit_encrypted', fallback: UNSHIELDED },
];
