// Encodes ChainState into storage key → value (hex) with the metadata's hashers and value types.
import type { StorageEntry } from '@polkadot/types/primitive/types';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';
import type { ChainTypes } from './metadata';
import { dividendsPerEpoch } from './runtime-apis';
import { type ChainState } from './state';

export interface BlockContext {
  number: number;
  parentHash: string;
  timestamp: bigint;
  eventsHex: string;
  genesisHash: string;
  extrinsicCount: number;
  mev: { nextKey?: string; nextKeyExpiresAt?: number; currentKey?: string; pendingKey?: string; pendingKeyExpiresAt?: number };
}

const textBytes = (s: string) => u8aToHex(new TextEncoder().encode(s));

export class StorageEncoder {
  private keyCache = new Map<string, string>();
  private typeCache = new Map<StorageEntry, string>();
  private keyTypes = new Map<StorageEntry, string[]>();
  constructor(private t: ChainTypes) {}

  entry(section: string, item: string): StorageEntry {
    const e = (this.t.decorated.query as unknown as Record<string, Record<string, StorageEntry>>)[section]?.[item];
    if (!e) throw new Error(`storage ${section}.${item} not in metadata`);
    return e;
  }

  key(section: string, item: string, args: unknown[] = []): string {
    const ck = `${section}.${item}:${args.map(String).join(',')}`;
    let k = this.keyCache.get(ck);
    if (!k) {
      k = this.buildKey(this.entry(section, item), args);
      this.keyCache.set(ck, k);
    }
    return k;
  }

  /** prefix ++ hasher(encoded arg) per key part, with the hashers and key types of the metadata. */
  private buildKey(e: StorageEntry, args: unknown[]): string {
    const prefix = u8aToHex(e.keyPrefix());
    const m = e.meta.type;
    if (m.isPlain) return prefix;
    const map = m.asMap;
    const hashers: string[] = map.hashers.map((h) => h.toString());
    let keyTypes = this.keyTypes.get(e);
    if (!keyTypes) {
      const def = this.t.registry.lookup.getSiType(map.key).def;
      const ids = hashers.length > 1 && def.isTuple ? def.asTuple.map((x) => x.toNumber()) : [map.key.toNumber()];
      keyTypes = ids.map((id) => this.t.lookup(id));
      this.keyTypes.set(e, keyTypes);
    }
    if (args.length !== hashers.length) throw new Error(`storage key needs ${hashers.length} args`);
    let out = prefix;
    hashers.forEach((h, i) => {
      const enc = this.t.registry.createType(keyTypes![i]!, args[i]).toU8a();
      const hex = u8aToHex(enc).slice(2);
      switch (h) {
        case 'Blake2_128Concat': out += u8aToHex(blake2AsU8a(enc, 128)).slice(2) + hex; break;
        case 'Twox64Concat': out += u8aToHex(xxhashAsU8a(enc, 64)).slice(2) + hex; break;
        case 'Identity': out += hex; break;
        case 'Blake2_128': out += u8aToHex(blake2AsU8a(enc, 128)).slice(2); break;
        case 'Blake2_256': out += u8aToHex(blake2AsU8a(enc, 256)).slice(2); break;
        case 'Twox128': out += u8aToHex(xxhashAsU8a(enc, 128)).slice(2); break;
        case 'Twox256': out += u8aToHex(xxhashAsU8a(enc, 256)).slice(2); break;
        default: throw new Error(`unknown hasher ${h}`);
      }
    });
    return out;
  }

  valueType(e: StorageEntry): string {
    let ty = this.typeCache.get(e);
    if (!ty) {
      const m = e.meta.type;
      ty = this.t.lookup((m.isPlain ? m.asPlain : m.asMap.value).toNumber());
      this.typeCache.set(e, ty);
    }
    return ty;
  }

  encode(section: string, item: string, value: unknown): string {
    return u8aToHex(this.t.registry.createType(this.valueType(this.entry(section, item)), value).toU8a());
  }

