"""The dashboard's stylesheet, inlined into the page (it loads nothing from outside).

Readable margins, a two-column layout from 1000 px, one column and no
horizontal overflow at 390 px (wide tables scroll inside their box), a print
layout, and text colours that pass WCAG AA on their backgrounds.
"""

from __future__ import annotations

CSS = """
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1a1a1a; line-height: 1.4;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px; }
p, h1, h2, h3, figcaption { overflow-wrap: break-word; }
main { max-width: 1360px; margin: 0 auto; padding: 16px clamp(12px, 3vw, 40px) 40px; }
header h1 { font-size: 22px; margin: 0; }
.scope { margin: 2px 0 12px; color: #4a4a4a; font-size: 13px; }
h2 { font-size: 17px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.figures { display: grid; gap: 10px; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); }
.figure { border: 1px solid #c8c8c8; border-left: 6px solid #767676; border-radius: 4px;
  padding: 8px 10px; min-width: 0; }
.figure.on { border-left-color: #1b7a3d; } .figure.off { border-left-color: #c00000; }
.figure p { margin: 0; }
.figure .label { font-size: 13px; font-weight: 600; color: #333; }
.figure .value { font-size: 30px; font-weight: 700; line-height: 1.15; }
.figure .detail, .figure .before { font-size: 12px; color: #4a4a4a; }
.figure .target { font-size: 12px; color: #333; }
.figure.off .status { color: #a00000; font-weight: 700; }
.figure.on .status { color: #17612f; font-weight: 700; }
.meter { position: relative; height: 8px; background: #e6e6e6; margin: 3px 0 4px; }
.meter span { display: block; height: 100%; background: #333; }
.figure.off .meter span { background: #c00000; } .figure.on .meter span { background: #1b7a3d; }
.meter i { position: absolute; top: -3px; width: 2px; height: 14px; background: #111; }
.slipping { margin: 8px 0 14px; font-size: 14px; }
.pair { display: grid; gap: 20px; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 1000px) { .pair { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
.panel { min-width: 0; }
.note { margin: 0 0 6px; font-size: 13px; color: #4a4a4a; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: 4px 7px; text-align: left; vertical-align: top; }
thead th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid td .mark { display: block; }
td.day, td.id, td.num { white-space: nowrap; }
table.grid td.below { background: #fde2e2; color: #7a0000; font-weight: 700; }
table.grid td.met { background: #e2f3e6; color: #14532d; }
table.grid td.empty { color: #4a4a4a; font-style: italic; white-space: normal; }
table.grid tr.total th, table.grid tr.total td { border-top: 2px solid #767676; }
td.flag { color: #a00000; font-weight: 700; }
a { color: #0a4fa8; }
.charts { display: grid; gap: 16px; margin-top: 24px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); }
figure { margin: 0; border: 1px solid #c8c8c8; border-radius: 4px; padding: 8px; min-width: 0; }
figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
figure svg { display: block; width: 100%; height: auto; }
figure p.empty { color: #4a4a4a; margin: 24px 8px; }
@page { margin: 12mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 11pt; }
  .pair, .charts { grid-template-columns: 1fr; }
  .figures { grid-template-columns: repeat(3, 1fr); }
  figure, .figure, tr { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .meter, .meter span, .meter i, table.grid td { print-color-adjust: exact; }
}
"""
