export * from './team-dashboard';
