/** The runtime APIs TaoLens calls, by their `state_call` names; each is feature-detected before use. */
export const RUNTIME_API = {
  allDynamicInfo: 'SubnetInfoRuntimeApi_get_all_dynamic_info',
  dynamicInfo: 'SubnetInfoRuntimeApi_get_dynamic_info',
  alphaPriceAll: 'SwapRuntimeApi_current_alpha_price_all',
  alphaPrice: 'SwapRuntimeApi_current_alpha_price',
  simBuy: 'SwapRuntimeApi_sim_swap_tao_for_alpha',
  simSell: 'SwapRuntimeApi_sim_swap_alpha_for_tao',
  stakeInfoForColdkeys: 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys',
  stakeInfoForPosition: 'StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid',
  stakeAvailability: 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys',
  delegates: 'DelegateInfoRuntimeApi_get_delegates',
  accountNonce: 'AccountNonceApi_account_nonce',
} as const;
