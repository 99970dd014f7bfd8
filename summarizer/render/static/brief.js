
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
    var shown = idx >= 0 ? String(idx + 1) : "\u2013";
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
    var m = /^#src=(.+?)(?::(\d+))?$/.exec(hash || "");
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
