import { app, authentication, pages } from '@microsoft/teams-js';
import type { TeamsSdk } from './teams-host';

/**
 * The only module that touches @microsoft/teams-js. It is loaded with a dynamic import from `teams-host.ts`, so the
 * SDK sits in its own chunk and a swap to another Teams SDK is a change to this folder only.
 */
export const teamsSdk: TeamsSdk = {
  initialize: () => app.initialize(),
  async getContext() {
    const context = await app.getContext();
    return {
      theme: context.app.theme,
      locale: context.app.locale,
      entityId: context.page.id,
      frameContext: context.page.frameContext,
    };
  },
  onThemeChange: (handler) => app.registerOnThemeChangeHandler(handler),
  // The token's audience is the app's own API (webApplicationInfo in the manifest); the service validates it.
  getAuthToken: () => authentication.getAuthToken(),
  notifySuccess() {
    app.notifySuccess().catch(() => undefined);
  },
  setConfigValid: (valid) => pages.config.setValidityState(valid),
  onConfigSave(handler) {
    pages.config.registerOnSaveHandler((saveEvent) => {
      handler().then(
        () => saveEvent.notifySuccess(),
        () => saveEvent.notifyFailure('The tab could not be saved. Please try again.'),
      );
    });
  },
  setConfig: (config) => pages.config.setConfig(config),
};
