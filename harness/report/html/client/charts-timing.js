// report.html client, part 2 of 5: step-time charts — the SAM-vs-base distribution of every
// run (strip plot with box plots) and the step-time-over-the-run panels.

// Spreads a run's dots sideways, the same way on every render (golden-ratio sequence).
function jitter(k, width) {
  return (((k * 0.6180339887) % 1) - 0.5) * width;
}

function stepDistributionChart(model) {
  var container = chartBox('step-distribution');
  var runs = model.runs.filter(function (r) {
    return r.base || r.sam;
  });
  var base = [],
    sam = [],
    boxes = [];
  runs.forEach(function (run, x) {
    var both = run.base && run.sam;
    var offset = function (isSam) {
      return both ? (isSam ? 0.2 : -0.2) : 0;
    };
    for (var k = 0; k < run.steps.i.length; k++) {
      if (run.steps.warmup[k]) continue;
      var isSam = run.steps.sam[k] === 1;
      (isSam ? sam : base).push({ x: x + offset(isSam) + jitter(k, 0.2), y: run.steps.ms[k], step: run.steps.i[k], run: run.label });
    }
    if (run.base) boxes.push({ x: x + offset(false), halfWidth: 0.14, color: COLORS.base, s: run.base });
    if (run.sam) boxes.push({ x: x + offset(true), halfWidth: 0.14, color: COLORS.sam, s: run.sam });
  });
  var labels = runs.map(function (r) {
    return r.label + (r.status === 'ok' ? '' : ' (failed)');
  });
  var dots = function (label, data, color) {
    return { label: label, data: data, backgroundColor: alpha(color, 0.35), borderWidth: 0, pointRadius: 2, pointHoverRadius: 4 };
  };
  makeChart('step-distribution', addCanvas(container, 360, 'step time distributions per run'), {
    type: 'scatter',
    data: { datasets: [dots('base steps', base, COLORS.base), dots('SAM steps', sam, COLORS.sam)] },
    options: {
      scales: {
        x: {
          min: -0.6,
          max: runs.length - 0.4,
          grid: { display: false },
          afterBuildTicks: function (axis) {
            axis.ticks = labels.map(function (_, i) {
              return { value: i };
            });
          },
          ticks: {
            autoSkip: false,
            maxRotation: 40,
            callback: function (v) {
              return labels[v] || '';
            },
          },
        },
        y: { beginAtZero: true, title: axisTitle('ms per step'), grid: { color: COLORS.grid } },
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: legendLabels() },
        tooltip: {
          callbacks: {
            label: function (c) {
              return c.raw.run + ', step ' + c.raw.step + ': ' + fmt(c.raw.y, 1) + ' ms';
            },
          },
        },
      },
    },
    plugins: [boxPlugin(boxes)],
  });
}

// One small panel per run on a shared y scale (so runs compare at a glance); the scale fits the
// measured steps, and warm-up steps above it are drawn at the top edge as triangles.
function timelineCharts(model) {
  var grid = chartBox('timeline');
  var runs = model.runs.filter(function (r) {
    return r.steps.i.length > 0;
  });
  var top = 0,
    topAll = 0;
  runs.forEach(function (r) {
    r.steps.ms.forEach(function (ms, k) {
      topAll = Math.max(topAll, ms);
      if (!r.steps.warmup[k]) top = Math.max(top, ms);
    });
  });
  var cap = niceCeil((top > 0 ? top : topAll) * 1.05);
  runs.forEach(function (run) {
    var panel = document.createElement('div');
    panel.className = 'panel';
    var title = document.createElement('div');
    title.className = 'panel-title';
    title.textContent = run.label + (run.status === 'ok' ? '' : ' — FAILED (' + run.reason + ')');
    panel.appendChild(title);
    grid.appendChild(panel);
    var sets = { base: [], sam: [], warmup: [] };
    for (var k = 0; k < run.steps.i.length; k++) {
      var ms = run.steps.ms[k];
      var kind = run.steps.warmup[k] ? 'warmup' : run.steps.sam[k] ? 'sam' : 'base';
      sets[kind].push({ x: run.steps.i[k], y: Math.min(ms, cap), ms: ms, clamped: ms > cap, kind: kind === 'warmup' ? 'warm-up' : kind });
    }
    var series = function (kind, color) {
      return {
        label: kind,
        data: sets[kind],
        backgroundColor: alpha(color, 0.7),
        borderWidth: 0,
        pointHoverRadius: 4,
        clip: 8,
        pointRadius: function (c) {
          return c.raw && c.raw.clamped ? 4.5 : 1.8;
        },
        pointStyle: function (c) {
          return c.raw && c.raw.clamped ? 'triangle' : 'circle';
        },
      };
    };
    makeChart('timeline:' + run.id, addCanvas(panel, 170, 'step time over the run ' + run.id), {
      type: 'scatter',
      data: { datasets: [series('warmup', COLORS.warmup), series('base', COLORS.base), series('sam', COLORS.sam)] },
      options: {
        scales: {
          x: {
            min: 0,
            max: run.steps.i[run.steps.i.length - 1],
            ticks: { maxTicksLimit: 7, includeBounds: false },
            grid: { color: COLORS.grid },
          },
          y: { min: 0, max: cap, ticks: { maxTicksLimit: 5 }, title: axisTitle('ms'), grid: { color: COLORS.grid } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (c) {
                return 'step ' + c.raw.x + ' (' + c.raw.kind + '): ' + fmt(c.raw.ms, 1) + ' ms';
              },
            },
          },
        },
      },
    });
  });
}
