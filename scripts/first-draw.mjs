// Time from navigation to the playground's first drawn world, in real time: starts headless
// Chromium with a DevTools port, opens the page, and reads <html data-first-draw-ms>, which the
// app sets from performance.now() when it first renders. Runs RUNS cold loads (a fresh profile
// each) and prints each and the median.
// Usage: node --experimental-websocket scripts/first-draw.mjs URL [RUNS]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function once(port) {
  const profile = mkdtempSync(join(tmpdir(), "first-draw-"));
  const browser = spawn("chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--window-size=800,580",
    `--remote-debugging-port=${port}`, "about:blank",
  ], { stdio: "ignore" });
  try {
    let targets;
    for (let i = 0; i < 50 && !targets; i++) {
      await sleep(100);
      targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json()).catch(() => undefined);
    }
    const page = targets.find((t) => t.type === "page");
    const ws = new WebSocket(page.webSocketDebuggerUrl);
    await new Promise((r) => ws.addEventListener("open", r));
    let id = 0;
    const pending = new Map();
    ws.addEventListener("message", (m) => {
      const msg = JSON.parse(m.data);
      if (pending.has(msg.id)) pending.get(msg.id)(msg.result);
    });
    const send = (method, params = {}) =>
      new Promise((r) => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
    await send("Page.navigate", { url });
    for (let i = 0; i < 100; i++) {
      await sleep(100);
      const res = await send("Runtime.evaluate", { expression: "document.documentElement.dataset.firstDrawMs" });
      if (res?.result?.value) { ws.close(); return Number(res.result.value); }
    }
    throw new Error("the page never drew");
  } finally {
    browser.kill();
  }
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await once(9300 + i));
times.sort((a, b) => a - b);
console.log(`first draw (ms): ${times.join(", ")}; median ${times[Math.floor(times.length / 2)]}`);
