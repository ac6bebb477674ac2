// The iframe page: configured by the URL fragment (never sent to a server),
// and it tells the host page its content height by postMessage:
//   { type: "infusion-check:height", height: <CSS pixels> }
import init, { mount_from_fragment } from "./pkg/infusion_check.js";

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

init()
  .then(() => {
    const start = () => {
      if (widget) widget.destroy();
      const mount = document.createElement("div");
      root.replaceChildren(mount);
      widget = mount_from_fragment(mount);
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
