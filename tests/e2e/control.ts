/** The devnet's HTTP control interface, from inside a test worker. */
export function devnetControl(controlUrl: string) {
  const post = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`devnet control ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    state: async () => (await fetch(`${controlUrl}/state`)).json(),
    pause: () => post('/pause'),
    resume: () => post('/resume'),
    produceBlock: () => post('/produce-block'),
    dropConnections: () => post('/drop-connections'),
    refuseConnections: (on: boolean) => post('/refuse-connections', { on }),
    runtimeAnswer: (method: string, mode: 'ok' | 'empty' | 'short') => post('/runtime-answer', { method, mode }),
    /** Requests clients sent the devnet since it started, by method (runtime calls as `state_call:<name>`), and per runtime call the distinct blocks asked at. */
    rpcCounts: async (): Promise<{ requests: Record<string, number>; blocks: Record<string, number> }> => (await fetch(`${controlUrl}/rpc-counts`)).json(),
    holdPool: (on: boolean) => post('/hold-pool', { on }),
    trade: (netuid: number, t: { taoIn?: string; alphaIn?: string }) => post('/trade', { netuid, ...t }),
    reregister: (netuid: number, name: string, priceRao: string): Promise<{ registeredAt: string }> => post('/reregister', { netuid, name, priceRao }),
  };
}
