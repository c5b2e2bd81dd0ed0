// A 10 s Chromium timeline trace of a page that is already running, optionally with extra CSS
// added first: for experiments like "what does a frame cost with the member timers hidden?"
// (BENCHMARKS.md, the floor). Opens URL in headless Chromium at 800×580 over the DevTools
// protocol, waits 1.5 s, adds the CSS file's rules in a <style>, waits 0.5 s, traces 10 s
// (devtools.timeline, toplevel) and writes the trace as JSON, which scripts/frame-times.py reads.
// A stylesheet edited in dist/ would fail its integrity check, hence adding rules at run time.
// Usage: node --experimental-websocket scripts/trace-with-css.mjs URL OUT.json [RULES.css]
import { readFileSync, writeFileSync } from "node:fs";
import { openBrowser, sleep } from "./devtools.mjs";

const [url, out, cssFile] = process.argv.slice(2);
const css = cssFile ? readFileSync(cssFile, "utf8") : "";
const events = [];
let complete;
const completed = new Promise((r) => { complete = r; });
const { send, close } = await openBrowser(9250, (method, params) => {
  if (method === "Tracing.dataCollected") events.push(...params.value);
  if (method === "Tracing.tracingComplete") complete();
});
try {
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
} finally {
  close();
}
