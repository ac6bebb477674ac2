// The iframe page: configured by the URL fragment (never sent to a server),
// and it tells the host page its content height by postMessage:
//   { type: "infusion-check:height", height: <CSS pixels> }
import init, * as wasm from "./pkg/infusion_check.js";
import { preload } from "./packs.js";

const root = document.getElementById("infusion-check");
let widget = null;
let last = 0;

function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: "infusion-check:height", height }, "*");
  }
}

let lang = null;
try {
  lang = new URLSearchParams(location.hash.slice(1)).get("lang");
} catch (e) {
  // a malformed fragment: the widget reports it
}
const packs = preload(new URL("./", import.meta.url), lang);
init()
  .then(async () => {
    await packs(wasm);
    const start = () => {
      if (widget) widget.destroy();
      const mount = document.createElement("div");
      root.replaceChildren(mount);
      widget = wasm.mount_from_fragment(mount);
    };
    start();
    addEventListener("hashchange", start);
    new ResizeObserver(reportHeight).observe(document.documentElement);
    reportHeight();
  })
  .catch((e) => {
    console.error("infusion-check could not start; the numbers on the page still work.", e);
    reportHeight();
  });

if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
