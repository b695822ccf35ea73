export * from './documents';
export * from './port';
export * from './repositories';
export * from './retry';
