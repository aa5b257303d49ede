// storyline web page: timeline, actor graph, map, alerts and article view over the HTTP API.
// Every text from the data is inserted with textContent (never as HTML); no inline scripts,
// handlers or styles (the page works under a strict Content-Security-Policy).
// The page keeps up: it polls /api/updates and redraws what changed, marking events that are
// new since the last visit (the last ingest run seen is kept in localStorage).
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PAGE = 50;
// ?poll=SECONDS sets how often the page asks what changed (default 5 s)
const POLL_MS = 1000 * (Number(new URLSearchParams(location.search).get("poll")) || 5);
const SEEN_RUN = "storyline.lastRun", SEEN_FIRING = "storyline.lastFiring";
const state = { offset: 0, selected: null, zoomStack: [], updates: null, baseline: null, worldMap: false };

function remembered(key) {
  try { const v = localStorage.getItem(key); return v === null ? null : Number(v); } catch (_) { return null; }
}
function remember(key, value) { try { localStorage.setItem(key, String(value)); } catch (_) { /* private mode */ } }

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
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

// who did it to whom, naming only the sides the sources name (never "?"): "Russia → Kyiv",
// "→ Kyiv" (no source named), "Russia" (no target named)
function parties(source, target) {
  if (source && target) return `${source} → ${target}`;
  if (target) return `→ ${target}`;
  return source || "";
}

// ---- filters -------------------------------------------------------------

