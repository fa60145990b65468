// claims.html client (after common.js): one chart per claim, each deciding verdict as a point with
// its 95 % interval, and the bound it is held to as a dashed line. Values are in each verdict's
// written unit (percent for slowdowns, points for accuracy, parameter copies for memory).

var OUTCOME_COLORS = { pass: '#16a34a', fail: '#dc2626', inconclusive: '#ca8a04' };

function claimChart(claim) {
  var box = chartBox('claim-' + claim.id);
  if (!box || claim.points.length === 0) return;
  var labels = claim.points.map(function (p) {
    return p.label + ' (' + p.unit + ')';
  });
  var points = claim.points.map(function (p, i) {
    return { x: i, y: p.value, lo: p.lo, hi: p.hi };
  });
  var bounds = [];
  claim.points.forEach(function (p, i) {
    [p.min, p.max].forEach(function (b) {
      if (b !== null) bounds.push({ x: i - 0.3, y: b }, { x: i + 0.3, y: b }, { x: NaN, y: NaN });
    });
  });
  var extent = [0];
  claim.points.forEach(function (p) {
    [p.value, p.lo, p.hi, p.min, p.max].forEach(function (v) {
      if (v !== null) extent.push(v);
    });
  });
  makeChart('claim-' + claim.id, addCanvas(box, Math.max(180, 80 + 60 * claim.points.length), 'verdicts of the claim ' + claim.id), {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'measured, 95% CI',
          data: points.filter(function (p) {
            return p.y !== null;
          }),
          errorBars: true,
          borderColor: COLORS.sam,
          backgroundColor: claim.points.map(function (p) {
            return OUTCOME_COLORS[p.outcome];
          }),
          pointRadius: 6,
        },
        {
          label: 'expected bound',
          data: bounds,
          showLine: true,
          borderDash: [6, 4],
          borderColor: COLORS.predicted,
          pointRadius: 0,
          spanGaps: false,
        },
      ],
    },
    options: {
      scales: {
        x: {
          min: -0.5,
          max: claim.points.length - 0.5,
          // One tick per verdict, at its integer position, labelled with its name and unit.
          afterBuildTicks: function (axis) {
            axis.ticks = labels.map(function (_, i) {
              return { value: i };
            });
          },
          ticks: {
            autoSkip: false,
            callback: function (v) {
              return labels[v] || '';
            },
          },
          grid: { color: COLORS.grid },
        },
        // Wide enough for every interval and bound, which Chart.js would not count.
        y: {
          title: axisTitle('value (unit in the label)'),
          grid: zeroLineGrid(),
          suggestedMin: Math.min.apply(null, extent),
          suggestedMax: Math.max.apply(null, extent),
        },
      },
    },
    plugins: [errorBarPlugin],
  });
}

drawEach('claims', claimChart);
