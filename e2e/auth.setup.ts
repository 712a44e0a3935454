import { test as setup } from "@playwright/test";
import { apiSignIn, storageStateFor } from "./support/users";

/**
 * Most specs act as the demo oncologist (Sarcoma MDT, which follows the reference case FW-0001):
 * sign in once per server and hand the cookie to every spec of that project.
 */
setup("sign in as the demo oncologist", async ({ request }, info) => {
  await apiSignIn(request, "oncologist");
  await request.storageState({ path: storageStateFor(info.project.name.replace(/^setup-/, "")) });
});