  /** Full storage for one block. Keys are lowercase hex; values SCALE hex. */
  build(state: ChainState, ctx: BlockContext): Map<string, string> {
    const m = new Map<string, string>();
    const put = (section: string, item: string, args: unknown[], value: unknown) => m.set(this.key(section, item, args), this.encode(section, item, value));
    put('system', 'number', [], ctx.number);
    put('system', 'parentHash', [], ctx.parentHash);
    put('system', 'events', [], ctx.eventsHex);
    put('system', 'blockHash', [0], ctx.genesisHash);
    put('system', 'extrinsicCount', [], ctx.extrinsicCount);
    put('timestamp', 'now', [], ctx.timestamp);

    let issuance = 0n;
    for (const [who, a] of state.accounts) {
      issuance += a.free + a.reserved;
      put('system', 'account', [who], { nonce: a.nonce, consumers: 0, providers: 1, sufficients: 0, data: { free: a.free, reserved: a.reserved, frozen: a.frozen, flags: 1n << 127n } });
      if (a.frozen > 0n) put('balances', 'locks', [who], [{ id: textBytes('devlock '), amount: a.frozen, reasons: 'All' }]);
    }
    put('balances', 'totalIssuance', [], issuance);
    put('subtensorModule', 'totalIssuance', [], issuance);
    put('subtensorModule', 'blockEmission', [], state.blockEmission);
    put('subtensorModule', 'totalNetworks', [], state.subnets.size);

    let totalStake = 0n;
    for (const s of state.subnets.values()) {
      const n = s.netuid;
      totalStake += s.taoIn;
      put('subtensorModule', 'networksAdded', [n], true);
      put('subtensorModule', 'subnetMechanism', [n], s.mechanism);
      put('subtensorModule', 'subnetTAO', [n], s.taoIn);
      put('subtensorModule', 'subnetAlphaIn', [n], s.alphaIn);
      put('subtensorModule', 'subnetAlphaOut', [n], s.alphaOut);
      put('subtensorModule', 'subnetTaoInEmission', [n], s.taoInEmission);
      put('subtensorModule', 'subnetExcessTao', [n], s.excessTao);
      put('subtensorModule', 'subnetAlphaInEmission', [n], s.alphaInEmission);
      put('subtensorModule', 'subnetAlphaOutEmission', [n], s.alphaOutEmission);
      put('subtensorModule', 'subnetMovingPrice', [n], { bits: s.movingPrice });
      put('subtensorModule', 'subnetVolume', [n], s.volume);
      put('subtensorModule', 'tokenSymbol', [n], textBytes(s.symbol));
      put('subtensorModule', 'networkRegisteredAt', [n], s.registeredAt);
      put('subtensorModule', 'subnetOwner', [n], s.ownerColdkey);
      put('subtensorModule', 'subnetOwnerHotkey', [n], s.ownerHotkey);
      put('subtensorModule', 'subtokenEnabled', [n], s.subtokenEnabled);
      put('subtensorModule', 'tempo', [n], s.tempo);
      if (s.identity) {
        const i = s.identity;
        put('subtensorModule', 'subnetIdentitiesV3', [n], {
          subnetName: textBytes(i.subnetName), githubRepo: textBytes(i.githubRepo), subnetContact: textBytes(i.subnetContact), subnetUrl: textBytes(i.subnetUrl),
          discord: textBytes(i.discord), description: textBytes(i.description), logoUrl: textBytes(i.logoUrl), additional: textBytes(i.additional),
        });
      }
      put('swap', 'feeRate', [n], s.feeRate);
      put('swap', 'swapBalancer', [n], { quote: s.quote });
      put('swap', 'palSwapInitialized', [n], s.mechanism === 1);
    }
    put('subtensorModule', 'totalStake', [], totalStake);

    for (const v of state.validators.values()) {
      put('subtensorModule', 'owner', [v.hotkey], v.owner);
      put('subtensorModule', 'delegates', [v.hotkey], v.take);
      if (v.identity) {
        const i = v.identity;
        put('subtensorModule', 'identitiesV2', [v.owner], {
          name: textBytes(i.name), url: textBytes(i.url), githubRepo: textBytes(i.githubRepo), image: textBytes(i.image),
          discord: textBytes(i.discord), description: textBytes(i.description), additional: textBytes(i.additional),
        });
      }
    }
    for (const s of state.subnets.values()) put('subtensorModule', 'owner', [s.ownerHotkey], s.ownerColdkey);

    // Alpha holds shares of the hotkey's pool, not amounts: the runtime values them as TotalHotkeyAlpha ×
    // shares ÷ TotalHotkeyShares (legacy U64F64 maps first, then the SafeFloat V2 maps). Here a share is
    // worth 2 alpha in pools kept in the legacy maps (even netuids) and 10 alpha in pools kept in the V2
    // maps (odd netuids): that value is exactly each position's alpha, and shares read as amounts are wrong.
    const staking = new Map<string, Set<string>>();
    const totals = new Map<string, { alpha: bigint; dividends: bigint }>();
    for (const p of state.positions.values()) {
      if (p.alpha === 0n) continue;
      if (p.netuid % 2 === 0) put('subtensorModule', 'alpha', [p.hotkey, p.coldkey, p.netuid], { bits: p.alpha << 63n });
      else put('subtensorModule', 'alphaV2', [p.hotkey, p.coldkey, p.netuid], safeFloat(p.alpha, -1n));
      const tk = `${p.hotkey}|${p.netuid}`;
      const t = totals.get(tk) ?? { alpha: 0n, dividends: 0n };
      totals.set(tk, { alpha: t.alpha + p.alpha, dividends: t.dividends + p.lastEmission });
      let set = staking.get(p.coldkey);
      if (!set) staking.set(p.coldkey, (set = new Set()));
      set.add(p.hotkey);
    }
    for (const [tk, total] of totals) {
      const [hk, n] = tk.split('|');
      const netuid = Number(n);
      put('subtensorModule', 'totalHotkeyAlpha', [hk, netuid], total.alpha);
      if (netuid % 2 === 0) put('subtensorModule', 'totalHotkeyShares', [hk, netuid], { bits: total.alpha << 63n });
      else put('subtensorModule', 'totalHotkeySharesV2', [hk, netuid], safeFloat(total.alpha, -1n));
      const dividends = dividendsPerEpoch(state, total.dividends, state.subnets.get(netuid)?.tempo ?? 0);
      if (dividends > 0n) put('subtensorModule', 'alphaDividendsPerSubnet', [netuid, hk], dividends);
    }
    for (const [ck, hks] of staking) put('subtensorModule', 'stakingHotkeys', [ck], [...hks]);

    const mev = ctx.mev;
    if (mev.nextKey) put('mevShield', 'nextKey', [], mev.nextKey);
    if (mev.nextKeyExpiresAt !== undefined) put('mevShield', 'nextKeyExpiresAt', [], mev.nextKeyExpiresAt);
    if (mev.currentKey) put('mevShield', 'currentKey', [], mev.currentKey);
    if (mev.pendingKey) put('mevShield', 'pendingKey', [], mev.pendingKey);
    if (mev.pendingKeyExpiresAt !== undefined) put('mevShield', 'pendingKeyExpiresAt', [], mev.pendingKeyExpiresAt);
    return m;
  }
}

/** SafeFloat as the runtime stores it: mantissa × 10^exponent, the mantissa normalized into (10^20, 10^21]. */
function safeFloat(mantissa: bigint, exponent: bigint): { mantissa: bigint; exponent: bigint } {
  let m = mantissa;
  let e = exponent;
  while (m > 0n && m <= 10n ** 20n) {
    m *= 10n;
    e -= 1n;
  }
  return { mantissa: m, exponent: e };
}
