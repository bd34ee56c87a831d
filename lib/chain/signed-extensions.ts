/**
 * Bittensor's custom transaction extensions carry no data; telling polkadot.js so silences its
 * "unknown signed extension" warning without changing a signed byte.
 */
const NO_DATA = { extrinsic: {}, payload: {} };

export const BITTENSOR_SIGNED_EXTENSIONS = {
  SudoTransactionExtension: NO_DATA,
  CheckShieldedTxValidity: NO_DATA,
  SubtensorTransactionExtension: NO_DATA,
  DrandPriority: NO_DATA,
};
