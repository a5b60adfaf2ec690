// The v2 (MiniMax-H3 family) half of the shared contract.
export * from './models';
export * from './media';
export * from './validate';
export * from './prices';
