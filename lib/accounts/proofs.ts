/**
 * Which accounts are the user's wallet accounts: only those the background saw sign (a stake whose signature
 * it verified, or a one-time challenge). A list of accounts alone proves nothing: whatever answered could
 * have made it up. The challenge is text that says what it is for and, wrapped in `<Bytes>`, can never be
 * the bytes of a transaction. Signature checking is injected (the background passes sr25519/ed25519 verify).
 */
export interface Challenge {
  id: string;
  address: string;
  /** What the wallet signs, exactly (see isChallengeText in lib/wallet/protocol.ts). */
  text: string;
}

const TTL_MS = 5 * 60_000;

export function challengeText(host: string, nonceHex: string): string {
  return `<Bytes>TaoLens: prove you control this account for TaoLens on ${host}. This is not a transaction. Nonce ${nonceHex}</Bytes>`;
}

export function createAccountProofs(deps: { verify(text: string, signature: string, address: string): boolean; now?: () => number; randomHex(): string; newId(): string }) {
  const now = deps.now ?? (() => Date.now());
  const open = new Map<string, Challenge & { expires: number }>();
  const verified = new Set<string>();
  return {
    issue(address: string, host: string): Challenge {
      for (const [id, c] of open) if (c.expires <= now()) open.delete(id);
      const safeHost = /^[a-z0-9.-]{1,64}$/.test(host) ? host : 'this site';
      const c = { id: deps.newId(), address, text: challengeText(safeHost, deps.randomHex()), expires: now() + TTL_MS };
      open.set(c.id, c);
      return { id: c.id, address: c.address, text: c.text };
    },
    /** The address proven by this signature over its challenge (each challenge once), else null. */
    prove(id: string, signature: string): string | null {
      const c = open.get(id);
      open.delete(id);
      if (!c || c.expires <= now() || typeof signature !== 'string' || !deps.verify(c.text, signature, c.address)) return null;
      verified.add(c.address);
      return c.address;
    },
    /** A stake's signature the staking service verified. */
    markVerified(address: string): void {
      verified.add(address);
    },
    isVerified: (address: string) => verified.has(address),
  };
}
