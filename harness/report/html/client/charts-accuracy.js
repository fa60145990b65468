// report.html client, part 4 of 5: top-1 test accuracy at each evaluation, a line per run, and
// the accuracy gain against rho, a line per SAM interval, with Composer's rule rho = 0.05·k marked.

function accuracyChart(model) {
  var runs = model.runs.filter(function (r) {
    return r.evals.step.length > 0;
  });
  // One colour per SAM interval (seeds share it), no-SAM runs dark and dashed.
  var datasets = runs.map(function (r) {
    var color = r.baseline ? '#111827' : PALETTE[model.intervals.indexOf(r.interval) % PALETTE.length];
    return {
      label: r.label + (r.status === 'ok' ? '' : ' (failed)'),
      data: r.evals.step.map(function (s, j) {
        return { x: s, y: 100 * r.evals.acc[j] };
      }),
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: r.baseline ? [6, 4] : [],
      pointRadius: 2.5,
      pointHoverRadius: 5,
      clip: 6,
    };
  });
  var lastStep = Math.max.apply(
    null,
    runs.map(function (r) {
      return r.evals.step[r.evals.step.length - 1];
    }),
  );
  var many = runs.length > 12;
  makeChart('accuracy', addCanvas(chartBox('accuracy'), many ? 340 + 18 * Math.ceil(runs.length / 6) : 340, 'test accuracy over steps'), {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      scales: {
        x: { title: axisTitle('step'), max: lastStep, ticks: { includeBounds: false }, grid: { color: COLORS.grid } },
        y: {
          title: axisTitle('top-1 test accuracy (%)'),
          ticks: {
            callback: function (v) {
              return v + ' %';
            },
          },
          grid: { color: COLORS.grid },
        },
      },
      plugins: {
        legend: { position: many ? 'bottom' : 'right', labels: legendLabels({ pointStyleWidth: 30 }) },
        tooltip: {
          callbacks: {
            label: function (c) {
              return c.dataset.label + ', step ' + c.raw.x + ': ' + fmt(c.raw.y, 2) + ' %';
            },
          },
        },
      },
    },
  });
}

// One line per interval (the accuracy chart's colours), 95 % interval bars over seeds, and a
// star on each line's point at Composer's rule, the stars joined by a dashed line.
function rhoGainChart(model) {
  var g = model.rhoGain;
  var colorOf = function (line) {
    return PALETTE[model.intervals.indexOf(line.interval) % PALETTE.length];
  };
  var datasets = g.lines.map(function (line) {
    var color = colorOf(line);
    return {
      label: line.label,
      data: line.points.map(function (p) {
        return { x: p.rho, y: p.gain, lo: p.lo, hi: p.hi, line: line.label };
      }),
      showLine: true,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      pointRadius: 4,
      pointHoverRadius: 6,
      errorBars: true,
    };
  });
  var rule = [];
  g.lines.forEach(function (line) {
    line.points.forEach(function (p) {
      if (p.composerRule) rule.push({ x: p.rho, y: p.gain, lo: p.lo, hi: p.hi, line: line.label });
    });
  });
  datasets.push({
    label: 'Composer’s rule ρ = ' + g.composerRule.rhoPerInterval + '·k',
    data: rule,
    // Joined across intervals (rho grows with k), so the rule reads as one path.
    showLine: rule.length > 1,
    borderDash: [6, 4],
    pointStyle: 'star',
    pointRadius: 11,
    pointHoverRadius: 13,
    borderWidth: 2,
    borderColor: COLORS.seed,
    backgroundColor: alpha(COLORS.seed, 0.25),
  });
  var rhos = [];
  g.lines.forEach(function (line) {
    line.points.forEach(function (p) {
      rhos.push(p.rho);
    });
  });
  var rhoMin = Math.min.apply(null, rhos),
    rhoMax = Math.max.apply(null, rhos);
  var ticks = Array.from(new Set(rhos)).sort(function (a, b) {
    return a - b;
  });
  makeChart('rho-gain', addCanvas(chartBox('rho-gain'), 360, 'accuracy gain against rho'), {
    type: 'scatter',
    data: { datasets: datasets },
    options: {
      scales: {
        x: logValueAxis('rho (log scale)', rhoMin, rhoMax, ticks),
        y: gainAxis('accuracy gain over no SAM (percentage points)', '10%'),
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: legendLabels() },
        tooltip: {
          callbacks: {
            label: function (c) {
              var p = c.raw;
              return (
                p.line + ', ρ = ' + p.x + ': ' + (p.y >= 0 ? '+' : '') + fmt(p.y, 2) + ' pp [' + fmt(p.lo, 2) + ', ' + fmt(p.hi, 2) + ']'
              );
            },
          },
        },
      },
    },
    plugins: [errorBarPlugin],
  });
}
