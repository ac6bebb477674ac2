// The standalone page: mounts the widget into each <infusion-check> on the page
// (light DOM: this page is the widget's own). Configured by the element's attributes.
import init, * as widget from "./pkg/infusion_check.js";
import { preload, followLanguage, guard } from "./packs.js";

const packs = preload(new URL("./", import.meta.url), document.querySelector("infusion-check")?.getAttribute("lang"));
init()
  .then(async (exports) => {
    await packs(widget);
    for (const el of document.querySelectorAll("infusion-check")) {
      const before = [...el.childNodes]; // the page's own numbers
      const root = document.createElement("div");
      el.replaceChildren(root);
      try {
        // (null after a crash: the fallback, or for a later element nothing)
        if (!guard(root, () => widget.mount(root, el)) && !el.querySelector("[data-fallback]")) el.replaceChildren(...before);
      } catch (e) {
        el.replaceChildren(...before);
        console.error("infusion-check could not start; the phone numbers on the page still work.", e);
      }
    }
    followLanguage(document.body);
    globalThis.__infusionCheckWasmMemory = () => Object.values(exports).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength;
  })
  .catch((e) => console.error("infusion-check could not start; the phone numbers on the page still work.", e));

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
