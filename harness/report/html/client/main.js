// report.html client, part 5 of 5: draws every chart whose box the page has. A chart that fails
// says so in its box and in the console; the others are still drawn.

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = COLORS.text;

var model = readModel();
[
  ['step-distribution', stepDistributionChart],
  ['slowdown', slowdownChart],
  ['tradeoff', tradeoffChart],
  ['rho-gain', rhoGainChart],
  ['accuracy', accuracyChart],
  ['timeline', timelineCharts],
].forEach(function (entry) {
  var box = chartBox(entry[0]);
  if (!box) return;
  try {
    entry[1](model);
  } catch (error) {
    registry.errors.push(entry[0] + ': ' + error.message);
    var note = document.createElement('p');
    note.className = 'note error';
    note.textContent = 'This chart could not be drawn: ' + error.message;
    box.appendChild(note);
    console.error('sambench report: chart "' + entry[0] + '" failed', error);
  }
});
window.sambenchReport = registry;
document.documentElement.setAttribute('data-rendered', 'true');
