/**
 * The staking panel's flow, apart from its view: the form, the wallet's accounts and the one the panel starts
 * on, the account's context on the subnet, the debounced quote, the signing loop and following the
 * transaction (by watching the journal in storage). The rules it applies live in lib/staking; StakePanel.tsx
 * and ./sections.tsx only render what this returns and call its actions.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { request, type SubnetSummary } from '@/lib/messaging/protocol';
import { fingerprintText } from '@/lib/staking/fingerprint';
import { isPending } from '@/lib/staking/journal';
import { DEFAULT_SLIPPAGE_BPS, MIN_STAKE_RAO } from '@/lib/staking/order-checks';
import { effectiveSlippageBps, parseNetuid, parseNetuids, type PanelFacts, type PanelForm, type PanelOrder } from '@/lib/staking/panel-order';
import { startingAccount } from '@/lib/staking/start-account';
import type { PanelIntent, Quote, StakeContext, StakeOrder, TxEntry } from '@/lib/staking/types';
import { readJournal, watchJournal } from '@/lib/storage/journal-follow';
import { alphaLabel, formatExact } from '@/lib/units/amount';
import type { BridgeClient } from '@/lib/wallet/bridge-client';
import type { WalletAccount } from '@/lib/wallet/protocol';
import { createConfirmGate } from './confirm-gate';
import type { PanelGuard } from './panel-guard';

export interface StakeFlowDeps {
  bridge: BridgeClient;
  /** Whether a click may count: the panel fully visible and unchanged for a second (clickjacking). */
  guard: PanelGuard;
  initial: PanelIntent;
}

