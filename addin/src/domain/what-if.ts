/**
 * The engine's what-if, apart from domain/engine.ts: the task pane needs it only after its first render (nudges, the
 * meeting check), so it can live in a chunk of its own.
 */
export { whatIf } from '../../../core/src/meeting-load/what-if';
