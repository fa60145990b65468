// report.html client, part 3 of 5: slowdown against the SAM interval with the (r − 1)/k law and
// the method card's point, and the throughput × accuracy plane with its Pareto front.

function slowdownChart(model) {
  var container = chartBox('slowdown');
  var vs = [],
    within = [];
  model.runs.forEach(function (r) {
    // As in the verdicts: a failed run's partial steps do not count.
    if (r.interval === null || r.status !== 'ok') return;
    var point = function (est, shift, withInterval) {
      var lo = withInterval ? 100 * est.ci95[0] : null,
        hi = withInterval ? 100 * est.ci95[1] : null;
      return { x: r.interval * shift, y: 100 * est.value, lo: lo, hi: hi, k: r.interval, run: r.label };
    };
    // Nudged apart on the log axis so the two kinds at one interval do not hide each other. A
    // slowdown against the no-SAM run compares two processes: its interval over their steps holds
    // only the noise within each, so it is drawn without one (as in the runs table).
    if (r.slowdown) vs.push(point(r.slowdown, 0.92, false));
    if (r.slowdownWithinRun) within.push(point(r.slowdownWithinRun, 1.08, true));
  });
  var ks = model.intervals.concat([model.methodCardPoint.interval]);
  var kMin = Math.min.apply(null, ks),
    kMax = Math.max.apply(null, ks);
  var curve = [];
  if (model.ratio !== null) {
    // predicted slowdown = (r − 1) / k
    for (var n = 0; n <= 80; n++) {
      var k = kMin * Math.pow(kMax / kMin, n / 80);
      curve.push({ x: k, y: (100 * (model.ratio - 1)) / k });
    }
  }
  var seed = { x: model.methodCardPoint.interval, y: 100 * model.methodCardPoint.slowdown };
  var ys = vs.concat(within).reduce(
    function (a, p) {
      return a.concat(p.lo === null ? [p.y] : [p.lo, p.hi, p.y]);
    },
    [0, seed.y],
  );
  var tickValues = Array.from(new Set(ks)).sort(function (a, b) {
    return a - b;
  });
  var measured = function (label, data, color, style) {
    return {
      label: label,
      data: data,
      borderColor: color,
      backgroundColor: color,
      pointStyle: style,
      pointRadius: 5,
      pointHoverRadius: 7,
      errorBars: data.some(function (p) {
        return p.lo !== null;
      }),
    };
  };
  makeChart('slowdown', addCanvas(container, 360, 'slowdown against SAM interval'), {
    type: 'scatter',
    data: {
      datasets: [
        measured('vs no-SAM run (across processes: no interval)', vs, COLORS.base, 'circle'),
        measured('within run', within, COLORS.within, 'rectRot'),
        {
          label: model.ratio === null ? 'predicted (no step ratio)' : 'predicted (r − 1)/k, r = ' + fmt(model.ratio, 2),
          data: curve,
          showLine: true,
          borderColor: COLORS.predicted,
          borderDash: [6, 4],
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 0,
        },
        {
          label: 'method card: 7 % at interval 10 (multi-GPU)',
          data: [seed],
          pointStyle: 'star',
          pointRadius: 11,
          pointHoverRadius: 13,
          borderWidth: 2,
          borderColor: COLORS.seed,
          backgroundColor: alpha(COLORS.seed, 0.25),
        },
      ],
    },
    options: {
      scales: {
        x: logValueAxis('SAM interval k (SAM every k steps; log scale)', kMin, kMax, tickValues),
        y: percentAxis('slowdown (% more time per step)', {
          suggestedMin: Math.min.apply(null, ys),
          suggestedMax: Math.max.apply(null, ys) * 1.05,
        }),
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: legendLabels() },
        tooltip: {
          filter: function (c) {
            return c.datasetIndex !== 2;
          },
          callbacks: {
            label: function (c) {
              var p = c.raw;
              if (p.run === undefined) return c.dataset.label;
              var interval = p.lo === null ? ' (across processes)' : ' [' + fmt(p.lo, 1) + ', ' + fmt(p.hi, 1) + ']';
              return p.run + ' (k = ' + p.k + '): ' + fmt(p.y, 1) + ' %' + interval;
            },
          },
        },
      },
    },
    plugins: [errorBarPlugin],
  });
}

// Lower slowdown and higher gain are both better; the front is drawn as the staircase of the best
// gain reachable at each slowdown.
function tradeoffChart(model) {
  var t = model.tradeoff;
  var onFront = new Set(t.front);
  var points = t.points.map(function (p, i) {
    return { x: 100 * p.slowdown, y: p.gainPoints, label: p.label, runs: p.runs, front: onFront.has(i) };
  });
  var front = t.front.map(function (i) {
    return points[i];
  });
  var dominated = points.filter(function (p) {
    return !p.front;
  });
  makeChart('tradeoff', addCanvas(chartBox('tradeoff'), 360, 'slowdown against accuracy gain'), {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'Pareto front',
          data: front,
          showLine: true,
          stepped: 'before',
          borderColor: COLORS.front,
          borderWidth: 2,
          backgroundColor: COLORS.front,
          pointRadius: 6,
          pointHoverRadius: 8,
          pointLabels: true,
        },
        {
          label: 'dominated',
          data: dominated,
          borderColor: COLORS.dominated,
          backgroundColor: '#fff',
          borderWidth: 2,
          pointRadius: 5,
          pointHoverRadius: 7,
          pointLabels: true,
        },
      ],
    },
    options: {
      layout: { padding: { top: 14, right: 10 } },
      scales: {
        x: percentAxis('slowdown vs no-SAM run (%)', { grace: '8%' }),
        y: gainAxis('accuracy gain (percentage points)', '12%'),
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: legendLabels() },
        tooltip: {
          callbacks: {
            label: function (c) {
              var p = c.raw;
              return (
                p.label +
                ': ' +
                fmt(p.x, 1) +
                ' % slower, ' +
                (p.y >= 0 ? '+' : '') +
                fmt(p.y, 2) +
                ' pp (' +
                p.runs +
                (p.runs === 1 ? ' run)' : ' runs)')
              );
            },
          },
        },
      },
    },
    plugins: [pointLabelPlugin],
  });
}
