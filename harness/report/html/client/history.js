// history.html client (after common.js): one chart per series, nights along x, each night's
// value with its 95 % interval, the mean of each segment between change points as a line, and
// each change point as a vertical mark (red: fails the nightly; amber: another regression; grey:
// an improvement).

var CHANGE_COLORS = { fails: '#dc2626', regression: '#ca8a04', improvement: '#64748b' };

// Vertical dashed marks at the change points, between the night before and the night of the change.
function changeMarkPlugin(changes) {
  return {
    id: 'sambenchChangeMarks',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx,
        xs = chart.scales.x,
        area = chart.chartArea;
      ctx.save();
      ctx.setLineDash([5, 4]);
      changes.forEach(function (c) {
        var x = xs.getPixelForValue(c.night - 0.5);
        strokeSegments(ctx, CHANGE_COLORS[c.kind], 2, [[x, area.top, x, area.bottom]]);
      });
      ctx.restore();
    },
  };
}

function seriesChart(series) {
  var box = chartBox(series.id);
  if (!box) return;
  var segments = [];
  series.changes.forEach(function (c) {
    segments.push({ x: c.from, y: c.before }, { x: c.night - 0.5, y: c.before }, { x: NaN, y: NaN });
    segments.push({ x: c.night - 0.5, y: c.after }, { x: c.to, y: c.after }, { x: NaN, y: NaN });
  });
  // Wide enough for every interval, which Chart.js would not count.
  var extent = [];
  series.points.forEach(function (p) {
    [p.y, p.lo, p.hi].forEach(function (v) {
      if (v !== null) extent.push(v);
    });
  });
  makeChart(series.id, addCanvas(box, 220, series.title), {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'night, 95% CI between processes',
          data: series.points,
          errorBars: true,
          showLine: true,
          borderColor: COLORS.base,
          backgroundColor: COLORS.base,
          pointRadius: 3,
        },
        {
          label: 'level between change points',
          data: segments,
          showLine: true,
          borderColor: COLORS.sam,
          pointRadius: 0,
          spanGaps: false,
        },
      ],
    },
    options: {
      plugins: {
        tooltip: {
          callbacks: {
            label: function (item) {
              var p = item.raw;
              return p.label ? p.label + ': ' + fmt(p.y, 3) + ' ' + series.unit : fmt(p.y, 3) + ' ' + series.unit;
            },
          },
        },
      },
      scales: {
        x: { title: axisTitle('night'), grid: { color: COLORS.grid } },
        y: {
          title: axisTitle(series.unit),
          grid: { color: COLORS.grid },
          suggestedMin: Math.min.apply(null, extent),
          suggestedMax: Math.max.apply(null, extent),
        },
      },
    },
    plugins: [errorBarPlugin, changeMarkPlugin(series.changes)],
  });
}

drawEach('history', seriesChart);
