export * from '@humandebt/core';

/** A plausible shareable week (the add-in sends exactly these keys). */
export function sampleShareable() {
  return {
    meetings: 18,
    meetingHours: 12.5,
    workingTimeShare: 0.31,
    focusHours: 11,
    focusBlocks: 4,
    lowFocusWeek: 0,
    backToBackChains: 3,
    backToBackHours: 4.5,
    longestChainMeetings: 3,
    afterHoursHours: 0.5,
    conflicts: 1,
    conflictShare: 0.06,
    longMeetings: 2,
    largeMeetings: 3,
    recurringShare: 0.4,
  };
}
