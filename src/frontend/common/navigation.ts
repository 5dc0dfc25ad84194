// Opening the app's global page ("Timecard sync") from a UI Kit surface.
//
// The documented way is `router.navigate` from @forge/bridge with a NavigationLocation of
// target `module` and the module key from the manifest; the host turns it into the page's URL
// (`/jira/apps/<appId>/<envId>`), which the app cannot know offline. A relative URL string
// would also be allowed, but only the host knows the ids in it.
import { router } from '@forge/bridge';

/** The `jira:globalPage` module key in manifest.yml. Keep the two in step. */
export const GLOBAL_PAGE_MODULE_KEY = 'timecard-sync-page';

export function openTimecardPage(): Promise<void> {
  return router.navigate({ target: 'module', moduleKey: GLOBAL_PAGE_MODULE_KEY });
}
