import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/**
 * The built app as the benchmarks reach it: `next start` on a free loopback port, with the
 * environment naming its database, and a signed-in session. One copy for every HTTP benchmark.
 */
export interface RunningApp {
  base: string;
  /** Stops the server (its whole process group) and waits a moment for the port to close. */
  stop: () => Promise<void>;
}

export function requireBuild(): void {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("No build found: run `npx next build` first.");
    process.exit(2);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `next start` with `env` and resolves once `/sign-in` answers (within `waitSeconds`).
 * `nodeArgs` go to the server's Node.js (`--cpu-prof` to profile it).
 */
export async function startApp(env: Record<string, string>, { waitSeconds = 300, nodeArgs = [] as string[] } = {}): Promise<RunningApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app: ChildProcess = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const kill = () => {
    if (app.pid && app.exitCode === null) process.kill(-app.pid, "SIGTERM");
  };
  process.on("exit", kill);
  const stop = async () => {
    kill();
    await new Promise((r) => setTimeout(r, 1000));
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) break;
    } catch {
      // not listening yet
    }
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}`);
    if (i > waitSeconds * 2) {
      await stop();
      throw new Error(`next start did not answer within ${waitSeconds} s`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop };
}

/** Signs in through the API and returns the session's cookie header. */
export async function signIn(base: string, user: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(user) });
  if (!response.ok) throw new Error(`bench sign-in: ${response.status} ${await response.text()}`);
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
