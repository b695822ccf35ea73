/**
 * The slice of core the task pane uses, imported file by file instead of from the package root.
 *
 * Why: `@humandebt/core`'s index re-exports every module of core, and most of them build zod schemas at module load
 * (top-level `z.object(...)` calls). A bundler must keep calls it cannot prove free of side effects, so importing one
 * name from the root ships every schema in core — retro, measurement, dashboard contracts — in the task pane. The task
 * pane has a 160 KB gzip budget; importing the files it needs keeps it to what it uses. Type-only imports may still
 * come from '@humandebt/core' (they vanish at build time).
 */
export { ERROR_CATALOGUE, type ErrorCode } from '../../../core/src/errors';
export {
  AgreementsResponse,
  ErrorResponse,
  MeetingLoadShareRequest,
  MeetingLoadShareResponse,
  MeResponse,
  TeamsListResponse,
} from '../../../core/src/api/contracts';
export { isoWeekOf } from '../../../core/src/time/iso-week';
export * from './engine';
