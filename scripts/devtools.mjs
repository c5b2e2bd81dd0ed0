// Headless Chromium at the 800×580 embed size with a fresh profile, driven over the DevTools
// protocol: what scripts/first-draw.mjs and scripts/trace-with-css.mjs share.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts Chromium on `port` (at `size`, the embed's 800×580 unless told) and connects to its page. `onEvent(method, params)` hears the
// protocol's events. Returns `send(method, params)`, which resolves to the command's result,
// and `close()`, which closes the connection and stops the browser.
export async function openBrowser(port, onEvent = () => {}, size = "800,580") {
  const browser = spawn("chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${mkdtempSync(join(tmpdir(), "devtools-"))}`,
    `--window-size=${size}`, `--remote-debugging-port=${port}`, "about:blank",
  ], { stdio: "ignore" });
  try {
    let targets;
    for (let i = 0; i < 150 && !targets; i++) {
      await sleep(100);
      targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json()).catch(() => undefined);
    }
    const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
    await new Promise((r) => ws.addEventListener("open", r));
    let id = 0;
    const pending = new Map();
    ws.addEventListener("message", (m) => {
      const msg = JSON.parse(m.data);
      if (pending.has(msg.id)) pending.get(msg.id)(msg.result);
      if (msg.method) onEvent(msg.method, msg.params);
    });
    const send = (method, params = {}) =>
      new Promise((r) => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
    const close = () => { ws.close(); browser.kill(); };
    return { send, close };
  } catch (e) {
    browser.kill();
    throw e;
  }
}
