// The example tutorial page drives its embedded playground through the embed API (issue 17):
// opens static/example/<lang>.html from the built site in headless Chromium, waits for the
// playground's `ready`, presses the button in the prose that kills consumer-2, and waits for the
// page to show the rebalance the playground reported back (the session timeout moving
// consumer-2's partitions). Exits non-zero, saying why, if any of that does not happen.
// Usage: node --experimental-websocket scripts/embed-example.mjs URL [SCREENSHOT.png]
import { writeFileSync } from "node:fs";
import { openBrowser, sleep } from "./devtools.mjs";

const [url, screenshot] = process.argv.slice(2);
const { send, close } = await openBrowser(9400 + Math.floor(Math.random() * 100), () => {}, "900,1300");
const value = async (expression) => (await send("Runtime.evaluate", { expression, returnByValue: true }))?.result?.value;
const waitFor = async (what, expression, seconds) => {
  for (let i = 0; i < seconds * 10; i++) {
    if (await value(expression)) return;
    await sleep(100);
  }
  throw new Error(`${url}: ${what} did not happen within ${seconds} s`);
};

try {
  await send("Page.navigate", { url });
  await waitFor("the playground's ready message", "!!document.querySelector('#reported .ready')", 30);
  await waitFor("the first rebalance's report", "document.querySelectorAll('#reported .rebalance').length >= 1", 30);
  const before = await value("document.querySelectorAll('#reported .rebalance').length");
  await value("document.querySelector('[data-fields*=\"kill-consumer\"]').click(), true");
  // 45 s of session timeout at 10×, on a slow machine.
  await waitFor(
    "the rebalance after the kill",
    `[...document.querySelectorAll('#reported .rebalance')].slice(${before}).some(li => li.textContent.includes('consumer-2'))`,
    40,
  );
  const said = await value("[...document.querySelectorAll('#reported li')].map(li => li.textContent).join('\\n')");
  if (await value("!!document.querySelector('#reported .refused')")) throw new Error(`${url}: a request was refused:\n${said}`);
  console.log(`${url}: the kill's rebalance was reported back:\n${said}`);
  if (screenshot) {
    await value("document.querySelector('[data-send=\"pause\"]').click(), true");
    await sleep(500);
    const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
    writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
    console.log(screenshot);
  }
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  close();
}
