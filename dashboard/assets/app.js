// Client-side helpers: chart downloads drawn by plotly.js in the browser (no server rendering).
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
