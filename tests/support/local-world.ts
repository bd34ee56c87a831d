/**
 * The embedded default world: the local devnet (and, as they land, fixture price and revenue APIs),
 * with the TAOLENS_* variables that point a build at them.
 */
export interface LocalWorld {
  devnetUrl: string;
  controlUrl?: string;
  buildEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLocalWorld(opts: { blockMs: number; port?: number }): Promise<LocalWorld> {
  const { startDevnet } = await import('../devnet/index');
  const devnet = await startDevnet({ port: opts.port ?? 0, scenario: 'default', blockMs: opts.blockMs, controlPort: 0 });
  return {
    devnetUrl: devnet.url,
    controlUrl: devnet.controlUrl,
    buildEnv: { TAOLENS_ENDPOINTS: devnet.url },
    stop: () => devnet.stop(),
  };
}
