// storyline web page: timeline, actor graph, map and article view over the HTTP API.
// Every text from the data is inserted with textContent (never as HTML), and every link
// from the data must be http(s) or a link within the page (no javascript: URLs).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;
const state = { offset: 0, selected: null, zoomStack: [] };

function $(id) { return document.getElementById(id); }

function safeUrl(value) {
  // links within the page, or http(s) links; anything else (javascript:, data:) is dropped
  const text = String(value).trim();
  if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (err) { return null; }
}

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v0] of Object.entries(attrs || {})) {
    const v = k === "href" || k === "src" ? safeUrl(v0) : v0;
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (!k.startsWith("on")) node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.detail ? JSON.stringify(body.detail) : res.statusText);
  return body;
}

function filters() {
  const out = {};
  for (const name of ["actor", "type", "country", "status", "from", "to", "q"]) {
    const v = $("f-" + name).value.trim();
    if (v) out[name] = v;
  }
  // the map and the stories list narrow the other views to a place or a story
  if (state.place) out.place = state.place;
  if (state.story) out.story = state.story;
  return out;
}

function showError(where, err) { clear(where).append(el("p", { class: "error" }, String(err.message || err))); }

function toll(e) {
  const parts = [];
  for (const kind of ["killed", "injured"]) {
    const lo = e[kind + "_min"], hi = e[kind + "_max"];
    if (lo !== null || hi !== null) parts.push((hi === null || hi === lo ? lo : lo + "–" + hi) + " " + kind);
  }
  return parts.join(", ");
}

// ---- filters -------------------------------------------------------------

async function loadFacets() {
  const [facets, health] = await Promise.all([api("/api/facets"), api("/api/health")]);
  const c = health.counts;
  $("counts").textContent = `${c.articles} articles · ${c.event_clusters} events · ${c.stories} stories`;
  const fill = (select, rows) => {
    for (const r of rows) select.append(el("option", { value: r.value }, `${r.value} (${r.n})`));
  };
  fill($("f-type"), facets.type);
  fill($("f-country"), facets.country);
  fill($("f-status"), facets.status);
}

// ---- timeline ------------------------------------------------------------

function renderScope() {
  // the place or story chosen on the map or in the stories list, with a way to drop it
  const box = clear($("scope"));
  for (const key of ["place", "story"]) {
    if (!state[key]) continue;
    box.append(el("span", { class: "badge" }, `${key}: ${state[key]} `,
      el("button", { type: "button", class: "drop", title: `show every ${key}`,
        onclick: () => { state[key] = null; refresh(); } }, "×")));
  }
}

