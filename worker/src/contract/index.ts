// The contract shared by the worker and the SPA: MiniMax's model rules, body validation, error codes.
export * from './models';
export * from './image';
export * from './prompt';
export * from './validate';
export * from './lenient';
export * from './errors';
export * from './v2';
