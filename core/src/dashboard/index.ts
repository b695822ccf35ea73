export * from './team-dashboard';
export * from './org-rollup';
