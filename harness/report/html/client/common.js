// report.html client, part 1 of 5: shared colours, formats, the registry the tests read, and
// three small Chart.js plugins (box plots, error bars, point labels). Plain ES2017, no modules:
// the files are concatenated in order into one function scope (see ../assets.ts).

var COLORS = {
  base: '#2563eb',
  sam: '#ea580c',
  warmup: '#9ca3af',
  within: '#16a34a',
  predicted: '#dc2626',
  seed: '#7c3aed',
  front: '#0f766e',
  dominated: '#64748b',
  grid: '#e5e7eb',
  zero: '#9ca3af',
  text: '#374151',
};
var PALETTE = ['#2563eb', '#ea580c', '#16a34a', '#dc2626', '#7c3aed', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

// What the browser test inspects: every Chart.js instance by key, and any chart that failed.
var registry = { charts: {}, errors: [] };

function readModel() {
  return JSON.parse(document.getElementById('sambench-data').textContent);
}

function alpha(hex, a) {
  var n = parseInt(hex.slice(1), 16);
  return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
}

function fmt(x, digits) {
  return x === null || x === undefined ? '-' : x.toFixed(digits);
}

// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) that is ≥ x > 0.
function niceCeil(x) {
  var magnitude = Math.pow(10, Math.floor(Math.log10(x)));
  var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
  for (var i = 0; i < steps.length; i++) if (steps[i] * magnitude >= x - 1e-9) return steps[i] * magnitude;
  return 10 * magnitude;
}

function chartBox(name) {
  return document.querySelector('[data-chart="' + name + '"]');
}

function addCanvas(container, heightPx, label) {
  var wrap = document.createElement('div');
  wrap.className = 'canvas-wrap';
  wrap.style.height = heightPx + 'px';
  var canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  wrap.appendChild(canvas);
  container.appendChild(wrap);
  return canvas;
}

// Static charts: no animation, so the first frame is the final one (screenshots, printing).
function makeChart(key, canvas, config) {
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options);
  var chart = new Chart(canvas, config);
  registry.charts[key] = chart;
  return chart;
}

function clipToArea(chart) {
  var a = chart.chartArea;
  chart.ctx.beginPath();
  chart.ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
  chart.ctx.clip();
}

// Box from q1 to q3 with the median as a thick bar, whiskers from p10 to p90.
// boxes: [{ x, halfWidth (x units), color, s: { p10, q1, median, q3, p90 } }]
function boxPlugin(boxes) {
  return {
    id: 'sambenchBoxes',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx,
        xs = chart.scales.x,
        ys = chart.scales.y;
      var py = function (v) {
        return ys.getPixelForValue(v);
      };
      ctx.save();
      clipToArea(chart);
      boxes.forEach(function (b) {
        var cx = xs.getPixelForValue(b.x);
        var half = Math.max(4, Math.min(24, Math.abs(xs.getPixelForValue(b.x + b.halfWidth) - cx)));
        var p10 = py(b.s.p10),
          p90 = py(b.s.p90);
        strokeSegments(ctx, b.color, 1.5, [
          [cx, p10, cx, py(b.s.q1)],
          [cx, py(b.s.q3), cx, p90],
          [cx - half / 2, p10, cx + half / 2, p10],
          [cx - half / 2, p90, cx + half / 2, p90],
        ]);
        ctx.fillStyle = alpha(b.color, 0.15);
        ctx.fillRect(cx - half, py(b.s.q3), 2 * half, py(b.s.q1) - py(b.s.q3));
        ctx.strokeRect(cx - half, py(b.s.q3), 2 * half, py(b.s.q1) - py(b.s.q3));
        strokeSegments(ctx, b.color, 3, [[cx - half, py(b.s.median), cx + half, py(b.s.median)]]);
      });
      ctx.restore();
    },
  };
}

// Strokes straight segments, each [x1, y1, x2, y2] in pixels, as one path.
function strokeSegments(ctx, color, width, segments) {
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  segments.forEach(function (s) {
    ctx.moveTo(s[0], s[1]);
    ctx.lineTo(s[2], s[3]);
  });
  ctx.stroke();
}

