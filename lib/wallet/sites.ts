/** Pages whose content scripts talk to wallets (staking panel, a card's "Connect wallet"). */
export const STAKING_SITE_MATCHES = ['https://taostats.io/*', 'https://x.com/*', 'https://taomarketcap.com/*'];
