// The standalone page: mounts the widget into each <infusion-check> on the page
// (light DOM: this page is the widget's own). Configured by the element's attributes.
import init, { mount } from "./pkg/infusion_check.js";

init()
  .then((exports) => {
    for (const el of document.querySelectorAll("infusion-check")) {
      const root = document.createElement("div");
      el.replaceChildren(root);
      mount(root, el);
    }
    globalThis.__infusionCheckWasmMemory = () => exports.memory.buffer.byteLength;
  })
  .catch((e) => console.error("infusion-check could not start; the phone numbers on the page still work.", e));

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
