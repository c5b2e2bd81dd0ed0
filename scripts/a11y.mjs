// The accessibility audit (issue 15): opens the built site in headless Chromium at each size,
// lets it draw (a tutorial page: the playground in its frame), runs axe-core (from npm,
// node_modules/axe-core) with the WCAG 2.1 A and AA rules, checks that the page does not scroll
// sideways, and prints every violation with the elements it found. Exits 1 if there is any.
// Usage: node --experimental-websocket scripts/a11y.mjs URL [WIDTHxHEIGHT ...]
import { readFileSync } from "node:fs";
import { openBrowser, sleep } from "./devtools.mjs";

const url = process.argv[2];
const sizes = process.argv.slice(3).length ? process.argv.slice(3) : ["800x580", "1280x1400"];
const axe = readFileSync(new URL("../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
let found = 0;
for (const [i, size] of sizes.entries()) {
  const { send, close } = await openBrowser(9500 + i, () => {}, size.replace("x", ","));
  try {
    // Exactly this size: a headless window is never narrower than 500 px.
    const [width, height] = size.split("x").map(Number);
    await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    await send("Page.navigate", { url });
    let drawn;
    for (let t = 0; t < 100 && !drawn; t++) {
      await sleep(100);
      // A tutorial page (static/example/) waits for the playground in its frame.
      const expression = `document.documentElement.dataset.firstDrawMs ||
        document.querySelector("iframe")?.contentDocument?.documentElement.dataset.firstDrawMs`;
      drawn = (await send("Runtime.evaluate", { expression, returnByValue: true }))?.result?.value;
    }
    if (!drawn) throw new Error(`the page never drew at ${size}`);
    await sleep(500);
    await send("Runtime.evaluate", { expression: axe });
    const run = `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary.replace(/\\s+/g, " ")) })))`;
    const violations = (await send("Runtime.evaluate", { expression: run, awaitPromise: true, returnByValue: true }))?.result?.value;
    if (!Array.isArray(violations)) throw new Error(`axe did not run at ${size}`);
    // A page that scrolls sideways does not fit its column (a phone's, an iframe's).
    const wide = await send("Runtime.evaluate", { expression: "document.documentElement.scrollWidth - innerWidth", returnByValue: true });
    if (wide?.result?.value > 0) {
      violations.push({ id: "fits-width", impact: "serious", help: `the page is ${wide.result.value} px wider than ${size}`, nodes: ["html"] });
    }
    const elements = violations.reduce((n, v) => n + v.nodes.length, 0);
    console.log(`${size}: ${violations.length} rules broken on ${elements} elements`);
    for (const v of violations) {
      console.log(`  ${v.id} (${v.impact}): ${v.help}`);
      for (const node of v.nodes.slice(0, 12)) console.log(`    ${node.slice(0, 240)}`);
      if (v.nodes.length > 12) console.log(`    … and ${v.nodes.length - 12} more`);
    }
    found += elements;
  } finally {
    close();
  }
}
console.log(found === 0 ? "accessibility: no violation" : `accessibility: ${found} violations`);
process.exit(found === 0 ? 0 : 1);