async function renderTimeline() {
  renderScope();
  const f = filters();
  const svg = $("tl-chart");
  let data;
  try { data = await api("/api/timeline", f); } catch (err) { showError($("event-list"), err); return; }
  $("tl-range").textContent = data.from ? `${data.from} – ${data.to} · per ${data.bucket}` : "no dated events";
  clear(svg);
  const W = svg.clientWidth || 900, H = 180, pad = 22;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const bins = new Map();
  for (const b of data.bins) {
    const row = bins.get(b.bucket) || { bucket: b.bucket, coop: 0, conf: 0 };
    if (b.quad >= 3) row.conf += b.n; else row.coop += b.n;
    bins.set(b.bucket, row);
  }
  const rows = [...bins.values()];
  if (!rows.length) return renderEvents();
  const t0 = Date.parse(rows[0].bucket), t1 = Date.parse(rows[rows.length - 1].bucket) + 86400000;
  const span = Math.max(t1 - t0, 86400000);
  const max = Math.max(...rows.map(r => r.coop + r.conf));
  const x = t => pad + (W - 2 * pad) * (t - t0) / span;
  const bw = Math.max(2, (W - 2 * pad) / Math.max(rows.length, 1) * 0.8);
  for (const r of rows) {
    const t = Date.parse(r.bucket), total = r.coop + r.conf;
    const hConf = (H - 2 * pad) * r.conf / max, hCoop = (H - 2 * pad) * r.coop / max;
    const title = el("svg:title", {}, `${r.bucket}: ${total} events (${r.coop} cooperation, ${r.conf} conflict)`);
    svg.append(el("svg:rect", { class: "bar-conf", x: x(t), y: H - pad - hConf, width: bw, height: hConf }, title));
    svg.append(el("svg:rect", { class: "bar-coop", x: x(t), y: H - pad - hConf - hCoop, width: bw, height: hCoop }, title.cloneNode(true)));
  }
  svg.append(el("svg:text", { x: pad, y: H - 5 }, rows[0].bucket));
  svg.append(el("svg:text", { x: W - pad, y: H - 5, "text-anchor": "end" }, rows[rows.length - 1].bucket));
  svg.append(el("svg:text", { x: pad, y: 14 }, `max ${max} per ${data.bucket}`));
  // drag to zoom: the selected span becomes the date filter
  let start = null, brush = null;
  const toDate = px => new Date(t0 + (px - pad) / (W - 2 * pad) * span).toISOString().slice(0, 10);
  const pos = ev => (ev.clientX - svg.getBoundingClientRect().left) * W / svg.clientWidth;
  svg.onmousedown = ev => { start = pos(ev); brush = el("svg:rect", { class: "brush", x: start, y: 0, width: 0, height: H }); svg.append(brush); };
  svg.onmousemove = ev => { if (start === null) return; const p = pos(ev); brush.setAttribute("x", Math.min(p, start)); brush.setAttribute("width", Math.abs(p - start)); };
  svg.onmouseup = ev => {
    if (start === null) return;
    const p = pos(ev), a = Math.min(p, start), b = Math.max(p, start);
    start = null;
    if (b - a < 4) { brush.remove(); return; }
    state.zoomStack.push([$("f-from").value, $("f-to").value]);
    $("f-from").value = toDate(a); $("f-to").value = toDate(b);
    refresh();
  };
  await renderEvents();
}

async function renderEvents() {
  const list = clear($("event-list"));
  let data;
  try { data = await api("/api/events", { ...filters(), limit: PAGE, offset: state.offset }); } catch (err) { showError(list, err); return; }
  $("ev-total").textContent = `(${data.total})`;
  $("ev-page").textContent = data.total ? `${data.offset + 1}–${data.offset + data.items.length} of ${data.total}` : "none";
  $("ev-prev").disabled = data.offset === 0;
  $("ev-next").disabled = data.offset + data.items.length >= data.total;
  for (const e of data.items) {
    const li = el("li", { class: `event-row q${e.quad}`, "data-id": e.id, onclick: () => { location.hash = `#/event/${e.id}`; } },
      el("span", { class: "when" }, e.date || "undated"),
      el("span", { class: "type" }, e.type),
      el("span", {}, e.summary),
      e.place ? el("span", { class: "muted" }, ` · ${e.place}`) : null,
      toll(e) ? el("span", { class: "muted" }, ` · ${toll(e)}`) : null,
      el("span", { class: "badge" }, `${e.n_sources} source${e.n_sources === 1 ? "" : "s"}`),
      e.status !== "occurred" ? el("span", { class: "badge" }, e.status) : null,
      e.disputed ? el("span", { class: "badge disputed" }, "sources disagree") : null);
    if (e.id === state.selected) li.classList.add("selected");
    list.append(li);
  }
}

