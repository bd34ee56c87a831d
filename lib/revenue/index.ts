export * from './types';
export * from './metagraph';
export * from './chutes';
export * from './feed';
export * from './manual';
export * from './combine';
export * from './service';