// Vertical 95 % interval bars under the points of every visible dataset marked `errorBars: true`;
// each point carries `lo` and `hi` in y units.
var errorBarPlugin = {
  id: 'sambenchErrorBars',
  beforeDatasetsDraw: function (chart) {
    var ctx = chart.ctx,
      ys = chart.scales.y;
    ctx.save();
    clipToArea(chart);
    chart.data.datasets.forEach(function (ds, i) {
      if (!ds.errorBars || !chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach(function (el, j) {
        var p = ds.data[j];
        if (p.lo === null || p.hi === null) return;
        var lo = ys.getPixelForValue(p.lo),
          hi = ys.getPixelForValue(p.hi);
        strokeSegments(ctx, ds.borderColor, 1.5, [
          [el.x, lo, el.x, hi],
          [el.x - 4, lo, el.x + 4, lo],
          [el.x - 4, hi, el.x + 4, hi],
        ]);
      });
    });
    ctx.restore();
  },
};

// Writes each point's `label` beside it, for datasets marked `pointLabels: true`, in dataset
// order; a label that would overlap one already written is left out (its tooltip still has it).
var pointLabelPlugin = {
  id: 'sambenchPointLabels',
  afterDatasetsDraw: function (chart) {
    var ctx = chart.ctx,
      placed = [],
      height = 12;
    ctx.save();
    ctx.font = '11px ' + Chart.defaults.font.family;
    ctx.fillStyle = COLORS.text;
    ctx.textBaseline = 'bottom';
    chart.data.datasets.forEach(function (ds, i) {
      if (!ds.pointLabels || !chart.isDatasetVisible(i)) return;
      chart.getDatasetMeta(i).data.forEach(function (el, j) {
        var text = ds.data[j].label,
          width = ctx.measureText(text).width;
        var right = el.x + width + 8 > chart.chartArea.right;
        var box = { left: right ? el.x - 7 - width : el.x + 7, top: el.y - 4 - height };
        var clash = placed.some(function (p) {
          return box.left < p.left + p.width && p.left < box.left + width && box.top < p.top + height && p.top < box.top + height;
        });
        if (clash) return;
        placed.push({ left: box.left, top: box.top, width: width });
        ctx.textAlign = right ? 'right' : 'left';
        ctx.fillText(text, el.x + (right ? -7 : 7), el.y - 4);
      });
    });
    ctx.restore();
  },
};

// Legend entries in each dataset's point style; datasets drawn as lines get a line, dashed like theirs.
function legendLabels(extra) {
  return Object.assign(
    {
      usePointStyle: true,
      generateLabels: function (chart) {
        var items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
        items.forEach(function (item) {
          var ds = chart.data.datasets[item.datasetIndex];
          if (!ds.showLine) return;
          item.pointStyle = 'line';
          item.strokeStyle = ds.borderColor;
          item.lineDash = ds.borderDash || [];
          item.lineWidth = 2;
        });
        return items;
      },
    },
    extra,
  );
}

function axisTitle(text) {
  return { display: true, text: text, font: { weight: '600' } };
}

// Grid lines with the zero line drawn darker: where a gain or a slowdown changes sign.
function zeroLineGrid() {
  return {
    color: function (c) {
      return c.tick && c.tick.value === 0 ? COLORS.zero : COLORS.grid;
    },
  };
}

// A linear axis in percent with its zero line drawn darker; `extra` adds bounds or grace.
function percentAxis(title, extra) {
  return Object.assign(
    {
      title: axisTitle(title),
      ticks: {
        callback: function (v) {
          return v + ' %';
        },
      },
      grid: zeroLineGrid(),
    },
    extra,
  );
}

// A log-scale axis over [lo, hi] with a tick at each of `values` (the values the suite ran), labelled as given.
function logValueAxis(title, lo, hi, values) {
  return {
    type: 'logarithmic',
    min: lo / 1.3,
    max: hi * 1.3,
    title: axisTitle(title),
    afterBuildTicks: function (axis) {
      axis.ticks = values.map(function (v) {
        return { value: v };
      });
    },
    ticks: {
      callback: function (v) {
        return String(v);
      },
    },
    grid: { color: COLORS.grid },
  };
}

// The accuracy-gain axis of the accuracy charts (percentage points, zero line darker).
function gainAxis(title, grace) {
  return { grace: grace, title: axisTitle(title), grid: zeroLineGrid() };
}

// The whole of a page whose model is a list of charts (claims.html, history.html): each item drawn
// by `draw`; a chart that fails is recorded and logged, never stopping the others; then the page
// is marked rendered (what the browser tests wait for).
function drawEach(page, draw) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = COLORS.text;
  readModel().forEach(function (item) {
    try {
      draw(item);
    } catch (error) {
      registry.errors.push(item.id + ': ' + error.message);
      console.error('sambench ' + page + ': chart "' + item.id + '" failed', error);
    }
  });
  window.sambenchReport = registry;
  document.documentElement.setAttribute('data-rendered', 'true');
}
