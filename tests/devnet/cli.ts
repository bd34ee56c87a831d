// npm run devnet -- --port 9944 --scenario default --block-ms 12000 [--control-port 9945] [--metadata-from wss://…]
import { startDevnet } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const port = Number(arg('port') ?? 9944);
const controlPort = arg('control-port') !== undefined ? Number(arg('control-port')) : port === 0 ? 0 : port + 1;
const devnet = await startDevnet({
  port, controlPort, scenario: arg('scenario') ?? 'default', blockMs: Number(arg('block-ms') ?? 12_000), metadataFrom: arg('metadata-from'),
});
console.log(`Subtensor devnet serving ${devnet.url}`);
console.log(`Control ${devnet.controlUrl}`);
console.log(`scenario ${arg('scenario') ?? 'default'}, genesis ${devnet.genesisHash}, ready in ${Math.round(performance.now())} ms after process start`);
for (const [n, a] of Object.entries(devnet.accounts)) console.log(`  ${n.padEnd(8)} ${a}`);
const stop = async () => { await devnet.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