async function loadFacets() {
  const [facets, health] = await Promise.all([api("/api/facets"), api("/api/health")]);
  const c = health.counts;
  $("counts").textContent = `${c.articles} articles · ${c.event_clusters} events · ${c.stories} stories`;
  const fill = (select, rows) => {
    // refilled when new events arrive: keep what the user chose
    const chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    for (const r of rows) select.append(el("option", { value: r.value }, `${r.value} (${r.n})`));
    select.value = chosen;
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

// the first instant after the bucket (day, week, month or year) that starts at t (UTC)
function bucketEnd(t, bucket) {
  const d = new Date(t);
  if (bucket === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (bucket === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.getTime();
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
  // the time axis runs from the first bucket's start to the END of the last bucket, so every
  // bar (one bucket wide) lies inside the chart
  const t0 = Date.parse(rows[0].bucket), t1 = bucketEnd(Date.parse(rows[rows.length - 1].bucket), data.bucket);
  const span = t1 - t0;
  const max = Math.max(...rows.map(r => r.coop + r.conf));
  const x = t => pad + (W - 2 * pad) * (t - t0) / span;
  for (const r of rows) {
    const t = Date.parse(r.bucket), total = r.coop + r.conf;
    const left = x(t), bw = Math.max(1, (x(bucketEnd(t, data.bucket)) - left) * 0.8);
    const hConf = (H - 2 * pad) * r.conf / max, hCoop = (H - 2 * pad) * r.coop / max;
    const title = el("svg:title", {}, `${r.bucket}: ${total} events (${r.coop} cooperation, ${r.conf} conflict)`);
    svg.append(el("svg:rect", { class: "bar-conf", x: left, y: H - pad - hConf, width: bw, height: hConf }, title));
    svg.append(el("svg:rect", { class: "bar-coop", x: left, y: H - pad - hConf - hCoop, width: bw, height: hCoop }, title.cloneNode(true)));
  }
  svg.append(el("svg:line", { class: "axis", x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }));
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
  // fetched first, then swapped in: a live redraw never shows an empty list
  const list = $("event-list");
  let data;
  try { data = await api("/api/events", { ...filters(), limit: PAGE, offset: state.offset }); } catch (err) { showError(list, err); return; }
  clear(list);
  $("ev-total").textContent = `(${data.total})`;
  $("ev-page").textContent = data.total ? `${data.offset + 1}–${data.offset + data.items.length} of ${data.total}` : "none";
  $("ev-prev").disabled = data.offset === 0;
  $("ev-next").disabled = data.offset + data.items.length >= data.total;
  for (const e of data.items) {
    const fresh = state.baseline !== null && e.first_run > state.baseline;
    const updated = !fresh && state.baseline !== null && e.last_run > state.baseline;
    const li = el("li", { class: `event-row q${e.quad}${fresh ? " fresh" : ""}${updated ? " updated" : ""}`, "data-id": e.id, onclick: () => { location.hash = `#/event/${e.id}`; } },
      fresh ? el("span", { class: "badge new" }, "new") : null,
      updated ? el("span", { class: "badge new" }, "new source") : null,
      el("span", { class: "when" }, e.date || "undated"),
      el("span", { class: "type" }, e.type),
      el("span", {}, parties(e.source_names, e.target_names)),
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
  const svg = $("graph");
  let data;
  try { data = await api("/api/graph", { ...filters(), limit: 60 }); } catch (err) { clear(svg).append(el("svg:text", { x: 20, y: 20 }, err.message)); return; }
  clear(svg);
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
    const g = el("svg:g", { class: "node clickable", transform: `translate(${n.x},${n.y})`,
      onclick: () => { $("f-actor").value = n.name; location.hash = "#/"; refresh(); } },
      el("svg:circle", { r: 6 + Math.min(10, n.degree) }), el("svg:title", {}, `${n.name}: ${n.degree} events`));
    const label = el("svg:text", { x: n.x < cx ? -12 : 12, y: 4, "text-anchor": n.x < cx ? "end" : "start" }, n.name);
    g.append(label);
    svg.append(g);
  }
}

// ---- map -----------------------------------------------------------------

// equirectangular: 2 units per degree, the world is 720 × 360
const MX = lon => (lon + 180) * 2, MY = lat => (90 - lat) * 2;

function countryPath(rings) {
  return rings.map(r => {
    let d = "";
    for (let i = 0; i < r.length; i += 2) d += `${i ? "L" : "M"}${MX(r[i]).toFixed(1)} ${MY(r[i + 1]).toFixed(1)}`;
    return d + "Z";
  }).join("");
}

// the part of the world to show: every event place with a margin, at least 40° wide, 2:1
function mapView(places) {
  if (state.worldMap || !places.length) return [0, 0, 720, 360];
  const xs = places.map(p => MX(p.lon)), ys = places.map(p => MY(p.lat));
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  let w = Math.max(80, (x1 - x0) * 1.3, (y1 - y0) * 1.3 * 2);
  w = Math.min(w, 720);
  const h = w / 2, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const x = Math.min(Math.max(cx - w / 2, 0), 720 - w), y = Math.min(Math.max(cy - h / 2, 0), 360 - h);
  return [x, y, w, h];
}

function overlaps(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }

// place labels greedily, busiest place first: right, left, above or below its dot, wherever
// no label or dot already is; a label that fits nowhere is left out (its dot keeps a tooltip)
function placeLabels(items, unit, bounds) {
  const taken = items.map(p => ({ x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r, dot: p }));
  const placed = [];
  const fs = 11 * unit, gap = 3 * unit;
  for (const p of items) {
    const w = p.name.length * fs * 0.58, h = fs;
    const spots = [
      { x: p.x + p.r + gap, y: p.y - h / 2 }, { x: p.x - p.r - gap - w, y: p.y - h / 2 },
      { x: p.x - w / 2, y: p.y - p.r - gap - h }, { x: p.x - w / 2, y: p.y + p.r + gap }];
    for (const s of spots) {
      const box = { x: s.x, y: s.y, w, h };
      const inside = box.x >= bounds[0] && box.y >= bounds[1] && box.x + w <= bounds[0] + bounds[2] && box.y + h <= bounds[1] + bounds[3];
      if (inside && !taken.some(t => t.dot !== p && overlaps(box, t))) {
        taken.push(box);
        placed.push({ p, box, fs });
        break;
      }
    }
  }
  return placed;
}

async function renderMap() {
  const svg = $("map");
  let data;
  try {
    if (!state.basemap) state.basemap = await api("/api/basemap");
    data = await api("/api/places", filters());
  } catch (err) { clear(svg).append(el("svg:text", { x: 20, y: 20 }, err.message)); return; }
  clear(svg);
  const view = mapView(data.places);
  svg.setAttribute("viewBox", view.join(" "));
  // SVG units per screen pixel (the view is fitted into the box, keeping its 2:1 shape)
  const unit = 1 / Math.min((svg.clientWidth || 720) / view[2], (svg.clientHeight || 360) / view[3]);
  $("map-extent").textContent = state.worldMap ? "Show the events' region" : "Show the whole world";
  svg.append(el("svg:rect", { class: "sea", x: 0, y: 0, width: 720, height: 360 }));
  const active = new Set(data.places.map(p => p.country).filter(Boolean));
  const countries = el("svg:g", { class: "countries", "stroke-width": 0.6 * unit });
  for (const c of state.basemap.countries) {
    countries.append(el("svg:path", { class: active.has(c.iso3) ? "country active" : "country", d: countryPath(c.rings) },
      el("svg:title", {}, c.name)));
  }
  svg.append(countries);
  for (let lon = -180; lon <= 180; lon += 30) svg.append(el("svg:line", { class: "grid", x1: MX(lon), y1: 0, x2: MX(lon), y2: 360, "stroke-width": 0.5 * unit }));
  for (let lat = -60; lat <= 60; lat += 30) svg.append(el("svg:line", { class: "grid", x1: 0, y1: MY(lat), x2: 720, y2: MY(lat), "stroke-width": 0.5 * unit }));
  const max = Math.max(1, ...data.places.map(p => p.n));
  const dots = data.places.map(p => ({ ...p, x: MX(p.lon), y: MY(p.lat), r: (3 + 9 * Math.sqrt(p.n / max)) * unit }));
  for (const p of dots) {
    const conflict = p.n_conflict * 2 >= p.n;
    svg.append(el("svg:circle", { class: `place clickable ${conflict ? "conf" : "coop"}`, cx: p.x, cy: p.y, r: p.r, "stroke-width": unit,
      onclick: () => { $("f-q").value = ""; location.hash = "#/"; filterPlace(p.name); } },
      el("svg:title", {}, `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.n} events, ${p.n_conflict} conflict`)));
  }
  for (const { p, box, fs } of placeLabels(dots, unit, view)) {
    const label = el("svg:text", { class: "place-label", x: box.x, y: box.y + box.h * 0.8 }, p.name);
    label.style.fontSize = `${fs}px`;
    svg.append(label);
  }
}

function filterPlace(name) { state.place = name; refresh(); }

// ---- stories -------------------------------------------------------------

async function renderStories() {
  const list = $("story-list");
  let data;
  try { data = await api("/api/stories", { ...filters(), limit: 100 }); } catch (err) { showError(list, err); return; }
  clear(list);
  $("st-total").textContent = `(${data.total})`;
  for (const s of data.items) {
    list.append(el("li", { onclick: () => { state.story = s.id; location.hash = "#/"; refresh(); } },
      el("span", { class: "when" }, s.first_date ? `${s.first_date} – ${s.last_date}` : "undated"),
      el("strong", {}, s.title),
      el("span", { class: "badge" }, `${s.n_articles} articles`), el("span", { class: "badge" }, `${s.n_events} events`),
      el("div", { class: "muted" }, (s.actors || []).join(", "))));
  }
}

// ---- alerts --------------------------------------------------------------

function tollText(e) { return e ? toll(e) : ""; }

function ago(iso) {
  // a firing's time as the analyst reads it: local date and time
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString();
}

async function renderAlerts() {
  const list = $("firing-list"), alerts = $("alert-list"), feeds = $("feed-list");
  let a, f, w;
  try { [a, f, w] = await Promise.all([api("/api/alerts"), api("/api/alerts/firings", { limit: 200 }), api("/api/watch")]); } catch (err) { showError(list, err); return; }
  for (const node of [list, alerts, feeds]) clear(node);
  const seen = remembered(SEEN_FIRING) ?? 0;
  $("fi-total").textContent = `(${f.items.length})`;
  if (!f.items.length) list.append(el("li", { class: "empty" }, a.alerts.length ? "No alert has fired yet." : "No alerts yet."));
  for (const x of f.items) {
    const e = (x.payload || {}).event || {};
    const fresh = x.id > seen && x.delivered;
    const li = el("li", { class: `firing${fresh ? " fresh" : ""}`, "data-id": String(x.id),
      onclick: () => { if (e.id) location.hash = `#/event/${e.id}`; } },
      fresh ? el("span", { class: "badge new" }, "new") : null,
      el("span", { class: "when" }, ago(x.fired_at)),
      el("strong", {}, x.alert_name),
      el("span", { class: "badge" }, x.kind === "changed" ? "toll or status changed" : "new event"),
      x.delivered ? null : el("span", { class: "badge disputed" }, "not delivered"),
      el("div", {}, el("span", { class: "type" }, e.type || ""), parties(e.source_names, e.target_names),
        e.place ? el("span", { class: "muted" }, ` · ${e.place}`) : null,
        e.date ? el("span", { class: "muted" }, ` · ${e.date}`) : null,
        tollText(e) ? el("span", { class: "muted" }, ` · ${tollText(e)}`) : null,
        e.status && e.status !== "occurred" ? el("span", { class: "badge" }, e.status) : null),
      x.error ? el("div", { class: "error" }, x.error) : null);
    list.append(li);
  }
  for (const r of a.alerts) {
    const sink = r.sink.startsWith("webhook:") ? "webhook" : r.sink.startsWith("jsonl:") ? "file" : r.sink;
    alerts.append(el("li", {}, el("strong", {}, r.name), r.name !== r.query ? el("div", { class: "muted" }, r.query) : null,
      el("div", { class: "muted" }, `#${r.id} · to ${sink} · fired ${r.n_fired}×${r.last_fired ? " · last " + ago(r.last_fired) : ""}${r.n_failed ? ` · ${r.n_failed} not delivered` : ""}`)));
  }
  if (!a.alerts.length) alerts.append(el("li", { class: "empty" }, "none"));
  for (const r of w.feeds) {
    feeds.append(el("li", {}, el("div", { class: "url" }, r.url),
      el("div", { class: r.code ? "error" : "muted" }, r.code ? `${r.message} [${r.code}]` :
        `${r.kind || "feed"} · ${r.n_entries ?? 0} item${r.n_entries === 1 ? "" : "s"} · checked ${ago(r.last_checked)}`)));
  }
  for (const r of w.failed.slice(0, 10)) {
    feeds.append(el("li", {}, el("div", { class: "url" }, r.url), el("div", { class: "error" }, `${r.message} [${r.code}]${r.status === "retry" ? " (will try again)" : ""}`)));
  }
  if (!w.feeds.length) feeds.append(el("li", { class: "empty" }, "none (storyline watch URL …)"));
  // the firings are seen now
  const newest = Math.max(seen, ...f.items.map(x => x.id));
  remember(SEEN_FIRING, newest);
  showAlertCount(newest);
}

function showAlertCount(seen) {
  const u = state.updates, badge = $("alert-count");
  const unseen = u ? Math.max(0, u.firing - (seen ?? remembered(SEEN_FIRING) ?? 0)) : 0;
  badge.hidden = !unseen;
  badge.textContent = String(unseen);
}

// ---- keeping up ------------------------------------------------------------

// what counts as new: events first reported after the last ingest run seen at the last visit
// (on a first visit, after the run current when the page opened)
function seeUpdates(u) {
  state.updates = u;
  if (state.baseline === null) {
    const last = remembered(SEEN_RUN);
    state.baseline = last === null ? u.run : Math.min(last, u.run);
  }
  remember(SEEN_RUN, u.run);
}

// anything that changes when articles are stored, the corpus tables catch up or an alert fires
function signature(u) {
  return [u.run, u.firing, u.corpus_built_at, u.articles, u.in_stories, u.events, u.sources].join("|");
}

async function poll() {
  let u;
  try { u = await api("/api/updates"); } catch (_) { setTimeout(poll, POLL_MS); return; }
  const before = state.updates;
  seeUpdates(u);
  if (before && signature(u) !== signature(before)) {
    const added = u.events - before.events, fired = u.firing - before.firing;
    if (added > 0) $("live").textContent = `${added} new event${added === 1 ? "" : "s"}`;
    else if (fired > 0) $("live").textContent = `${fired} alert${fired === 1 ? "" : "s"} fired`;
    try { await loadFacets(); } catch (_) { /* the next poll tries again */ }
    await refreshKeepingPlace();
  }
  showAlertCount();
  setTimeout(poll, POLL_MS);
}

// redraw the current view with what is new, keeping the page of events and the open event
async function refreshKeepingPlace() {
  const view = location.hash.replace(/^#\/?/, "").split("/")[0];
  if (view === "graph") return renderGraph();
  if (view === "map") return renderMap();
  if (view === "stories") return renderStories();
  if (view === "alerts") return renderAlerts();
  if (view === "article") return;
  await renderTimeline();
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
    const who = ids => ids.map(i => names[i] || i).join(", ");
    list.append(el("li", { class: "article-event", onclick: () => { if (v.cluster_id) location.hash = `#/event/${v.cluster_id}`; } },
      el("span", { class: "type" }, v.type), `${parties(who(v.source), who(v.target))} `,
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
  $("filters").hidden = view === "alerts";
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.view === view);
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (parts[0] === "article") { show("article"); await showArticle(parts[1], parts[2]); return; }
  if (parts[0] === "graph") { show("graph"); await renderGraph(); return; }
  if (parts[0] === "map") { show("map"); await renderMap(); return; }
  if (parts[0] === "stories") { show("stories"); await renderStories(); return; }
  if (parts[0] === "alerts") { show("alerts"); await renderAlerts(); return; }
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
  if (view === "alerts") return renderAlerts();
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
$("map-extent").addEventListener("click", () => { state.worldMap = !state.worldMap; renderMap(); });
window.addEventListener("hashchange", route);
(async () => {
  try { await loadFacets(); } catch (err) { $("counts").textContent = String(err.message || err); }
  // the first poll sets what counts as new, before anything is drawn
  try { seeUpdates(await api("/api/updates")); } catch (_) { /* polling tries again */ }
  await route();
  showAlertCount();
  document.body.dataset.ready = "1";
  setTimeout(poll, POLL_MS);
})();
