export * from './subsidy';
export * from './coverage';
export * from './economics';
