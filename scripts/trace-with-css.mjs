// A 10 s Chromium timeline trace of a page that is already running, optionally with extra CSS
// added first: for experiments like "what does a frame cost with the member timers hidden?"
// (BENCHMARKS.md, the floor). Opens URL in headless Chromium at 800×580 over the DevTools
// protocol, waits 1.5 s, adds the CSS file's rules in a <style>, waits 0.5 s, traces 10 s
// (devtools.timeline, toplevel) and writes the trace as JSON, which scripts/frame-times.py reads.
// A stylesheet edited in dist/ would fail its integrity check, hence adding rules at run time.
// Usage: node --experimental-websocket scripts/trace-with-css.mjs URL OUT.json [RULES.css]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, out, cssFile] = process.argv.slice(2);
const css = cssFile ? readFileSync(cssFile, "utf8") : "";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = 9250;
const browser = spawn("chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", `--user-data-dir=${mkdtempSync(join(tmpdir(), "trace-"))}`,
  "--window-size=800,580", `--remote-debugging-port=${port}`, "about:blank",
], { stdio: "ignore" });
try {
  let targets;
  for (let i = 0; i < 50 && !targets; i++) {
    await sleep(100);
    targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json()).catch(() => undefined);
  }
  const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r));
  let id = 0;
  const pending = new Map();
  const events = [];
  let complete;
  const completed = new Promise((r) => { complete = r; });
  ws.addEventListener("message", (m) => {
    const msg = JSON.parse(m.data);
    if (pending.has(msg.id)) pending.get(msg.id)(msg.result);
    if (msg.method === "Tracing.dataCollected") events.push(...msg.params.value);
    if (msg.method === "Tracing.tracingComplete") complete();
  });
  const send = (method, params = {}) =>
    new Promise((r) => { pending.set(++id, r); ws.send(JSON.stringify({ id, method, params })); });
  await send("Page.navigate", { url });
  await sleep(1500);
  if (css) {
    const add = `{const s=document.createElement("style");s.textContent=${JSON.stringify(css)};document.head.append(s)}`;
    await send("Runtime.evaluate", { expression: add });
  }
  await sleep(500);
  await send("Tracing.start", { categories: "devtools.timeline,toplevel", transferMode: "ReportEvents" });
  await sleep(10000);
  await send("Tracing.end");
  await completed;
  writeFileSync(out, JSON.stringify({ traceEvents: events }));
  ws.close();
} finally {
  browser.kill();
}
