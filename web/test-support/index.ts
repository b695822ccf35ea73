/** Test helpers shared by the tab's and the add-in's component tests (import from '@humandebt/web/test-support'). */
export { deferred, FakeFetch, type FakeReply, type RecordedCall } from './fake-fetch';
export { designTeam, errorBody, localMe, platformTeam, productionMe } from './fixtures';
