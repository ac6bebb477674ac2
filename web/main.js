// The standalone page: mounts the widget into each <infusion-check> on the page
// (light DOM: this page is the widget's own). Configured by the element's attributes.
//
// The page already shows the check's first screen (rendered at build time,
// scripts/build), and its own box of whom to call for when the check cannot
// start (the glue is imported below, where that failure is caught); what is done on that screen before the wasm comes is carried
// into the check (earlyScreen in packs.js, src/ui/mount.rs).
import { preload, followLanguage, guard, earlyScreen } from "./packs.js";

const stops = new Map();
for (const screen of document.querySelectorAll("infusion-check [data-prerendered]")) {
  // (too slow: the page's box of whom to call shows below the screen, which stays)
  const box = screen.closest("infusion-check").querySelector("[data-page-fallback]");
  stops.set(screen, earlyScreen(screen, { onSlow: () => box && (box.hidden = false) }));
}

/** The page's own box of whom to call, instead of the first screen (the check cannot start). */
function showPageFallback(el) {
  el.querySelector("[data-prerendered]")?.remove();
  const box = el.querySelector("[data-page-fallback]");
  if (box) box.hidden = false;
}
function cannotStart(e) {
  for (const el of document.querySelectorAll("infusion-check")) if (el.querySelector("[data-prerendered]")) showPageFallback(el);
  console.error("infusion-check could not start; the phone numbers on the page still work.", e);
}

const host = document.querySelector("infusion-check");
const packs = preload(new URL("./", import.meta.url), host?.getAttribute("lang"), host?.getAttribute("therapy"), host?.getAttribute("therapies"));
// (imported here, not above: if the glue cannot load, this script still runs
// and shows whom to call)
import("./pkg/infusion_check.js")
  .then(async (widget) => {
    await widget.default();
    await packs(widget);
    for (const el of document.querySelectorAll("infusion-check")) {
      const prerendered = el.querySelector("[data-prerendered]");
      const before = [...el.childNodes]; // the page's own numbers
      const root = prerendered ?? document.createElement("div");
      if (prerendered) stops.get(prerendered)?.();
      else el.replaceChildren(root);
      try {
        // (null after a crash: the fallback, or for a later element nothing)
        if (guard(root, () => widget.mount(root, el))) {
          // (shown while the check was slow to come: it is here now)
          const box = el.querySelector("[data-page-fallback]");
          if (box) box.hidden = true;
        } else if (!el.querySelector("[data-fallback]")) {
          if (prerendered) showPageFallback(el);
          else el.replaceChildren(...before);
        }
      } catch (e) {
        if (prerendered) showPageFallback(el);
        else el.replaceChildren(...before);
        console.error("infusion-check could not start; the phone numbers on the page still work.", e);
      }
    }
    followLanguage(document.body);
  })
  .catch(cannotStart);

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
