// The example tutorial page's side of the embed API (docs/embed.md): it drives the playground in
// its iframe from buttons in the prose and shows what the playground reports back. Copy it with
// the page to start your own; everything it does is documented there.
(function () {
  const frame = document.getElementById("playground");
  const lang = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  // Only this page may drive the playground: its origin goes into ?origin=.
  const site = new URL("../../", location.href);
  frame.src = `${site.pathname}embed/?embed=1&lang=${lang}&panels=topics,groups,wire` +
    `&origin=${encodeURIComponent(location.origin)}`;
  const target = site.origin;
  const send = (type, fields = {}) => frame.contentWindow.postMessage({ api: 1, type, ...fields }, target);

  const words = {
    en: {
      ready: "The playground is ready: the buttons in the text drive it.",
      rebalance: (m) => `${m.group}: generation ${m.generation_before} → ${m.generation}, because ${m.cause_text}; ` +
        `${m.moved.length} partition(s) moved, in ${m.took_ms / 1000} s of virtual time.`,
      refused: (m) => `The playground refused “${m.refused}”: ${m.message}`,
      state: (m) => `${m.playing ? "playing" : "paused"} at ${m.speed}×; ` +
        m.groups.map((g) => `${g.id} ${g.state}, generation ${g.generation}, ${g.members} members`).join("; "),
    },
    zh: {
      ready: "演练场已就绪：正文里的按钮可以控制它。",
      rebalance: (m) => `${m.group}：代 ${m.generation_before} → ${m.generation}，原因：${m.cause_text}；` +
        `移动了 ${m.moved.length} 个分区，用了 ${m.took_ms / 1000} 秒虚拟时间。`,
      refused: (m) => `演练场拒绝了“${m.refused}”：${m.message}`,
      state: (m) => `${m.playing ? "播放中" : "已暂停"}，${m.speed}×；` +
        m.groups.map((g) => `${g.id} ${g.state}，代 ${g.generation}，${g.members} 个成员`).join("；"),
    },
  }[lang];

  const reported = document.getElementById("reported");
  const state = document.getElementById("state");
  const say = (text, kind) => {
    const item = document.createElement("li");
    item.textContent = text;
    item.className = kind;
    reported.append(item);
  };

  window.addEventListener("message", (e) => {
    const m = e.data;
    if (e.source !== frame.contentWindow || !m || m.source !== "kafka-group-playground") return;
    if (m.type === "ready") say(words.ready, "ready");
    if (m.type === "rebalance") say(words.rebalance(m), "rebalance");
    if (m.type === "refused") say(words.refused(m), "refused");
    if (m.type === "state") state.textContent = words.state(m);
    if (m.type === "size") frame.style.height = `${Math.max(420, Math.min(m.height, 1400))}px`;
  });

  for (const button of document.querySelectorAll("[data-send]")) {
    button.addEventListener("click", () => {
      const fields = JSON.parse(button.dataset.fields || "{}");
      send(button.dataset.send, fields);
      if (button.dataset.then) send("speed", { speed: Number(button.dataset.then) });
    });
  }
})();
