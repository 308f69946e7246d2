// Communique dashboard: plain JavaScript, no libraries, no network. Every string that comes from the
// warehouse is put on screen through textContent or SVG text nodes, never parsed as HTML.
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("dashboard-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                   "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f", "#d62728", "#2ca02c"];
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function empty(node, message) { clear(node).appendChild(el("p", { class: "empty" }, message)); }
  function countBy(rows, key) {
    const m = new Map();
    for (const r of rows) { const k = key(r); if (k !== null && k !== undefined) m.set(k, (m.get(k) || 0) + 1); }
    return m;
  }
  const targetKey = (e) => e.target_code || e.target_norm || e.target_text || null;
  const label = (code, norm, text) => code && norm && norm !== code ? code + " · " + norm : (code || norm || text || "?");

  // ---- parties (event_parties: every party of a joint actor or target has its own row) -------------
  // Two ways to count a party: "countries" rolls a person up to the country they serve (a person's code
  // is that country's), "persons" keeps persons apart from their country.
  function partyKey(p, mode) {
    if (mode === "persons" && p.type === "PERSON") return "person:" + p.norm;
    return p.code || p.norm;
  }
  function partyLabel(p, mode) {
    if (mode === "persons" && p.type === "PERSON") return p.norm + (p.code ? " (" + p.code + ")" : "");
    const name = mode === "persons" ? p.norm : p.side;
    return p.code && name && name !== p.code ? p.code + " · " + name : (p.code || name || "?");
  }
  // the distinct keys of an event's parties in a role ("actor" / "target"), in their order
  function keysOf(e, role, mode) {
    return [...new Set((e.parties || []).filter((p) => p.role === role).map((p) => partyKey(p, mode)))];
  }
  function partyNames(mode) {
    const names = new Map();
    for (const e of events) for (const p of e.parties || []) {
      const k = partyKey(p, mode);
      if (!names.has(k) || p.type !== "PERSON") names.set(k, partyLabel(p, mode));  // a country names itself
    }
    return names;
  }

  const events = DATA.events || [];
  const types = [...new Set(events.map((e) => e.event_type))].sort();
  const color = new Map(types.map((t, i) => [t, PALETTE[i % PALETTE.length]]));

  // ---- filters -------------------------------------------------------------------------------
  function fillSelect(select, values) {
    for (const [value, text] of values) select.appendChild(el("option", { value: value }, text));
  }
  fillSelect($("f-lang"), [...new Set(events.map((e) => e.lang).filter(Boolean))].sort().map((l) => [l, l]));
  fillSelect($("f-type"), types.map((t) => [t, t]));
  const modeOf = () => (document.querySelector("input[name='parties']:checked") || {}).value || "countries";
  let mode = null, actorNames = new Map();
  function fillActors() {  // the actor filter's parties, most frequent first, named as the mode counts them
    const select = $("f-actor"), chosen = select.value;
    actorNames = partyNames(mode);
    const counts = countBy(events.flatMap((e) => [...new Set([...keysOf(e, "actor", mode), ...keysOf(e, "target", mode)])]), (k) => k);
    while (select.options.length > 1) select.remove(1);
    fillSelect(select, [...actorNames.entries()].sort((a, b) => (counts.get(b[0]) || 0) - (counts.get(a[0]) || 0)));
    select.value = actorNames.has(chosen) ? chosen : "";
  }
  const days = events.map((e) => e.day).filter(Boolean).sort();
  if (days.length) { $("f-from").min = $("f-to").min = days[0]; $("f-from").max = $("f-to").max = days[days.length - 1]; }

  function current() {
    return { from: $("f-from").value, to: $("f-to").value, lang: $("f-lang").value, type: $("f-type").value,
             actor: $("f-actor").value, mode: mode };
  }
  function applyFilters(f) {
    return events.filter((e) =>
      (!f.from || (e.day && e.day >= f.from)) && (!f.to || (e.day && e.day <= f.to)) &&
      (!f.lang || e.lang === f.lang) && (!f.type || e.event_type === f.type) &&
      (!f.actor || keysOf(e, "actor", f.mode).includes(f.actor) || keysOf(e, "target", f.mode).includes(f.actor)));
  }

  // ---- charts --------------------------------------------------------------------------------
  function timeline(rows) {
    const box = $("timeline"), legend = clear($("timeline-legend"));
    const dated = rows.filter((r) => r.day);
    if (!dated.length) return empty(box, "No dated events match the filters.");
    const allDays = dated.map((r) => r.day).sort();
    const spanDays = (Date.parse(allDays[allDays.length - 1]) - Date.parse(allDays[0])) / 864e5;
    const bucketOf = spanDays > 62 ? (d) => d.slice(0, 7) : (d) => d;
    const buckets = [...new Set(dated.map((r) => bucketOf(r.day)))].sort();
    const stack = new Map(buckets.map((b) => [b, new Map()]));
    for (const r of dated) { const m = stack.get(bucketOf(r.day)); m.set(r.event_type, (m.get(r.event_type) || 0) + 1); }
    const max = Math.max(...[...stack.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
    const W = Math.max(480, buckets.length * 22 + 60), H = 230, left = 36, bottom = 46, top = 10;
    const bw = (W - left - 10) / buckets.length;
    const svg = svgEl("svg", { width: W, height: H, role: "img", "aria-label": "events over time by type" });
    svg.appendChild(svgEl("text", { x: 2, y: top + 8 }, max));
    svg.appendChild(svgEl("line", { x1: left, y1: H - bottom, x2: W - 5, y2: H - bottom, stroke: "#999" }));
    buckets.forEach((b, i) => {
      let y = H - bottom;
      for (const t of types) {
        const n = stack.get(b).get(t) || 0;
        if (!n) continue;
        const h = (n / max) * (H - bottom - top);
        y -= h;
        const rect = svgEl("rect", { x: left + i * bw + 1, y: y, width: Math.max(bw - 2, 1), height: h,
                                     fill: color.get(t), class: "bar", "data-type": t, "data-bucket": b, "data-n": n });
        rect.appendChild(svgEl("title", {}, b + " · " + t + ": " + n));
        svg.appendChild(rect);
      }
      if (buckets.length <= 24 || i % Math.ceil(buckets.length / 24) === 0) {
        const x = left + i * bw + bw / 2;
        svg.appendChild(svgEl("text", { x: x, y: H - bottom + 12, transform: "rotate(45 " + x + " " + (H - bottom + 12) + ")" }, b));
      }
    });
    clear(box).appendChild(svg);
    for (const t of types.filter((t) => dated.some((r) => r.event_type === t))) {
      const item = el("span"); const sw = el("i"); sw.style.background = color.get(t);
      item.appendChild(sw); item.appendChild(document.createTextNode(t)); legend.appendChild(item);
    }
  }

  function dyads(rows, f) {
    // events per (actor party, target party): a joint "Israel|Hamas -> Qatar" counts for both pairs, once each
    const box = $("dyads");
    box.setAttribute("data-mode", f.mode);
    const pairs = [];
    for (const r of rows) for (const a of keysOf(r, "actor", f.mode)) for (const t of keysOf(r, "target", f.mode))
      pairs.push([a, t]);
    if (!pairs.length) return empty(box, "No events with both an actor and a target match the filters.");
    const top = (i) => [...countBy(pairs, (p) => p[i]).entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map((x) => x[0]);
    const actors = top(0), targets = top(1);
    const cells = countBy(pairs, (p) => actors.includes(p[0]) && targets.includes(p[1]) ? p[0] + "\u0000" + p[1] : null);
    const max = Math.max(1, ...cells.values());
    const name = (k) => actorNames.get(k) || k;
    const cw = 34, left = 170, topPad = 120;
    const svg = svgEl("svg", { width: left + targets.length * cw + 90, height: topPad + actors.length * cw + 10,
                               role: "img", "aria-label": "top dyads matrix" });
    targets.forEach((t, j) => {
      const x = left + j * cw + cw / 2;
      svg.appendChild(svgEl("text", { x: x, y: topPad - 6, transform: "rotate(-50 " + x + " " + (topPad - 6) + ")",
                                      class: "col-label", "data-key": t }, name(t).slice(0, 24)));
    });
    actors.forEach((a, i) => {
      svg.appendChild(svgEl("text", { x: 4, y: topPad + i * cw + cw / 2 + 4, class: "row-label", "data-key": a },
                            name(a).slice(0, 26)));
      targets.forEach((t, j) => {
        const n = cells.get(a + "\u0000" + t) || 0;
        const rect = svgEl("rect", { x: left + j * cw, y: topPad + i * cw, width: cw - 2, height: cw - 2, class: "cell",
                                     "data-actor": a, "data-target": t, "data-n": n,
                                     fill: n ? "rgba(78,121,167," + (0.15 + 0.85 * n / max).toFixed(2) + ")" : "#f1f3f6" });
        rect.appendChild(svgEl("title", {}, name(a) + " → " + name(t) + ": " + n));
        svg.appendChild(rect);
        if (n) svg.appendChild(svgEl("text", { x: left + j * cw + cw / 2 - 4, y: topPad + i * cw + cw / 2 + 4 }, n));
      });
    });
    clear(box).appendChild(svg);
  }

  function hbars(box, items, ariaLabel, colors) {
    // items: [[label, [values...]]], one bar per value, side by side
    const rowH = 18 * colors.length + 6, left = 190, W = 520;
    const max = Math.max(1, ...items.flatMap((x) => x[1]));
    const svg = svgEl("svg", { width: W, height: items.length * rowH + 10, role: "img", "aria-label": ariaLabel });
    items.forEach(([name, values], i) => {
      svg.appendChild(svgEl("text", { x: 2, y: i * rowH + 14 }, String(name).slice(0, 34)));
      values.forEach((v, k) => {
        const y = i * rowH + 2 + k * 18;
        const rect = svgEl("rect", { x: left, y: y, width: Math.max(1, (v / max) * (W - left - 40)), height: 15,
                                     fill: colors[k], class: "bar", "data-n": v });
        rect.appendChild(svgEl("title", {}, name + ": " + v));
        svg.appendChild(rect);
        svg.appendChild(svgEl("text", { x: left + (v / max) * (W - left - 40) + 4, y: y + 12 }, v));
      });
    });
    clear(box).appendChild(svg);
  }

  function actorDrill(rows, f) {
    const box = $("actor");
    let who = f.actor;
    if (!who) {
      const counts = countBy(rows.flatMap((r) => [...new Set([...keysOf(r, "actor", f.mode), ...keysOf(r, "target", f.mode)])]), (k) => k);
      who = [...counts.entries()].sort((a, b) => b[1] - a[1]).map((x) => x[0])[0];
    }
    $("actor-name").textContent = who ? (actorNames.get(who) || who) + (f.actor ? "" : " (most active; pick one above)") : "";
    if (!who) return empty(box, "No actor in the filtered events.");
    const byType = new Map();
    for (const r of rows) {
      if (keysOf(r, "actor", f.mode).includes(who)) { const v = byType.get(r.event_type) || [0, 0]; v[0]++; byType.set(r.event_type, v); }
      if (keysOf(r, "target", f.mode).includes(who)) { const v = byType.get(r.event_type) || [0, 0]; v[1]++; byType.set(r.event_type, v); }
    }
    const items = [...byType.entries()].sort((a, b) => (b[1][0] + b[1][1]) - (a[1][0] + a[1][1]));
    hbars(box, items, "events sent and received by type", ["#4e79a7", "#f28e2b"]);
    const legend = el("p", { class: "meta" }, "blue: sent (as actor) · orange: received (as target)");
    box.appendChild(legend);
  }

  function conditional(rows) {
    const list = clear($("conditional"));
    const conds = rows.filter((r) => r.condition_text);
    if (!conds.length) { list.appendChild(el("li", { class: "empty" }, "No conditional events match the filters.")); return; }
    for (const r of conds.slice(0, 100)) {
      const li = el("li", { class: "conditional-event" });
      const who = label(r.actor_code, r.actor_norm, r.actor_text) +
        (targetKey(r) ? " → " + label(r.target_code, r.target_norm, r.target_text) : "");
      li.appendChild(el("div", { class: "meta" }, [r.day, r.event_type, who, r.modality, r.source].filter(Boolean).join(" · ")));
      const sentence = el("div", { class: "sentence" });
      const s = r.sentence_text || "", c = r.condition_text;
      let off = r.condition_offset;
      if (off === null || off === undefined || s.substr(off, c.length) !== c) off = s.indexOf(c);
      if (off >= 0) {
        sentence.appendChild(document.createTextNode(s.slice(0, off)));
        sentence.appendChild(el("mark", {}, c));
        sentence.appendChild(document.createTextNode(s.slice(off + c.length)));
      } else {
        sentence.appendChild(document.createTextNode(s + " "));
        sentence.appendChild(el("mark", {}, c));
      }
      li.appendChild(sentence);
      list.appendChild(li);
    }
  }

  function table(node, rows, columns, emptyMessage) {
    clear(node);
    if (!rows.length) { const tr = el("tr"); tr.appendChild(el("td", { class: "empty" }, emptyMessage)); node.appendChild(tr); return; }
    const head = el("tr");
    for (const [key, title] of columns) head.appendChild(el("th", {}, title || key));
    node.appendChild(head);
    for (const r of rows) {
      const tr = el("tr");
      for (const [key] of columns) {
        const v = r[key];
        tr.appendChild(el("td", typeof v === "number" ? { class: "num" } : {}, v === null || v === undefined ? "" : v));
      }
      node.appendChild(tr);
    }
  }

  function clusters(f) {
    const rows = (DATA.clusters || []).filter((c) => (!f.type || c.event_type === f.type) &&
      (!f.actor || c.actor_code === f.actor || c.target_code === f.actor));
    table($("clusters"), rows, [["event_type", "type"], ["actor_code", "actor"], ["target_code", "target"],
      ["first_day", "first"], ["last_day", "last"], ["size", "events"], ["documents", "documents"]],
      "No act was reported more than once.");
  }

  function render() {
    if (modeOf() !== mode) { mode = modeOf(); fillActors(); }
    const f = current();
    const rows = applyFilters(f);
    $("event-count").textContent = rows.length + " of " + events.length + " events";
    $("event-count").setAttribute("data-count", rows.length);
    timeline(rows); dyads(rows, f); actorDrill(rows, f); conditional(rows); clusters(f);
  }

  // ---- static panels -------------------------------------------------------------------------
  const t = DATA.totals || {};
  $("headline").textContent = (t.documents || 0) + " documents · " + (t.events || 0) + " events · " +
    (t.quarantined || 0) + " quarantined · " + (t.runs || 0) + " runs";
  const q = DATA.quarantine || [];
  if (q.length) hbars($("quarantine"), q.map((r) => [r.stage + ": " + r.reason, [r.n]]), "quarantine by reason", ["#e15759"]);
  else empty($("quarantine"), "Nothing quarantined.");
  table($("validations"), DATA.validations || [], [["suite"], ["batches"], ["batches_passed", "batches passed"],
    ["rows_checked", "rows checked"], ["rows_failed", "rows failed"]], "No validation results yet.");
  table($("runs"), DATA.runs || [], [["started"], ["status"], ["seconds"], ["docs_seen", "seen"], ["docs_loaded", "loaded"],
    ["docs_skipped", "skipped"], ["events_loaded", "events"], ["quarantined"], ["run_id", "run"]], "No runs yet.");
  $("footer").textContent = "Generated " + DATA.generated_at + " from the warehouse. " +
    (events.length >= DATA.limit ? "Only the " + DATA.limit + " most recent events are embedded; charts and filters cover those. " : "") +
    "Works offline; no data leaves this page.";

  $("filters").addEventListener("change", render);
  $("filters").addEventListener("input", render);
  $("filters").addEventListener("reset", () => setTimeout(render, 0));
  render();
  document.body.setAttribute("data-ready", "1");
})();
