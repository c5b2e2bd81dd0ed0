// One language per download (docs/decisions.md): opens the built site in headless Chromium and
// checks that the page's loader downloads the wasm of the language the page speaks, and only it
// (`?lang=`, a Chinese browser, the default), and that the language switch opens the page again
// in the other language's build with the run it showed, or with the lesson under way.
// Exits non-zero, saying why, if any of that does not happen.
// Usage: node --experimental-websocket scripts/languages.mjs SITE_URL (ending in /)
import { openBrowser, sleep } from "./devtools.mjs";

const site = process.argv[2];
const { send, close } = await openBrowser(9300 + Math.floor(Math.random() * 100));
const value = async (expression) =>
  (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }))?.result?.value;
const drawn = async (what) => {
  for (let i = 0; i < 100; i++) {
    if (await value("document.documentElement.dataset.firstDrawMs")) return;
    await sleep(100);
  }
  throw new Error(`${what}: the page never drew`);
};
// The page's language, its title, and the wasm files it downloaded (their names).
const state = () => value(`({
  lang: document.documentElement.lang,
  title: document.querySelector("h1")?.textContent,
  clock: document.querySelector(".clock")?.textContent,
  lesson: document.querySelector(".lesson h2")?.textContent,
  href: location.href,
  wasm: performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.endsWith(".wasm"))
    .map((n) => n.split("/").pop()),
  builds: Object.fromEntries([...document.scripts].map((s) => /const builds = (\\{.*?\\});/.exec(s.textContent))
    .filter(Boolean).flatMap((m) => Object.entries(JSON.parse(m[1])).map(([l, b]) => [l, b.wasm.split("/").pop()]))),
})`);
const open = async (url, what) => {
  await send("Page.navigate", { url });
  await sleep(300);
  await drawn(what);
  return state();
};
const expect = (what, page, lang, title) => {
  const want = page.builds[lang];
  if (page.lang !== (lang === "zh" ? "zh-CN" : "en")) throw new Error(`${what}: <html lang=${page.lang}>`);
  if (page.title !== title) throw new Error(`${what}: the title reads ${page.title}`);
  if (page.wasm.length !== 1 || page.wasm[0] !== want) {
    throw new Error(`${what}: downloaded ${page.wasm.join(", ") || "no wasm"}, not only ${lang}'s ${want}`);
  }
  console.log(`${what}: ${lang}, downloaded ${page.wasm[0]} only`);
};
const en = "Kafka consumer group playground";
const zh = "Kafka 消费者组演练场";
const run = "#v1;seed=1;until=20000;0@create-topic:topic=orders,partitions=6;0@add-consumer:reset=earliest";
const click = (label) => value(`document.querySelector("button[aria-label='${label}']").click()`);
// After a switch: waits for the page to have opened again, in `lang`, and drawn.
const reopened = async (what, lang) => {
  for (let i = 0; i < 100 && !(await value(`location.search`))?.includes(`lang=${lang}`); i++) await sleep(100);
  await sleep(300);
  await drawn(what);
};

try {
  await send("Page.enable");
  await send("Network.enable");
  await send("Network.setCacheDisabled", { cacheDisabled: true });
  expect("?lang=zh", await open(`${site}?lang=zh${run}`, "?lang=zh"), "zh", zh);
  expect("?lang=en", await open(`${site}?lang=en${run}`, "?lang=en"), "en", en);
  // The switch keeps the run: the page opens again in Chinese at the same moment.
  await click("中文：切换到简体中文");
  await reopened("the switch to Chinese", "zh");
  const switched = await state();
  expect("the switch to Chinese", switched, "zh", zh);
  if (switched.clock !== "t = 20.000s" || !switched.href.includes("until=20000")) {
    throw new Error(`the switch lost the run: ${switched.clock} at ${switched.href}`);
  }
  // A lesson under way goes along, from its first step.
  await open(`${site}?lang=zh&lesson=static/lessons/crash.json`, "a lesson in Chinese");
  for (let i = 0; i < 50 && !(await state()).lesson; i++) await sleep(100);
  await click("English: switch the page to English");
  await reopened("the switch to English in a lesson", "en");
  let lesson;
  for (let i = 0; i < 50 && !(lesson = await state()).lesson; i++) await sleep(100);
  expect("the switch to English in a lesson", lesson, "en", en);
  if (lesson.lesson !== "A consumer crashes") throw new Error(`the lesson did not follow: ${lesson.lesson}`);
  console.log(`the switches kept the run (${switched.clock}) and the lesson (${lesson.lesson})`);
  // Without ?lang=, the visitor's last choice (the switch kept English) comes before the
  // browser's languages; with no choice kept, they decide.
  await send("Emulation.setUserAgentOverride", { userAgent: "Mozilla/5.0 HeadlessChrome", acceptLanguage: "zh-CN,zh" });
  expect("a Chinese browser, English chosen before", await open(site, "English chosen before"), "en", en);
  await send("Runtime.evaluate", { expression: "localStorage.clear()" });
  expect("a Chinese browser", await open(site, "a Chinese browser"), "zh", zh);
  await send("Runtime.evaluate", { expression: "localStorage.clear()" });
  await send("Emulation.setUserAgentOverride", { userAgent: "Mozilla/5.0 HeadlessChrome", acceptLanguage: "fr-FR,fr" });
  expect("a French browser", await open(site, "a French browser"), "en", en);
} finally {
  close();
}
