export * from './types';
export { coingeckoSource } from './coingecko';
export { binanceSource } from './binance';
export { metagraphPriceSource } from './metagraph';
export * from './service';
