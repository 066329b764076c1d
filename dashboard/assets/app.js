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
