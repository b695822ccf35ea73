export * from './errors';
export * from './store/index';
export * from './time/iso-week';
export * from './api/contracts';
export * from './measurement/index';
export * from './pulse/index';
export * from './meeting-load/index';
export * from './api/dashboard.contracts';
