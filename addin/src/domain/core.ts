/**
 * The slice of core the task pane uses, imported file by file instead of from the package root.
 *
 * Why: `@humandebt/core`'s index re-exports every module of core, and most of them build zod schemas at module load
 * (top-level `z.object(...)` calls). A bundler must keep calls it cannot prove free of side effects, so importing one
 * name from the root ships every schema in core — retro, measurement, dashboard contracts — in the task pane. The task
 * pane has a 160 KB gzip budget; importing the files it needs keeps it to what it uses. Type-only imports may still
 * come from '@humandebt/core' (they vanish at build time). The code shared with the tab (API client, error
 * catalogue, the /me and /teams loads) lives in @humandebt/web, which imports core's root: core declares
 * "sideEffects": false, and the task pane's first load did not grow when that code moved there (checked: none of the
 * item bank or retro strings are in the built pane).
 */
export { AgreementsResponse, MeetingLoadShareRequest, MeetingLoadShareResponse } from '../../../core/src/api/contracts';
export { isoWeekOf } from '../../../core/src/time/iso-week';
export * from './engine';
