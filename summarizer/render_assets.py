"""Static pieces of the HTML brief: page skeleton, stylesheet and the small script.

Everything here is inlined into one self-contained page by ``summarizer.render.render_html``:
no CDN, no web font, no network. The page's Content-Security-Policy only admits this exact
stylesheet and script (by hash), so nothing injected through article text could run.
"""

from __future__ import annotations

from string import Template

FONT_UI = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, sans-serif'
)
FONT_AR = '"Noto Naskh Arabic", "Amiri", "Geeza Pro", "Arial", sans-serif'

PAGE = Template(
    """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="summarizer">
<title>$title</title>
<style>$css</style>
</head>
<body>
<div class="wrap">
$header
$timeline
<main class="cols">
$col_en
$col_ar
</main>
$footer
</div>
<div id="backdrop" class="backdrop" hidden></div>
<aside id="panel" class="panel" role="dialog" aria-modal="true" aria-labelledby="panel-title"
 tabindex="-1" hidden>
<div class="panel-bar">
<span id="panel-title" class="panel-title">Article text
<span lang="ar" dir="rtl">نص المقال</span></span>
<span class="panel-nav">
<button id="q-prev" type="button" class="nav-btn" aria-label="Previous quote">&#8249;</button>
<span id="q-pos" class="q-pos" aria-live="polite"></span>
<button id="q-next" type="button" class="nav-btn" aria-label="Next quote">&#8250;</button>
</span>
<button id="panel-close" type="button" class="close-btn" aria-label="Close">&#215;</button>
</div>
<div id="panel-body" class="panel-body">
$docs
</div>
</aside>
<script type="application/json" id="brief-data">$data</script>
<script>$js</script>
</body>
</html>
"""
)

