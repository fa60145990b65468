// The stylesheet of report.html: one column, readable tables, PASS green, FAIL red, INCONCLUSIVE amber,
// fixed-height chart boxes (Chart.js fills its container), and a print layout.

// System fonts only: nothing to download, and it prints.
/** CSS inlined in the page's <style>. */
export const REPORT_CSS = `
:root { --text: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc; --card: #fff;
  --pass: #15803d; --pass-bg: #dcfce7; --fail: #b91c1c; --fail-bg: #fee2e2; --undecided: #92400e; --undecided-bg: #fef3c7; --base: #2563eb; --sam: #ea580c; --warmup: #9ca3af; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 6px; }
.muted, .meta, .caption, .ci { color: var(--muted); }
.ci { font-size: 11.5px; white-space: nowrap; }
td.num .ci { display: block; }
.description { margin: 4px 0; max-width: 80ch; white-space: pre-wrap; }
.meta { margin: 4px 0 12px; }
header, section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin-bottom: 16px; }
.env { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0; }
.env div { min-width: 0; }
.env dt { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.env dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.badge { padding: 1px 8px; border-radius: 10px; font-weight: 600; }
.badge.pass, .verdict.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail, .verdict.fail { color: var(--fail); background: var(--fail-bg); }
.badge.inconclusive, .verdict.inconclusive { color: var(--undecided); background: var(--undecided-bg); }
.fail-text { color: var(--fail); }
.warning { background: #fef3c7; border: 1px solid #fcd34d; border-radius: 6px; padding: 6px 10px; margin: 10px 0 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f1f5f9; }
td code { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.verdict-row.pass td:first-child { box-shadow: inset 4px 0 var(--pass); }
tr.verdict-row.fail td:first-child { box-shadow: inset 4px 0 var(--fail); }
tr.verdict-row.inconclusive td:first-child { box-shadow: inset 4px 0 var(--undecided); }
.verdict-rule { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; margin: 10px 0 0; font-size: 12.5px; }
.verdict-rule div { display: contents; }
.verdict-rule dd { margin: 0; color: var(--muted); }
tr.failed-row td { background: #fff7f7; }
.verdict { display: inline-block; min-width: 48px; text-align: center; padding: 1px 8px; border-radius: 4px; font-weight: 700; }
code { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
.caption { margin: 0 0 10px; max-width: 110ch; }
.note { color: var(--muted); font-style: italic; margin: 6px 0; }
.note.error { color: var(--fail); font-style: normal; }
.chart-box .canvas-wrap { position: relative; width: 100%; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 10px 14px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px 2px; min-width: 0; }
.panel-title { font: 600 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.panel .canvas-wrap { position: relative; width: 100%; }
.legend { display: flex; gap: 6px 16px; flex-wrap: wrap; align-items: center; margin: 0 0 8px; font-size: 12px; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
.swatch.base { background: var(--base); } .swatch.sam { background: var(--sam); } .swatch.warmup { background: var(--warmup); }
footer { color: var(--muted); font-size: 12px; text-align: center; }
@media print { body { background: #fff; } header, section { break-inside: avoid; border: none; padding: 8px 0; } }
`;
