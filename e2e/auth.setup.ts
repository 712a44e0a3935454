import { expect, test as setup } from "@playwright/test";
import { apiSignIn, signInAsAdmin, storageStateFor } from "./support/users";

/**
 * Most specs act as the demo oncologist (Sarcoma MDT, which follows the reference case FW-0001):
 * sign in once per server and hand the cookie to every spec of that project.
 */
setup("sign in as the demo oncologist", async ({ request }, info) => {
  await apiSignIn(request, "oncologist");
  await request.storageState({ path: storageStateFor(info.project.name.replace(/^setup-/, "")) });
});

/**
 * An administrator must set up an authenticator app before anything else. The admin of each fresh
 * server is enrolled here, once, through the screens, so specs on several workers never race to enrol
 * it: they all sign in with a code (the key is kept in test-results/.auth for this run).
 */
setup("the demo admin must set up an authenticator app first", async ({ page }, info) => {
  await signInAsAdmin(page, info.project.name.replace(/^setup-/, ""), { mustEnrol: true });
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
});
