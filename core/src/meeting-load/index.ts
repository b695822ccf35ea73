/** Meeting-load engine: personal figures per day and week, what-if checks, and the shareable weekly aggregate. */
export { analyzeMeetingLoad, MAX_ANALYSIS_DAYS } from './engine';
export {
  DEFAULT_THRESHOLDS,
  MeetingLoadSettingsSchema,
  MeetingLoadThresholdsSchema,
  resolveMeetingLoadSettings,
  validateMeetingLoadSettings,
  type SettingsValidation,
} from './settings';
export { isValidTimeZone } from './time-zone';
export {
  validateAgreements,
  whatIf,
  type AgreementViolationCode,
  type DayDelta,
  type Delta,
  type ProposedMeeting,
  type Suggestion,
  type SuggestionKind,
  type ThresholdViolationCode,
  type Violation,
  type ViolationCode,
  type WeekDelta,
  type WhatIfOptions,
  type WhatIfResult,
} from './what-if';
export {
  addToMeetingLoadMetrics,
  SHAREABLE_METRICS,
  toShareableWeek,
  type ShareableMetric,
  type ShareableWeek,
} from './shareable';
export type * from './types';
