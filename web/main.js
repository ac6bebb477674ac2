// The standalone page: mounts the widget into each <infusion-check> on the page
// (light DOM: this page is the widget's own). Configured by the element's attributes.
//
// The page already shows the check's first screen (rendered at build time,
// scripts/build); what is done there before the wasm comes is carried into
// the check (earlyScreen in packs.js, src/ui/mount.rs).
import init, * as widget from "./pkg/infusion_check.js";
import { preload, followLanguage, guard, earlyScreen } from "./packs.js";

for (const screen of document.querySelectorAll("infusion-check [data-prerendered]")) earlyScreen(screen);

/** The page's own box of whom to call, instead of the first screen (the check cannot start). */
function showPageFallback(el) {
  const box = el.querySelector("[data-page-fallback]");
  el.querySelector("[data-prerendered]")?.remove();
  if (box) box.hidden = false;
}

const packs = preload(new URL("./", import.meta.url), document.querySelector("infusion-check")?.getAttribute("lang"));
init()
  .then(async (exports) => {
    await packs(widget);
    for (const el of document.querySelectorAll("infusion-check")) {
      const prerendered = el.querySelector("[data-prerendered]");
      const before = [...el.childNodes]; // the page's own numbers
      const root = prerendered ?? document.createElement("div");
      if (!prerendered) el.replaceChildren(root);
      try {
        // (null after a crash: the fallback, or for a later element nothing)
        if (!guard(root, () => widget.mount(root, el)) && !el.querySelector("[data-fallback]")) {
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
    globalThis.__infusionCheckWasmMemory = () => Object.values(exports).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength;
  })
  .catch((e) => {
    for (const el of document.querySelectorAll("infusion-check")) if (el.querySelector("[data-prerendered]")) showPageFallback(el);
    console.error("infusion-check could not start; the phone numbers on the page still work.", e);
  });

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
