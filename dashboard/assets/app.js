// Client-side helpers: chart downloads drawn by plotly.js in the browser (no server rendering),
// the pickers' ranking, and the researcher's context carried by the nav.

// The first view: "/" without a query opens the pair last viewed in this browser, if any.
(function () {
  try {
    const last = window.localStorage.getItem("arms-last-pair");
    if (window.location.pathname === "/" && !window.location.search && last && last.startsWith("?")) {
      window.location.replace("/" + last);
    }
  } catch (e) { /* storage refused: the server's default pair */ }
})();

// A chart is drawn once, not twice. dcc.Graph asks plotly.js to resize every chart right after
// its first draw (and whenever its box may have changed); plotly.js then redraws the whole chart
// 100 ms later (`relayout {autosize: true}`) even when the size it would give is the size the
// chart already has: on the pair page that was a second draw of all four charts, ~40% of the
// page's drawing. The resize is skipped only where plotly.js's own autosize rule (plotAutoSize:
// a change of more than 1 px in a dimension the figure does not fix) would keep the size, so
// what is drawn is the same; any real change of the box still resizes.
function sizeUnchanged(gd) {
  const full = gd && gd._fullLayout;
  if (!full || !gd.layout || typeof window.getComputedStyle !== "function") return false;
  const style = window.getComputedStyle(gd);
  const width = parseFloat(style.width) || parseFloat(style.maxWidth) || full.width;
  const height = parseFloat(style.height) || parseFloat(style.maxHeight) || full.height;
  const widthChanges = !gd.layout.width && Math.abs(full.width - Math.max(width, 10)) > 1;
  const heightChanges = !gd.layout.height && Math.abs(full.height - Math.max(height, 10)) > 1;
  return !widthChanges && !heightChanges;
}
function guardResize(plotly) {
  if (!plotly || !plotly.Plots || plotly.Plots._armsGuarded) return;
  const resize = plotly.Plots.resize;
  plotly.Plots.resize = function (gd) {
    const div = typeof gd === "string" ? document.getElementById(gd) : gd;
    // A resize already waiting keeps its turn (it may be for a box that has changed since).
    if (div && !div._redrawTimer && sizeUnchanged(div)) return Promise.resolve(div);
    return resize.apply(this, arguments);
  };
  plotly.Plots._armsGuarded = true;
}
(function () {
  // plotly.js is loaded on demand (dcc's async graph chunk) and sets window.Plotly when it runs.
  if (window.Plotly) {
    guardResize(window.Plotly);
    return;
  }
  let plotly;
  try {
    Object.defineProperty(window, "Plotly", {
      configurable: true,
      enumerable: true,
      get: () => plotly,
      set: (value) => { plotly = value; guardResize(value); },
    });
  } catch (e) { /* a page that defined Plotly itself: charts are drawn as plotly.js does */ }
})();

