export * from './templates';
export * from './text';
export * from './blame';
export * from './machine';
export * from './actions';
export * from './summary';
