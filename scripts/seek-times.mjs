// Seeking in a long run, in real time: opens the page on a share link (it replays the run and
// pauses at its end), then drags the timeline to SEEKS moments drawn from a fixed sequence, and
// times each from the input event to the frame where the clock shows the moment (and no replay
// is still going on). Prints each, the median and the largest.
// Usage: node --experimental-websocket scripts/seek-times.mjs URL [SEEKS]
import { openBrowser, sleep } from "./devtools.mjs";

const url = process.argv[2];
const seeks = Number(process.argv[3] ?? 20);
// The run's length, from the link's until=: the page is ready once its timeline reaches it.
const until = Number(/until=(\d+)/.exec(url)?.[1]);

const { send, close } = await openBrowser(9400);
const evaluate = async (expression) =>
  (await send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }))?.result?.value;
try {
  await send("Page.navigate", { url });
  let head;
  for (let i = 0; i < 600 && !head; i++) {
    await sleep(100);
    head = await evaluate(`(() => {
      const input = document.querySelector("input[aria-label='Seek']");
      return input && !document.querySelector('.replaying') && Number(input.value) === ${until}
        ? ${until} : undefined; })()`);
  }
  if (!head) throw new Error("the run never finished replaying");
  // A fixed sequence (an LCG), so runs of two builds seek to the same moments.
  let x = 12345;
  const times = [];
  for (let i = 0; i < seeks; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const target = Math.floor((x / 2147483648) * head / 1000) * 1000;
    const ms = await evaluate(`new Promise((resolve) => {
      const input = document.querySelector("input[aria-label='Seek']");
      const want = "t = " + (${target} / 1000).toFixed(3) + "s";
      const t0 = performance.now();
      input.value = "${target}";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      const check = () => {
        const clock = document.querySelector(".clock")?.textContent;
        if (clock === want && !document.querySelector(".replaying")) resolve(performance.now() - t0);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    })`);
    times.push(ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`seeks (ms): ${times.map((t) => t.toFixed(0)).join(", ")}`);
  console.log(`median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms over ${seeks} seeks in a ${head / 1000} s run`);
} finally {
  close();
}