/** The form as typed (PanelForm without what the flow derives), plus the validator search. */
export type FormFields = Pick<PanelForm, 'mode' | 'netuidText' | 'hotkey' | 'amountText' | 'slippageText' | 'shield' | 'batchText' | 'weightsText' | 'destNetuidText' | 'destHotkey'> & {
  search: string;
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const contextDefaultHotkey = (c: StakeContext) => c.defaultHotkey ?? c.validators[0]?.hotkey ?? '';

/**
 * Accounts from the user's wallet (through the page-world bridge), and the one to start on: for an unstake or
 * move the account holding stake on the subnet, else the last one used (lib/staking/start-account.ts). Not
 * remembered here: a page script can answer the bridge's questions itself; an account is remembered once its
 * signature has been checked (confirm).
 */
function useWalletAccounts(bridge: BridgeClient, initial: PanelIntent) {
  const [accounts, setAccounts] = useState<WalletAccount[] | null>(null);
  const [accountsError, setAccountsError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  useEffect(() => {
    let stop = false;
    bridge.accounts().then(
      async (list) => {
        if (!list.length) {
          if (stop) return;
          setAccounts(list);
          setAccountsError('Your wallet shared no accounts with this site.');
          return;
        }
        const [holders, journal] = await Promise.all([
          initial.action === 'stake'
            ? []
            : request({ type: 'stake/holders', addresses: list.map((a) => a.address), netuid: initial.netuid }).then((r) => (r.ok ? r.value : [])),
          readJournal().catch(() => [] as TxEntry[]),
        ]);
        if (stop) return;
        setAccounts(list);
        setAddress((a) => a || (startingAccount(list, { action: initial.action, holders, journal }) ?? list[0]!.address));
      },
      (err: unknown) => !stop && setAccountsError(message(err)),
    );
    return () => {
      stop = true;
    };
  }, [bridge]); // eslint-disable-line react-hooks/exhaustive-deps -- the intent a panel opened with does not change
  return { accounts, accountsError, address, setAddress };
}

/** Balance, positions and validators for the account on the subnet; `reload` reads them again (after a transaction). */
function useStakeContext(address: string, netuid: number | null, onLoaded: (ctx: StakeContext, again: boolean) => void) {
  const [ctx, setCtx] = useState<StakeContext | null>(null);
  const [ctxError, setCtxError] = useState<string | null>(null);
  const [reads, setReads] = useState(0);
  const shown = useRef('');
  useEffect(() => {
    if (!address || netuid === null) return;
    let stop = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = (): void =>
      void request({ type: 'stake/context', address, netuid }).then((r) => {
        if (stop) return;
        if (!r.ok) {
          setCtxError(r.error);
          retry = setTimeout(load, 2_000); // e.g. still connecting to the chain
          return;
        }
        setCtxError(null);
        setCtx(r.value);
        const again = shown.current === `${address}/${netuid}`;
        shown.current = `${address}/${netuid}`;
        onLoaded(r.value, again);
      });
    load();
    return () => {
      stop = true;
      clearTimeout(retry);
    };
  }, [address, netuid, reads, onLoaded]);
  const reload = useCallback(() => setReads((n) => n + 1), []);
  return { ctx, ctxError, reload };
}

/** Each subnet of a batch gets its own default validator (as for one subnet); null when the subnet has none. */
function useBatchHotkeys(address: string, batchNetuids: number[] | null) {
  const [batchHotkeys, setBatchHotkeys] = useState<Record<number, string | null>>({});
  const asked = useRef(new Set<string>());
  const key = batchNetuids?.join(',') ?? '';
  useEffect(() => {
    if (!address || !batchNetuids) return;
    for (const n of batchNetuids) {
      if (asked.current.has(`${address}/${n}`)) continue;
      asked.current.add(`${address}/${n}`);
      void request({ type: 'stake/context', address, netuid: n }).then((r) =>
        setBatchHotkeys((m) => ({ ...m, [n]: r.ok ? (r.value.defaultHotkey ?? r.value.validators[0]?.hotkey ?? null) : null })),
      );
    }
  }, [address, key]); // eslint-disable-line react-hooks/exhaustive-deps -- `key` stands for the list
  return batchHotkeys;
}

type OrderQuestion = { form: PanelForm; facts: PanelFacts | null; spotPrice: bigint | null };

/**
 * The background's answer to `question`, asked again whenever it changes (after `delayMs` without a change):
 * `current` answers exactly the question on screen, `last` is the latest answer to any (a message can stay up while
 * the next answer comes), `replace` puts another answer in for the current question. A null question asks nothing.
 */
function useAnswer<Q, A>(question: Q | null, ask: (q: Q) => Promise<A>, delayMs = 0) {
  const [answer, setAnswer] = useState<{ for: Q; value: A } | null>(null);
  useEffect(() => {
    if (question === null) return;
    let stale = false;
    const go = () => void ask(question).then((value) => !stale && setAnswer({ for: question, value }));
    const timer = delayMs ? setTimeout(go, delayMs) : (go(), undefined);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [question, ask, delayMs]);
  const replace = useCallback((value: A) => question !== null && setAnswer({ for: question, value }), [question]);
  return {
    current: question !== null && answer?.for === question ? answer.value : null,
    last: question === null ? null : (answer?.value ?? null),
    replace,
  };
}

const askOrder = (q: OrderQuestion): Promise<PanelOrder> =>
  request({ type: 'stake/panel-order', ...q }).then((r) => (r.ok ? r.value : { error: r.error }));
const askQuote = (order: StakeOrder) =>
  request({ type: 'stake/quote', order }).then((r) => ({ quote: r.ok ? r.value : null, error: r.ok ? null : r.error }));

/**
 * The form → the order it would send, or the first thing wrong with it: worked out by the background on every
 * change (lib/staking/panel-order.ts; its rules and their messages stay out of this injected code). Only the answer
 * for the inputs on screen can be quoted and sent; until it comes, the last answer's message stays up.
 */
function usePanelOrder(question: OrderQuestion) {
  // Nothing to check yet (no account or context): no order, as the rules would say.
  const idle = !question.facts || !question.form.address;
  const { current, last } = useAnswer(idle ? null : question, askOrder);
  return { order: current, orderError: last && 'error' in last ? last.error : null };
}

/** The node's quote for the order on screen, refreshed as the inputs settle; only a quote of exactly that order counts. */
function useQuote(order: PanelOrder) {
  const { current, replace } = useAnswer(order && !('error' in order) ? order.order : null, askQuote, 300);
  const setQuoteError = useCallback((error: string) => replace({ quote: null, error }), [replace]);
  return { quote: current?.quote ?? null, quoteError: current?.error ?? null, setQuoteError };
}

/**
 * The transaction the background is watching, followed through the journal in extension storage (no polling);
 * `onEnded` runs once when it ends, so the panel shows the chain after it (balance, positions, validators' stake).
 */
function useFollowedEntry(onEnded: () => void) {
  const [entry, setEntry] = useState<TxEntry | null>(null);
  const id = entry && isPending(entry) ? entry.id : null;
  useEffect(() => {
    if (!id) return;
    const take = (list: TxEntry[]) => {
      const found = list.find((e) => e.id === id);
      if (found) setEntry(found);
    };
    const stop = watchJournal(take);
    void readJournal().then(take);
    return stop;
  }, [id]);
  const ended = entry && !isPending(entry) ? entry.id : null;
  useEffect(() => {
    if (ended) onEnded();
  }, [ended, onEnded]);
  return { entry, setEntry };
}

async function submitStep(id: string, signature: string) {
  const r = await request({ type: 'stake/submit-signed', id, signature });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Everything the panel shows and every intent it dispatches. */
export function useStakeFlow({ bridge, guard, initial }: StakeFlowDeps) {
  const [form, setForm] = useState<FormFields>(() => ({
    mode: initial.action, netuidText: String(initial.netuid), hotkey: '', amountText: '', slippageText: '', shield: null,
    batchText: String(initial.netuid), weightsText: '', destNetuidText: '', destHotkey: '', search: '',
  }));
  const set = useCallback(<K extends keyof FormFields>(field: K, value: FormFields[K]) => setForm((f) => ({ ...f, [field]: value })), []);
  const wallet = useWalletAccounts(bridge, initial);
  const { address } = wallet;
  const [subnets, setSubnets] = useState<SubnetSummary[]>([]);
  useEffect(() => void request({ type: 'summaries/get' }).then((r) => r.ok && setSubnets(r.value.subnets)), []);

  const netuid = parseNetuid(form.netuidText);
  const onContext = useCallback(
    (c: StakeContext, again: boolean) =>
      setForm((f) => ({
        ...f,
        // Read again after a transaction: keep the validator the user chose while it is still listed.
        hotkey: again && c.validators.some((v) => v.hotkey === f.hotkey) ? f.hotkey : contextDefaultHotkey(c),
        slippageText: f.slippageText || `${(c.slippageBps / 100).toFixed(2)}`,
      })),
    [],
  );
  const context = useStakeContext(address, netuid, onContext);
  const { ctx } = context;
  const batchHotkeys = useBatchHotkeys(address, form.mode === 'batch' ? parseNetuids(form.batchText) : null);

  // An empty field means the default from the settings (shown as its placeholder), never a figure of our own.
  const defaultSlippageBps = ctx?.slippageBps ?? DEFAULT_SLIPPAGE_BPS; // the settings' default until the context says
  const amountUnit = form.mode === 'stake' || form.mode === 'batch' ? 'TAO' : netuid !== null ? alphaLabel(netuid) : 'alpha';
  const spotPrice = subnets.find((s) => s.netuid === netuid)?.priceRao ?? null;
  const { search: _search, ...typed } = form;
  const question = useMemo(
    (): OrderQuestion => ({
      form: { ...typed, address, amountUnit, defaultSlippageBps, batchHotkeys },
      facts: ctx && { freeRao: ctx.freeRao, existentialDeposit: ctx.existentialDeposit, positions: ctx.positions },
      spotPrice,
    }),
    // `typed` is rebuilt each render; its fields are what counts.
    [form.mode, form.netuidText, form.hotkey, form.amountText, form.slippageText, form.shield, form.batchText, form.weightsText, form.destNetuidText, form.destHotkey, address, amountUnit, defaultSlippageBps, batchHotkeys, ctx, spotPrice], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const { order, orderError } = usePanelOrder(question);
  const sendable = order && !('error' in order) ? order.order : null;
  const { quote, quoteError, setQuoteError } = useQuote(order);
  const { entry, setEntry } = useFollowedEntry(context.reload);

  const [busy, setBusy] = useState<string | null>(null);
  const [flowError, setFlowError] = useState<string | null>(null);
  /** Something the user should know about the flow that is not an error (e.g. the envelope was sealed again). */
  const [flowNote, setFlowNote] = useState<string | null>(null);
  /** The exact payload being signed, as the wallet's window should show it. */
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  /** The order whose Max the user was asked to confirm once more. */
  const [maxArmed, setMaxArmed] = useState<StakeOrder | null>(null);
  const gate = useRef(createConfirmGate());

  const setMax = async () => {
    if (!ctx || netuid === null) return;
    try {
      set('amountText', formatExact(await maxAmount({ ctx, netuid, address, form, quote, slippageBps: effectiveSlippageBps({ slippageText: form.slippageText, defaultSlippageBps }) ?? defaultSlippageBps })));
    } catch (err) {
      setQuoteError(message(err));
    }
  };

  // Signing starts only here: a trusted click on our own button, inside our closed shadow root; the
  // gate holds until this flow ends, so a second click of a double click starts nothing.
  const confirm = async (event: MouseEvent<HTMLButtonElement>) => {
    if (!quote || quote.problem || !sendable) return;
    if (!event.nativeEvent.isTrusted || gate.current.busy) return;
    const refused = guard.refusal(event.nativeEvent);
    if (refused) return setFlowError(refused);
    // Everything the account can give (Max): a second click on the same order, after reading what it means.
    if (quote.maxAmount > 0n && quote.totalIn >= quote.maxAmount && maxArmed !== sendable) {
      setMaxArmed(sendable);
      setFlowError(null);
      return;
    }
    if (!gate.current.tryOpen(event.nativeEvent)) return;
    setMaxArmed(null);
    setFlowError(null);
    setFlowNote(null);
    setEntry(null);
    try {
      setBusy('Preparing the transaction…');
      const built = await request({ type: 'stake/build', order: sendable });
      if (!built.ok) throw new Error(built.error);
      const walletName = wallet.accounts?.find((a) => a.address === address)?.wallet ?? '';
      let step: typeof built.value | Awaited<ReturnType<typeof submitStep>> = built.value;
      while (step.status === 'sign') {
        setBusy(step.of === 2 ? `Sign ${step.step} of 2 in your wallet… ${step.note}` : 'Sign in your wallet…');
        setFingerprint(fingerprintText(step.fingerprint));
        if (step.resealed) setFlowNote(step.note);
        // Only the payload the background issued for this flow, under its one-time id.
        const signature = await bridge.sign(step.id, walletName, step.payload as never);
        setFingerprint(null);
        setBusy('Checking the signature and sending…');
        step = await submitStep(step.id, signature);
      }
      setEntry(step.entry);
      // The background verified this account's signature, which no page can forge: now it is remembered for the popup.
      const signer = step.entry.address;
      void request({ type: 'accounts/from-wallet', accounts: [wallet.accounts?.find((a) => a.address === signer) ?? { address: signer, name: null, wallet: 'unknown' }] });
    } catch (err) {
      setFlowError(message(err));
    } finally {
      setBusy(null);
      setFingerprint(null);
      gate.current.release();
    }
  };

  return {
    form, set, netuid, amountUnit, defaultSlippageBps, ...wallet, ...context, orderError, quote, quoteError,
    busy, flowError, flowNote, fingerprint, entry,
    maxArmed: !!maxArmed && maxArmed === sendable && !!quote && !busy,
    setMax, confirm,
  };
}

export type StakeFlow = ReturnType<typeof useStakeFlow>;

/**
 * The most the account can put in: for a stake the fee depends on the amount (from the MEV Shield threshold on,
 * the envelope pays too), so ask for the most at the fee of what the quote in hand allows (or of the chain's
 * minimum stake), then at the fee of that amount; for the others only the unlocked part of the position.
 */
async function maxAmount(a: { ctx: StakeContext; netuid: number; address: string; form: FormFields; quote: Quote | null; slippageBps: number }): Promise<bigint> {
  const { ctx, netuid, form } = a;
  if (form.mode !== 'stake' && form.mode !== 'batch') {
    return ctx.positions.filter((p) => p.netuid === netuid && p.hotkey === form.hotkey).reduce((sum, p) => sum + p.available, 0n);
  }
  const hotkey = form.hotkey || ctx.defaultHotkey || '';
  const maxAt = async (amount: bigint) => {
    const order: StakeOrder = { action: 'stake', address: a.address, legs: [{ netuid, hotkey, amount }], slippageBps: a.slippageBps, ...(form.shield === null ? {} : { shield: form.shield }) };
    const r = await request({ type: 'stake/quote', order });
    if (!r.ok) throw new Error(r.error);
    return r.value.maxAmount;
  };
  const first = a.quote?.maxAmount ?? (await maxAt(MIN_STAKE_RAO));
  const max = first > 0n ? await maxAt(first) : first;
  return max < first ? max : first;
}
