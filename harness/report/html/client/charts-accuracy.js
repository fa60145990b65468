// report.html client, part 4 of 5: top-1 test accuracy at each evaluation, a line per run.

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
