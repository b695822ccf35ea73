/**
 * The meeting-load engine for code that also runs in the event handlers' bundle: engine files only, no API contracts
 * (see core.ts for why nothing here comes from the package root). The engine's settings validation uses zod/mini,
 * small enough for the handler bundle. The what-if is its own module (what-if.ts) so the task pane can load it after
 * its first render.
 */
export { analyzeMeetingLoad, MAX_ANALYSIS_DAYS } from '../../../core/src/meeting-load/engine';
export { DEFAULT_THRESHOLDS, resolveMeetingLoadSettings } from '../../../core/src/meeting-load/settings';
export { SHAREABLE_METRICS, toShareableWeek } from '../../../core/src/meeting-load/shareable';
export { zoneClock, type ZoneClock } from '../../../core/src/meeting-load/time-zone';