// Phone width: a chart narrower than its fixed margins allow gets smaller margins, its legend
// under the plot and, for the timeline, the deals' names in the hover only, so that the plot
// area keeps at least MIN_PLOT_PX (the figures are built for a wide screen).
const MIN_PLOT_PX = 250;
function wrapText(text, chars) {
  const lines = [];
  let line = "";
  for (const word of String(text || "").split(" ")) {
    if (line && (line + " " + word).length > chars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? line + " " + word : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
function fitChart(gd) {
  const full = gd._fullLayout;
  if (!full || !window.Plotly || gd._armsFitting || gd._armsFitted === gd.data) return;
  const width = gd.offsetWidth;
  const margin = full.margin;
  // Phone width (or a plot area squeezed under MIN_PLOT_PX): the wide-screen layout would overlap.
  if (!width || (width >= 600 && width - margin.l - margin.r >= MIN_PLOT_PX)) return;
  const update = {};
  const chars = Math.max(20, Math.floor(width / 7.5));
  // Titles wrapped to the width, the plot pushed down by the lines added.
  const title = wrapText((full.title || {}).text, chars);
  const subtitle = wrapText(((full.title || {}).subtitle || {}).text, Math.floor(chars * 1.15));
  update["title.text"] = title.join("<br>");
  update["title.subtitle.text"] = subtitle.join("<br>");
  update["title.font.size"] = 15;
  update["title.yref"] = "container";
  update["title.y"] = 1;
  update["title.yanchor"] = "top";
  update["title.pad.t"] = 8;
  let top = margin.t + 19 * Math.max(0, title.length - 1) + 15 * Math.max(0, subtitle.length - 1);
  // Under the plot: the axis (title), then the credit wrapped, then the legend.
  let bottom = full.xaxis && full.xaxis.side === "top" ? 16 : 64;
  // SIPRI's credit first, then the context's (conflicts, embargoes) under it.
  const credits = (full.annotations || []).map((a, i) => [a, i])
    .filter(([a]) => a.name === "credit" || a.name === "context-credit")
    .sort(([a], [b]) => (a.name === "credit" ? 0 : 1) - (b.name === "credit" ? 0 : 1));
  credits.forEach(([a, i]) => {
    // 10 px credit text, ~5.8 px a character, from the plot's left edge to the chart's right.
    const lines = wrapText(a.text, Math.floor((width - Math.min(margin.l, 58) - 12) / 5.8));
    update["annotations[" + i + "].text"] = lines.join("<br>");
    update["annotations[" + i + "].yanchor"] = "top";
    update["annotations[" + i + "].yshift"] = -bottom;
    bottom += 14 * lines.length + 8;
  });
  const names = (gd.data || []).filter((t) => t.showlegend !== false && t.name).map((t) => String(t.name))
    .concat((full.shapes || []).filter((s) => s.showlegend && s.name).map((s) => String(s.name)));  // context bands
  if (full.showlegend !== false && names.length) {
    // Legend rows as plotly.js packs them: swatch and gap ~45 px, ~6.5 px a character.
    // A side legend becomes a column under the plot; a bottom one is packed in rows.
    const column = full.legend.orientation === "v";
    let rows = column ? names.length : 1, used = 0;
    for (const name of column ? [] : names) {
      const item = 45 + 7 * name.length;
      if (used && used + item > width) { rows += 1; used = 0; }
      used += item;
    }
    update["legend.x"] = 0;
    update["legend.xanchor"] = "left";
    update["legend.y"] = 0;
    update["legend.yanchor"] = "bottom";
    update["legend.yref"] = "container";
    bottom += 29 * rows + 14;  // a row of a 12 px legend is 29 px high (measured in Chromium)
  }
  update["margin.r"] = full.yaxis2 && full.yaxis2.overlaying ? 45 : 12;
  let left = Math.min(margin.l, 58);
  if (full.yaxis && full.yaxis.type === "category" && margin.l > 120) {
    update["yaxis.showticklabels"] = false;  // the timeline: each deal's name is in its hover
    left = 12;
  }
  update["margin.l"] = left;
  update["margin.t"] = top;
  update["margin.b"] = bottom;
  update.height = top + bottom + Math.max(full._size.h, 240);
  // The graph's box takes that height too: plotly.js autosizes to its container, which would
  // otherwise keep the wide-screen height and squeeze the plot under a long legend.
  gd.style.height = update.height + "px";
  if (gd.parentElement) gd.parentElement.style.height = update.height + "px";
  // Numbers printed over bars or marks would overlap at this width: they stay in the hover.
  const texts = (gd.data || []).map((t, i) => [t, i]).filter(([t]) => String(t.mode || "").includes("text"));
  const modes = texts.map(([t]) => String(t.mode).replace("+text", "").replace("text+", "").replace("text", "markers"));
  gd._armsFitting = true;
  const done = texts.length
    ? window.Plotly.update(gd, { mode: modes }, update, texts.map(([, i]) => i))
    : window.Plotly.relayout(gd, update);
  done.finally(() => { gd._armsFitting = false; gd._armsFitted = gd.data; });
}
function watchCharts() {
  const seen = new WeakSet();
  const hook = () => document.querySelectorAll(".js-plotly-plot").forEach((gd) => {
    if (!seen.has(gd) && gd.on) {
      seen.add(gd);
      gd.on("plotly_afterplot", () => fitChart(gd));
      fitChart(gd);
    }
  });
  new MutationObserver(hook).observe(document.body, { childList: true, subtree: true });
  hook();
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", watchCharts);
} else {
  watchCharts();
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  arms: {
    downloadChart: function (clicks, ids, store) {
      const dc = window.dash_clientside;
      const ctx = dc.callback_context;
      if (!ctx || !ctx.triggered || !ctx.triggered.length || !ctx.triggered[0].value) {
        return dc.no_update;
      }
      const propId = ctx.triggered[0].prop_id;
      const id = JSON.parse(propId.slice(0, propId.lastIndexOf(".")));
      const holder = document.getElementById(id.chart + "-chart");
      const graph = holder && holder.querySelector(".js-plotly-plot");
      if (!graph || !window.Plotly) {
        return dc.no_update;
      }
      const stem = (store && store.stem) || "sipri-chart";
      window.Plotly.downloadImage(graph, {
        format: id.format,
        filename: stem + "_" + id.chart,
        width: Math.max(graph.offsetWidth, 900),
        height: graph.offsetHeight,
        scale: id.format === "png" ? 2 : 1,
      });
      return { chart: id.chart, format: id.format, at: Date.now() };
    },
    // The nav's links carry the pair, years and release of the page being read (kept for the
    // tab in sessionStorage, so Profile -> Pair still knows the supplier).
    navHrefs: function (path, search, hrefs) {
      const q = new URLSearchParams(search || "");
      let ctx = {};
      try { ctx = JSON.parse(window.sessionStorage.getItem("arms-context") || "{}"); } catch (e) { ctx = {}; }
      const first = (v) => (v || "").split(",").filter(Boolean)[0] || "";
      if (q.get("release")) ctx.release = q.get("release");
      if (path !== "/diff" && q.get("from") && q.get("to")) { ctx.from = q.get("from"); ctx.to = q.get("to"); }
      if (path === "/" || path === "/flows" || path === "/diff") {
        if (q.has("supplier") || q.has("recipient")) {
          ctx.supplier = q.get("supplier") || "";
          ctx.recipient = q.get("recipient") || "";
          ctx.entity = first(ctx.recipient) || first(ctx.supplier) || ctx.entity;
          ctx.pairs = first(ctx.supplier) && first(ctx.recipient) ? first(ctx.supplier) + ":" + first(ctx.recipient) : ctx.pairs;
        }
        if (path === "/" && (q.get("supplier") || q.get("recipient"))) {
          try { window.localStorage.setItem("arms-last-pair", "?" + q.toString()); } catch (e) { /* ignored */ }
        }
      }
      if (path === "/profile" && q.get("entity")) ctx.entity = q.get("entity");
      if (path === "/compare" && q.get("pairs")) ctx.pairs = q.get("pairs");
      try { window.sessionStorage.setItem("arms-context", JSON.stringify(ctx)); } catch (e) { /* ignored */ }
      const years = ctx.from && ctx.to ? [["from", ctx.from], ["to", ctx.to]] : [];
      const release = ctx.release ? [["release", ctx.release]] : [];
      const pair = [["supplier", ctx.supplier || ""], ["recipient", ctx.recipient || ""]];
      const wanted = {
        "/": ctx.supplier || ctx.recipient ? [...release, ...pair, ...years] : [],
        "/profile": ctx.entity ? [...release, ["entity", ctx.entity], ...years] : [...release, ...years],
        "/compare": ctx.pairs ? [...release, ["pairs", ctx.pairs], ...years] : [...release, ...years],
        "/flows": ctx.supplier || ctx.recipient ? [...release, ...pair, ...years] : [...release, ...years],
        "/diff": ctx.supplier || ctx.recipient ? pair : [],
      };
      return hrefs.map((href) => {
        const keys = wanted[href];
        if (!keys || !keys.length) return href;
        return href + "?" + keys.map(([k, v]) => k + "=" + encodeURIComponent(v).replace(/%2C/g, ",").replace(/%3A/g, ":")).join("&");
      });
    },
    // Entity pickers: exact names and aliases first, then states before other actors, then names
    // starting with the text, then the list's own order (the rule: dashboard/picking.py).
    rankOptions: function (search, options, ranks) {
      const dc = window.dash_clientside;
      if (!options || !ranks) {
        return dc.no_update;
      }
      const key = (s) => String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
        .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
      const q = key(search);
      const far = Number.MAX_SAFE_INTEGER;
      const score = (o) => {
        const r = ranks[o.value] || [far, far, []];
        if (!q) {
          return [0, 0, 0, r[0]];
        }
        const exact = r[2].includes(q) ? 0 : 1;
        const label = String(o.label || "").split(/[\s(]+/).map(key);
        const starts = label.some((w) => w.startsWith(q)) || key(o.label).startsWith(q) ? 0 : 1;
        return [exact, r[1], starts, r[0]];
      };
      const scored = options.map((o) => [score(o), o]);
      scored.sort((a, b) => {
        for (let i = 0; i < 4; i++) {
          if (a[0][i] !== b[0][i]) return a[0][i] - b[0][i];
        }
        return 0;
      });
      const ordered = scored.map((s) => s[1]);
      return ordered.every((o, i) => o === options[i]) ? dc.no_update : ordered;
    },
  },
});
