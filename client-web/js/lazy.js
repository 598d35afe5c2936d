// Libraries only staff use, loaded on first use so that participants never
// download them: SortableJS (dragging cards on the cluster board), the QR
// code of the invite, and Chart.js (the system plan's chart). Each loader
// fetches its library once; a failed load is tried again on the next call.
// The versioned paths are those scripts/vendor makes (see its comment).

function once(load) {
  let pending = null;
  return () => {
    pending ??= load().catch((err) => { pending = null; throw err; });
    return pending;
  };
}

// A card held near the board's edge scrolls it to the columns out of sight:
// the ES module build leaves that plugin to be mounted.
export const loadSortable = once(() => import('/vendor/sortablejs@1.15.7/sortable.esm.js').then((m) => {
  m.default.mount(new m.AutoScroll());
  return m.default;
}));
export const loadQrcode = once(() => import('/vendor/qrcode-generator@2.0.4/qrcode.mjs').then((m) => m.default));
// Chart.js is loaded as its UMD build, which sets globalThis.Chart (its ES
// module build imports a bare package name that a browser cannot resolve).
export const loadChart = once(() => import('/vendor/chart.js@4.6.1/chart.umd.min.js').then(() => globalThis.Chart));