CSS = (
    ":root {\n  --font-ui: "
    + FONT_UI
    + ";\n  --font-ar: "
    + FONT_AR
    + ";\n}\n"
    + """
:root {
  --bg: #f3f1ec; --paper: #ffffff; --ink: #1a1f29; --muted: #5d6676; --line: #e4e0d7;
  --accent: #1d5d95; --accent-soft: #e8f0f8; --chip: #eef2f6; --chip-line: #cdd6e0;
  --warn: #a9480f; --warn-soft: #fcf3ea; --warn-line: #efcfb4;
  --bad: #b42318; --bad-soft: #fdeceb; --good: #1f7a4d;
  --mark: #fff0a8; --mark-current: #ffc94a; --mark-ring: #d79a00;
  --shadow: 0 1px 2px rgba(20, 25, 35, .06), 0 4px 16px rgba(20, 25, 35, .05);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --paper: #1c2027; --ink: #e7e9ee; --muted: #9aa3b2; --line: #2e343e;
    --accent: #7fb2e5; --accent-soft: #1f2f42; --chip: #252b35; --chip-line: #3a4350;
    --warn: #f0a86b; --warn-soft: #2b2219; --warn-line: #5a3d24;
    --bad: #f38b82; --bad-soft: #3a1f1d; --good: #6fcf97;
    --mark: #5b4d12; --mark-current: #8a6a00; --mark-ring: #e0b020;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15.5px/1.55 var(--font-ui); font-feature-settings: "kern", "liga";
}
body.panel-open { overflow: hidden; }
[lang="ar"] { font-family: var(--font-ar); }
.wrap { max-width: 1380px; margin: 0 auto; padding: 22px 28px 40px; }
a { color: var(--accent); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }

/* header */
.top {
  display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between;
  gap: 12px 32px; padding-bottom: 14px; margin-bottom: 18px; border-bottom: 3px solid var(--ink);
}
.kicker {
  margin: 0 0 2px; color: var(--muted); font-size: 12px; font-weight: 600;
  letter-spacing: .12em; text-transform: uppercase;
}
.top h1 { margin: 0; font-size: 30px; line-height: 1.15; letter-spacing: -.01em; }
.top h1 .ar {
  margin-left: 16px; padding-left: 16px; border-left: 2px solid var(--line);
  font-weight: 700; color: var(--muted);
}
.created { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
.stats { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.stats li {
  min-width: 86px; padding: 6px 12px; background: var(--paper); border: 1px solid var(--line);
  border-radius: 8px; font-size: 12px; color: var(--muted); line-height: 1.3;
}
.stats b { display: block; color: var(--ink); font-size: 20px; font-variant-numeric: tabular-nums; }
.stats li.alert { border-color: var(--warn-line); background: var(--warn-soft); }
.stats li.alert b { color: var(--warn); }
.stats li.failed b { color: var(--bad); }

/* cards */
.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 12px;
  box-shadow: var(--shadow);
}
.timeline { padding: 14px 20px 10px; margin-bottom: 18px; }
.timeline h2, .col h2 {
  display: flex; align-items: baseline; gap: 10px; margin: 0 0 8px;
  font-size: 13px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase;
}
.timeline h2 .ar {
  padding-left: 10px; border-left: 1px solid var(--line); font-size: 15px; letter-spacing: 0;
  text-transform: none; color: var(--muted);
}
.tl-scroll { overflow-x: auto; }
svg.tl {
  display: block; width: 100%; min-width: 680px; height: auto; font-family: var(--font-ui);
}
.tl-yearband { fill: var(--bg); opacity: .55; }
.tl-axis { stroke: var(--ink); stroke-width: 1.5; }
.tl-tick { stroke: var(--ink); stroke-width: 1.2; }
.tl-minor { stroke: var(--muted); stroke-width: .8; }
.tl-year { fill: var(--ink); font-size: 13px; font-weight: 700; }
.tl-now line { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 4 4; }
.tl-now text { fill: var(--muted); font-size: 11px; }
.tl-band { fill: var(--accent); opacity: .16; }
.tl-stem { stroke: var(--accent); stroke-width: 1; opacity: .55; }
.tl-dot { fill: var(--accent); stroke: var(--paper); stroke-width: 2.5; }
.tl-num { fill: #fff; font-size: 10px; font-weight: 700; }
.tl-date { fill: var(--ink); font-size: 13px; font-weight: 700; }
.tl-subj { fill: var(--muted); font-size: 12px; }
.tl-mark.disputed .tl-dot { fill: var(--warn); }
.tl-mark.disputed .tl-stem { stroke: var(--warn); }
.tl-mark.disputed .tl-band { fill: var(--warn); }
a:hover .tl-date, a:focus .tl-date { fill: var(--accent); text-decoration: underline; }
.tl-note { margin: 2px 0 4px; color: var(--muted); font-size: 12.5px; }

/* columns */
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; }
@media (max-width: 960px) { .cols { grid-template-columns: minmax(0, 1fr); } }
.col { padding: 8px 26px 18px; }
.col > .lang-tag {
  display: inline-block; margin: 12px 0 0; padding: 1px 9px; border-radius: 999px;
  background: var(--ink); color: var(--paper); font-size: 11px; font-weight: 700;
  letter-spacing: .08em;
}
.col[lang="ar"] { font-size: 17.5px; line-height: 1.85; }
.col[lang="ar"] h2 { font-size: 17px; letter-spacing: 0; text-transform: none; }
.col[lang="ar"] > .lang-tag { font-family: var(--font-ar); font-size: 13px; letter-spacing: 0; }
.col section { padding: 14px 0 6px; border-top: 1px solid var(--line); }
.col section.summary { border-top: 0; }
.col h2 .count {
  padding: 0 7px; border-radius: 999px; background: var(--chip); color: var(--muted);
  font-size: 11.5px; font-weight: 600; letter-spacing: 0; font-family: var(--font-ui);
}
.summary p { margin: 0 0 8px; font-size: 1.06em; }
.story h2 { display: flex; align-items: baseline; gap: 8px; text-transform: none; }
.story h2 .num { flex: none; width: auto; min-width: 21px; padding: 0 5px; border-radius: 999px; }
.story-lead { margin: 4px 0 6px; }
.story .fig-val { font-size: 1.05em; white-space: normal; }
.next-item.passed .when { color: var(--muted); text-decoration: line-through; }
.story-ref { font-size: .85em; }
.empty { margin: 0 0 6px; color: var(--muted); font-style: italic; }
.col[lang="ar"] .empty { font-style: normal; }
.items { margin: 0; padding: 0; list-style: none; }
.item { padding: 9px 0 10px; border-bottom: 1px dashed var(--line); }
.item:last-child { border-bottom: 0; }
.item:target { background: var(--accent-soft); border-radius: 6px; }
.item-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; font-size: .9em; }
.when { color: var(--accent); font-weight: 700; }
.num {
  display: inline-grid; place-items: center; width: 21px; height: 21px; border-radius: 50%;
  background: var(--accent); color: #fff; font: 700 11px/1 var(--font-ui);
}
.item-text { margin: 2px 0 4px; }
.fig { display: grid; grid-template-columns: minmax(112px, auto) minmax(0, 1fr); gap: 4px 16px; }
.fig-val {
  font-size: 1.3em; font-weight: 750; line-height: 1.25; font-variant-numeric: tabular-nums;
  white-space: nowrap;
}
.fig-val .unit { display: block; color: var(--muted); font-size: .62em; font-weight: 600; }
.badge {
  display: inline-block; padding: 0 8px; border-radius: 4px; font: 700 11px/1.7 var(--font-ui);
  letter-spacing: .04em; text-transform: uppercase; vertical-align: middle;
}
.col[lang="ar"] .badge { font-family: var(--font-ar); font-size: 12.5px; letter-spacing: 0; }
.badge.warn {
  background: var(--warn-soft); color: var(--warn); border: 1px solid var(--warn-line);
}
.badge.bad { background: var(--bad-soft); color: var(--bad); }
.badge.ok { background: var(--accent-soft); color: var(--good); }

/* source chips */
.chips { display: flex; flex-wrap: wrap; gap: 5px; margin-top: 3px; }
.chip {
  display: inline-flex; align-items: center; gap: 5px; max-width: 100%;
  padding: 1px 10px 1px 8px; border: 1px solid var(--chip-line); border-radius: 999px;
  background: var(--chip); color: var(--ink); font: 500 12.5px/1.7 var(--font-ui);
  text-decoration: none; cursor: pointer; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis;
}
.chip::before {
  content: ""; flex: none; width: 6px; height: 6px; border-radius: 50%; background: var(--accent);
}
.col[lang="ar"] .chip { font-family: var(--font-ar); font-size: 13.5px; line-height: 1.75; }
.chip:hover { border-color: var(--accent); background: var(--accent-soft); }
.chip.active { border-color: var(--mark-ring); background: var(--mark); }

/* conflicts */
.conflict {
  margin: 8px 0 12px; padding: 10px 14px 12px; border: 1px solid var(--warn-line);
  border-inline-start: 5px solid var(--warn); border-radius: 8px; background: var(--warn-soft);
}
.conflict-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.conflict-subject { font-weight: 700; }
.values {
  display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr); gap: 8px;
  align-items: stretch; margin: 8px 0 6px;
}
.values.many { grid-template-columns: minmax(0, 1fr); }
.val {
  padding: 6px 10px; border: 1px solid var(--warn-line); border-radius: 6px;
  background: var(--paper);
}
.val .v { font-size: 1.18em; font-weight: 750; font-variant-numeric: tabular-nums; }
.vs {
  align-self: center; color: var(--warn); font-size: 12px; font-weight: 700;
  text-transform: uppercase;
}
.note { margin: 0; }

/* articles */
.art { padding: 8px 0; border-bottom: 1px dashed var(--line); }
.art:last-child { border-bottom: 0; }
.art-title { font-weight: 600; }
.col[lang="en"] .art-title { text-align: left; }
.art-meta { color: var(--muted); font-size: .86em; }
.art-meta code { font: 12px/1 ui-monospace, "DejaVu Sans Mono", monospace; }
.art .err { margin: 3px 0 0; color: var(--bad); font-size: .92em; }
.art.failed .art-title { color: var(--muted); }
.open-link { font-size: .86em; }

/* footer */
.meta {
  margin-top: 20px; padding: 12px 18px; color: var(--muted); font-size: 12.5px;
  border-top: 1px solid var(--line);
}
.meta dl {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 6px 20px;
  margin: 0;
}
.meta dt {
  font-size: 10.5px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase;
}
.meta dd {
  margin: 0; color: var(--ink); font-variant-numeric: tabular-nums; overflow-wrap: anywhere;
}

/* article panel */
.backdrop { position: fixed; inset: 0; z-index: 10; background: rgba(16, 20, 28, .42); }
.panel {
  position: fixed; top: 0; bottom: 0; right: 0; z-index: 20; display: flex;
  flex-direction: column; width: min(780px, 100vw); background: var(--paper);
  box-shadow: -12px 0 40px rgba(0, 0, 0, .22); outline: none;
}
.panel-bar {
  display: flex; align-items: center; gap: 12px; padding: 10px 14px 10px 22px;
  border-bottom: 1px solid var(--line); background: var(--bg);
}
.panel-title {
  flex: 1; font-size: 12px; font-weight: 700; letter-spacing: .08em; text-transform: uppercase;
}
.panel-title [lang="ar"] { margin-inline-start: 6px; letter-spacing: 0; font-size: 14px; }
.panel-nav { display: inline-flex; align-items: center; gap: 6px; }
.q-pos { min-width: 64px; text-align: center; color: var(--muted); font-size: 12.5px; }
.nav-btn, .close-btn {
  width: 32px; height: 32px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--paper); color: var(--ink); font-size: 20px; line-height: 1; cursor: pointer;
}
.nav-btn:disabled { opacity: .35; cursor: default; }
.close-btn { font-size: 22px; }
.panel-body { flex: 1; overflow-y: auto; padding: 18px 30px 60px; }
.doc-head h3 { margin: 0 0 4px; font-size: 22px; line-height: 1.5; }
.doc-meta { margin: 0 0 14px; color: var(--muted); font-size: 13px; }
.doc-missing {
  margin: 0 0 14px; padding: 8px 12px; border-radius: 8px; background: var(--bad-soft);
  color: var(--bad); font-size: 14px;
}
.doc-missing q { font-family: var(--font-ar); color: var(--ink); }
.doc-text {
  margin: 0; white-space: pre-wrap; unicode-bidi: plaintext; overflow-wrap: anywhere;
  font: 19px/2 var(--font-ar); color: var(--ink);
}
.doc-text mark {
  padding: 1px 0; border-radius: 3px; background: var(--mark); color: inherit;
  box-decoration-break: clone; -webkit-box-decoration-break: clone;
}
.doc-text mark.current { background: var(--mark-current); box-shadow: 0 0 0 2px var(--mark-ring); }

@media (max-width: 640px) {
  .wrap { padding: 14px 12px 30px; }
  .col { padding: 6px 14px 14px; }
  .top h1 { font-size: 24px; }
  .panel-body { padding: 14px 16px 40px; }
  .values { grid-template-columns: minmax(0, 1fr); }
  .vs { justify-self: center; }
}
.chip:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media print {
  @page { margin: 14mm; }
  body { background: #fff; color: #000; font-size: 11pt; }
  .panel, .backdrop, .tl-scroll { display: none !important; }
  .card { box-shadow: none; border: none; }
  .cols { grid-template-columns: 1fr 1fr; }
  .chip { background: none; border: 1px solid #999; color: #000; }
  .story, .item { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""
)

JS = """
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  var backdrop = document.getElementById("backdrop");
  var body = document.getElementById("panel-body");
  var pos = document.getElementById("q-pos");
  var prev = document.getElementById("q-prev");
  var next = document.getElementById("q-next");
  var state = { doc: null, id: null, list: [], n: null };
  var trigger = null;

  function docs() { return body.querySelectorAll(".doc"); }
  function findDoc(id) {
    var all = docs();
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-article") === id) { return all[i]; }
    }
    return null;
  }
  function quoteNumbers(doc) {
    var seen = {}, out = [];
    doc.querySelectorAll("mark[data-q]").forEach(function (m) {
      m.getAttribute("data-q").split(" ").forEach(function (q) {
        if (!seen[q]) { seen[q] = true; out.push(parseInt(q, 10)); }
      });
    });
    doc.querySelectorAll("[data-missing]").forEach(function (p) {
      var q = p.getAttribute("data-missing");
      if (!seen[q]) { seen[q] = true; out.push(parseInt(q, 10)); }
    });
    return out.sort(function (a, b) { return a - b; });
  }
  function setHash(value) {
    try {
      history.replaceState(null, "", value ? "#" + value : location.pathname + location.search);
    } catch (e) { /* file:// in some browsers */ }
  }
  function markChips(id, n) {
    document.querySelectorAll(".chip.active").forEach(function (c) {
      c.classList.remove("active");
    });
    if (n === null) { return; }
    document.querySelectorAll(".chip[data-a]").forEach(function (c) {
      if (c.getAttribute("data-a") === id && c.getAttribute("data-n") === String(n)) {
        c.classList.add("active");
      }
    });
  }
  function showQuote(n) {
    var doc = state.doc;
    doc.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    doc.querySelectorAll("[data-missing]").forEach(function (p) { p.hidden = true; });
    var box = doc.querySelector(".doc-missing");
    if (box) { box.hidden = true; }
    state.n = n;
    var marks = n === null ? [] : doc.querySelectorAll('mark[data-q~="' + n + '"]');
    marks.forEach(function (m) { m.classList.add("current"); });
    if (n !== null && !marks.length) {
      var miss = doc.querySelector('[data-missing="' + n + '"]');
      if (miss && box) { miss.hidden = false; box.hidden = false; }
    }
    var idx = state.list.indexOf(n);
    var shown = idx >= 0 ? String(idx + 1) : "\\u2013";
    pos.textContent = state.list.length ? shown + " / " + state.list.length : "";
    prev.disabled = next.disabled = !state.list.length || (state.list.length < 2 && idx >= 0);
    panel.setAttribute("data-n", n === null ? "" : String(n));
    markChips(state.id, n);
    if (marks.length) {
      marks[0].scrollIntoView({ block: "center" });
    } else {
      body.scrollTop = 0;
    }
  }
  function open(id, n) {
    var doc = findDoc(id);
    if (!doc) { return false; }
    docs().forEach(function (d) { d.hidden = d !== doc; });
    state = { doc: doc, id: id, list: quoteNumbers(doc), n: null };
    panel.hidden = false;
    backdrop.hidden = false;
    document.body.classList.add("panel-open");
    panel.setAttribute("data-article", id);
    showQuote(n);
    panel.focus({ preventScroll: true });
    return true;
  }
  function close() {
    panel.hidden = true;
    backdrop.hidden = true;
    document.body.classList.remove("panel-open");
    panel.removeAttribute("data-article");
    markChips(null, null);
    setHash("");
    if (trigger) { trigger.focus(); trigger = null; }
  }
  function step(delta) {
    var list = state.list;
    if (!list.length) { return; }
    var idx = list.indexOf(state.n);
    idx = idx < 0 ? (delta > 0 ? 0 : list.length - 1) : (idx + delta + list.length) % list.length;
    showQuote(list[idx]);
    setHash("src=" + encodeURIComponent(state.id) + ":" + list[idx]);
  }
  function parse(hash) {
    var m = /^#src=(.+?)(?::(\\d+))?$/.exec(hash || "");
    if (!m) { return null; }
    var id;
    try { id = decodeURIComponent(m[1]); } catch (e) { id = m[1]; }
    return { id: id, n: m[2] === undefined ? null : parseInt(m[2], 10) };
  }
  function fromHash() {
    var target = parse(location.hash);
    if (target) { open(target.id, target.n); }
  }

  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a[data-a]") : null;
    if (!link) { return; }
    var n = link.getAttribute("data-n");
    if (open(link.getAttribute("data-a"), n === null ? null : parseInt(n, 10))) {
      ev.preventDefault();
      trigger = link;
      setHash(link.getAttribute("href").slice(1));
    }
  });
  backdrop.addEventListener("click", close);
  document.getElementById("panel-close").addEventListener("click", close);
  prev.addEventListener("click", function () { step(-1); });
  next.addEventListener("click", function () { step(1); });
  function chipStep(delta) {
    var chips = Array.prototype.slice.call(document.querySelectorAll("a.chip[data-a]"));
    if (!chips.length) { return; }
    var at = chips.indexOf(document.activeElement);
    var n = chips.length;
    var to = at < 0 ? (delta > 0 ? 0 : n - 1) : (at + delta + n) % n;
    chips[to].focus();
    chips[to].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (ev) {
    var typing = ev.target && /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName || "");
    if (panel.hidden && !typing && !ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      if (ev.key === "j") { chipStep(1); ev.preventDefault(); }
      else if (ev.key === "k") { chipStep(-1); ev.preventDefault(); }
      return;
    }
    if (panel.hidden) { return; }
    if (ev.key === "Escape") { close(); }
    else if (ev.key === "ArrowDown" && ev.altKey) { step(1); }
    else if (ev.key === "ArrowUp" && ev.altKey) { step(-1); }
  });
  window.addEventListener("hashchange", fromHash);

  var arabic = document.getElementById("col-ar");
  if (arabic) {
    document.documentElement.setAttribute("data-rtl-ok", getComputedStyle(arabic).direction);
  }
  fromHash();
})();
"""