async function showEvent(id) {
  state.selected = id;
  const panel = $("event-detail");
  panel.hidden = false;
  let e;
  try { e = await api(`/api/events/${encodeURIComponent(id)}`); } catch (err) { showError(panel, err); return; }
  for (const li of document.querySelectorAll(".event-row")) li.classList.toggle("selected", li.dataset.id === id);
  const names = role => e.actors.filter(a => a.role === role).map(a => a.name + (a.actor ? ` (${a.actor})` : "")).join(", ") || "—";
  clear(panel).append(
    el("h3", {}, `${e.type}${e.mode ? " · " + e.mode : ""}: ${e.summary}`),
    el("dl", {},
      el("dt", {}, "date"), el("dd", {}, e.date || "undated"),
      el("dt", {}, "status"), el("dd", {}, e.status),
      el("dt", {}, "who"), el("dd", {}, names("source")),
      el("dt", {}, "to whom"), el("dd", {}, names("target")),
      el("dt", {}, "where"), el("dd", {}, e.place ? `${e.place}${e.place_country ? " (" + e.place_country + ")" : ""}` : "—"),
      el("dt", {}, "toll"), el("dd", {}, toll(e) || "—"),
      el("dt", {}, "CAMEO"), el("dd", {}, e.cameo || "—"),
      el("dt", {}, "sources"), el("dd", {}, String(e.n_sources))));
  for (const d of e.disagreements) {
    const box = el("div", { class: "disagree" }, el("strong", {}, `Sources disagree on ${d.field}: `));
    box.append(d.values.map(v => `${v.value} according to ${v.reported_by.join(", ")}`).join("; "));
    panel.append(box);
  }
  const sources = el("ol", { class: "list sources" });
  for (const s of e.sources) {
    sources.append(el("li", {},
      el("div", {}, el("a", { class: "source-link", href: `#/article/${encodeURIComponent(s.article_id)}/${encodeURIComponent(s.event_id)}` },
        s.article_title || s.article_id), el("span", { class: "muted" }, ` · ${s.published || "undated"} · reported by ${s.reported_by}`)),
      el("blockquote", {}, s.sentence),
      s.url ? el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank" }, "original") : null));
  }
  panel.append(el("h3", {}, "Sources"), sources);
}

// ---- actor graph ---------------------------------------------------------

async function renderGraph() {
  const svg = clear($("graph"));
  let data;
  try { data = await api("/api/graph", { ...filters(), limit: 60 }); } catch (err) { svg.append(el("svg:text", { x: 20, y: 20 }, err.message)); return; }
  const W = svg.clientWidth || 900, H = 520;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.append(el("svg:defs", {},
    el("svg:marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 4, markerHeight: 4, orient: "auto-start-reverse" },
      el("svg:path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#868e96" }))));
  const nodes = new Map();
  for (const e of data.edges) {
    for (const [id, name] of [[e.source, e.source_name], [e.target, e.target_name]]) {
      const n = nodes.get(id) || { id, name, degree: 0 };
      n.degree += e.n; nodes.set(id, n);
    }
  }
  if (!nodes.size) { svg.append(el("svg:text", { x: 20, y: 30 }, "No actor pairs for these filters.")); return; }
  const list = [...nodes.values()].sort((a, b) => b.degree - a.degree);
  const cx = W / 2, cy = H / 2, r = Math.min(W, H) / 2 - 70;
  list.forEach((n, i) => { const a = 2 * Math.PI * i / list.length - Math.PI / 2; n.x = cx + r * Math.cos(a); n.y = cy + r * Math.sin(a); });
  const maxN = Math.max(...data.edges.map(e => e.n));
  for (const e of data.edges) {
    const a = nodes.get(e.source), b = nodes.get(e.target);
    const conflict = e.n_conflict >= e.n_cooperation;
    svg.append(el("svg:line", { class: conflict ? "edge-conf" : "edge-coop", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      "stroke-width": 1 + 5 * e.n / maxN, "stroke-opacity": 0.7, "marker-end": "url(#arrow)" },
      el("svg:title", {}, `${e.source_name} → ${e.target_name}: ${e.n} events (${e.n_cooperation} cooperation, ${e.n_conflict} conflict)`)));
  }
  for (const n of list) {
    const g = el("svg:g", { class: "node", transform: `translate(${n.x},${n.y})`,
      onclick: () => { $("f-actor").value = n.name; location.hash = "#/"; refresh(); } },
      el("svg:circle", { r: 6 + Math.min(10, n.degree) }), el("svg:title", {}, `${n.name}: ${n.degree} events`));
    const label = el("svg:text", { x: n.x < cx ? -12 : 12, y: 4, "text-anchor": n.x < cx ? "end" : "start" }, n.name);
    g.append(label);
    svg.append(g);
  }
}

// ---- map -----------------------------------------------------------------

async function renderMap() {
  const svg = clear($("map"));
  const W = 720, H = 360;
  svg.append(el("svg:rect", { class: "land", x: 0, y: 0, width: W, height: H }));
  for (let lon = -180; lon <= 180; lon += 30) svg.append(el("svg:line", { class: "grid", x1: (lon + 180) * 2, y1: 0, x2: (lon + 180) * 2, y2: H }));
  for (let lat = -90; lat <= 90; lat += 30) svg.append(el("svg:line", { class: "grid", x1: 0, y1: (90 - lat) * 2, x2: W, y2: (90 - lat) * 2 }));
  svg.append(el("svg:line", { class: "grid", x1: 0, y1: H / 2, x2: W, y2: H / 2, "stroke-width": 1.2 }));
  if (!state.basemap) state.basemap = (await api("/api/basemap")).cells;
  const land = state.basemap.map(([lon, lat]) => `M${(lon + 180) * 2} ${(89 - lat) * 2}h2v2h-2z`).join("");
  svg.append(el("svg:path", { class: "cells", d: land }));
  let data;
  try { data = await api("/api/places", filters()); } catch (err) { svg.append(el("svg:text", { x: 20, y: 20 }, err.message)); return; }
  const max = Math.max(1, ...data.places.map(p => p.n));
  for (const p of data.places) {
    const x = (p.lon + 180) * 2, y = (90 - p.lat) * 2;
    const conflict = p.n_conflict * 2 >= p.n;
    svg.append(el("svg:circle", { class: "place", cx: x, cy: y, r: 3 + 9 * Math.sqrt(p.n / max),
      fill: conflict ? "var(--conf)" : "var(--coop)", "fill-opacity": 0.6, stroke: "#fff",
      onclick: () => { $("f-q").value = ""; location.hash = "#/"; filterPlace(p.name); } },
      el("svg:title", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.n} events, ${p.n_conflict} conflict`)));
    if (p.n * 4 >= max) svg.append(el("svg:text", { x: x + 6, y: y - 6 }, p.name));
  }
}

function filterPlace(name) { state.place = name; refresh(); }

// ---- stories -------------------------------------------------------------

async function renderStories() {
  const list = clear($("story-list"));
  let data;
  try { data = await api("/api/stories", { ...filters(), limit: 100 }); } catch (err) { showError(list, err); return; }
  $("st-total").textContent = `(${data.total})`;
  for (const s of data.items) {
    list.append(el("li", { onclick: () => { state.story = s.id; location.hash = "#/"; refresh(); } },
      el("span", { class: "when" }, s.first_date ? `${s.first_date} – ${s.last_date}` : "undated"),
      el("strong", {}, s.title),
      el("span", { class: "badge" }, `${s.n_articles} articles`), el("span", { class: "badge" }, `${s.n_events} events`),
      el("div", { class: "muted" }, (s.actors || []).join(", "))));
  }
}

// ---- article view --------------------------------------------------------

function segments(text, spans) {
  // split the text at every span boundary; each piece carries the classes covering it
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter(p => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    out.push({ start: a, end: b, spans: spans.filter(s => s.start <= a && s.end >= b) });
  }
  return out;
}

async function showArticle(id, eventId) {
  const box = clear($("article-text"));
  let a;
  try { a = await api(`/api/articles/${encodeURIComponent(id)}`); } catch (err) { showError(box, err); return; }
  $("article-title").textContent = a.title || a.text.trim().split("\n")[0].slice(0, 120) || a.id;
  $("article-meta").textContent = [a.published || "undated", a.source, a.url].filter(Boolean).join(" · ");
  const names = Object.fromEntries(a.entities.map(e => [e.id, e.name]));
  const spans = [];
  for (const e of a.entities) for (const [s, t] of e.mentions) spans.push({ start: s, end: t, cls: "ent", title: `${e.name} (${e.type}${e.country ? ", " + e.country : ""}${e.actor ? ", " + e.actor : ""})` });
  for (const x of a.timexes) spans.push({ start: x.start, end: x.end, cls: "timex", title: `${x.type} ${x.value || ""}` });
  for (const q of a.quotes) spans.push({ start: q.start, end: q.end, cls: "quote", title: `${q.kind} quote by ${q.speaker ? names[q.speaker] : q.speaker_text || "unknown"}` });
  for (const v of a.events) spans.push({ start: v.trigger.start, end: v.trigger.end, cls: "trigger", event: v, title: `${v.type} (${v.status})${v.date ? " " + v.date : ""}` });
  for (const seg of segments(a.text, spans)) {
    const piece = a.text.slice(seg.start, seg.end);
    if (!seg.spans.length) { box.append(document.createTextNode(piece)); continue; }
    const classes = [...new Set(seg.spans.map(s => s.cls))];
    const trigger = seg.spans.find(s => s.event);
    const mark = el("mark", { class: classes.join(" "), title: seg.spans.map(s => s.title).join(" · ") }, piece);
    if (trigger) {
      mark.dataset.event = trigger.event.id;
      if (trigger.event.cluster_id) mark.addEventListener("click", () => { location.hash = `#/event/${trigger.event.cluster_id}`; });
    }
    box.append(mark);
  }
  const list = clear($("article-events"));
  for (const v of a.events) {
    const who = ids => ids.map(i => names[i] || i).join(", ") || "?";
    list.append(el("li", { class: "article-event", onclick: () => { if (v.cluster_id) location.hash = `#/event/${v.cluster_id}`; } },
      el("span", { class: "type" }, v.type), `${who(v.source)} → ${who(v.target)} `,
      el("span", { class: "muted" }, `“${v.trigger.text}” · ${v.date || "undated"} · ${v.status}`)));
  }
  if (eventId) {
    for (const m of box.querySelectorAll("mark.trigger")) {
      if (m.dataset.event === eventId) { m.classList.add("focus"); m.scrollIntoView({ block: "center" }); }
    }
  }
}

// ---- routing -------------------------------------------------------------

function show(view) {
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${view}`;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.view === view);
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (parts[0] === "article") { show("article"); await showArticle(parts[1], parts[2]); return; }
  if (parts[0] === "graph") { show("graph"); await renderGraph(); return; }
  if (parts[0] === "map") { show("map"); await renderMap(); return; }
  if (parts[0] === "stories") { show("stories"); await renderStories(); return; }
  show("timeline");
  if (!$("event-list").childElementCount) await renderTimeline();
  if (parts[0] === "event") await showEvent(parts[1]);
}

function refresh() {
  state.offset = 0;
  const view = location.hash.replace(/^#\/?/, "").split("/")[0];
  if (view === "graph") return renderGraph();
  if (view === "map") return renderMap();
  if (view === "stories") return renderStories();
  return renderTimeline();
}

$("filters").addEventListener("submit", ev => { ev.preventDefault(); refresh(); });
$("f-reset").addEventListener("click", () => { $("filters").reset(); state.place = null; state.story = null; state.zoomStack = []; refresh(); });
$("tl-zoom-out").addEventListener("click", () => {
  const prev = state.zoomStack.pop() || ["", ""];
  $("f-from").value = prev[0]; $("f-to").value = prev[1]; refresh();
});
$("ev-prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); renderEvents(); });
$("ev-next").addEventListener("click", () => { state.offset += PAGE; renderEvents(); });
$("back").addEventListener("click", ev => { ev.preventDefault(); history.back(); });
window.addEventListener("hashchange", route);
(async () => {
  try { await loadFacets(); } catch (err) { $("counts").textContent = String(err.message || err); }
  await route();
  document.body.dataset.ready = "1";
})();
