export * from './data-rights';
