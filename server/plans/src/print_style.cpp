// The style sheet of the printable plan pages, carried inside each page so a
// downloaded file opened from disk reads and prints as it does when served.
// No scripts on these pages; the server lets exactly this sheet in through
// the page's Content-Security-Policy (its hash), nothing else inline.
#include "tavolo/plans/plan_document.hpp"

namespace tavolo::plans {

std::string_view html_style() {
    return R"css(
:root {
  color-scheme: light;
  font-family: "Titillium Web", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #17324d;
  line-height: 1.5;
}
body { margin: 0; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.35rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0.5rem 0; }
ul { margin: 0.35rem 0; padding-left: 1.5rem; }
.plan-status { color: #455b71; margin-top: 0; }
.objective { border-top: 1px solid #c5c7c9; padding-top: 0.5rem; break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
dd ul { margin: 0.25rem 0 0; }
.undefined { font-style: italic; color: #455b71; }
a { color: #0066cc; }
a:focus { outline: 2px solid #0066cc; outline-offset: 2px; }
table.figures { border-collapse: collapse; margin: 1rem 0; }
table.figures th, table.figures td { border: 1px solid #c5c7c9; padding: 0.35rem 0.6rem; text-align: left; }
summary { cursor: pointer; font-weight: 600; }
.site-footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 1.5rem; border-top: 1px solid #c5c7c9; font-size: 0.95rem; }
.site-footer p { margin: 0 0 0.35rem; font-weight: 600; }
.site-links { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.35rem 1.5rem; }
.site-links a { display: inline-block; padding: 0.2rem 0; }
@media (max-width: 30rem) {
  dl { grid-template-columns: 1fr; }
  main { padding: 1rem; }
  .site-footer { padding: 1rem; }
}
@page { margin: 1.8cm 1.6cm; }
@media print {
  :root { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3 { break-after: avoid; }
  summary { cursor: auto; list-style: none; }
  summary::-webkit-details-marker { display: none; }
  a { color: inherit; }
  .site-links { display: none; }
}
)css";
}

} // namespace tavolo::plans
