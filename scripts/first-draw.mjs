// Time from navigation to the playground's first drawn world, in real time: starts headless
// Chromium with a DevTools port, opens the page, and reads <html data-first-draw-ms>, which the
// app sets from performance.now() when it first renders. Runs RUNS cold loads (a fresh profile
// each) and prints each and the median.
// Usage: node --experimental-websocket scripts/first-draw.mjs URL [RUNS]
import { openBrowser, sleep } from "./devtools.mjs";

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 5);

async function once(port) {
  const { send, close } = await openBrowser(port);
  try {
    await send("Page.navigate", { url });
    for (let i = 0; i < 100; i++) {
      await sleep(100);
      const res = await send("Runtime.evaluate", { expression: "document.documentElement.dataset.firstDrawMs" });
      if (res?.result?.value) return Number(res.result.value);
    }
    throw new Error("the page never drew");
  } finally {
    close();
  }
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await once(9300 + i));
times.sort((a, b) => a - b);
console.log(`first draw (ms): ${times.join(", ")}; median ${times[Math.floor(times.length / 2)]}`);
