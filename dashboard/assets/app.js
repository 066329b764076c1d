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
  },
});
