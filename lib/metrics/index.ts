export * from './subsidy';
export * from './coverage';
