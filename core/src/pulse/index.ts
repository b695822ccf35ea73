export * from './pulse-responses';
