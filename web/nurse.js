// The nurse's page: reads a read-back code (typed, pasted, or from the link's
// fragment: nurse.html#code=...) with its own wasm (src/nurse.rs), against
// the protocol in the widget's language files. Nothing leaves the page: the
// fragment is never sent to a server, and the page fetches only its own files.
import init, * as nurse from "./nurse/nurse.js";

// Each language's file and its reasons' file (the rules' why-texts), as
// web/packs.js names them (the release build puts their hash here).
const HASH = "__PACK_FILES_HASH__";
const file = (name) => `pkg/${name}${HASH.startsWith("__") ? "" : "-" + HASH}.bin`;
const FILES = {
  en: [file("magnesium-en"), file("magnesium-reasons-en")],
  es: [file("magnesium-es"), file("magnesium-reasons-es")],
};
const get = (f) =>
  fetch(new URL(f, base))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${f}: HTTP ${r.status}`))))
    .then((b) => new Uint8Array(b));
const base = new URL("./", import.meta.url);
const root = document.getElementById("nurse");
const code = new URLSearchParams(location.hash.slice(1)).get("code") || "";
const lang = /^es\b/i.test(navigator.language || "") ? "es" : "en";

Promise.all([
  init(),
  ...Object.entries(FILES).map(([l, [f, r]]) => Promise.all([get(f), get(r)]).then(([bytes, reasons]) => [l, bytes, reasons])),
])
  .then(([, ...packs]) => {
    for (const [l, bytes, reasons] of packs) {
      if (!nurse.nurse_add_pack(l, bytes, reasons)) console.error(`nurse page: the ${l} language file was refused`);
    }
    root.replaceChildren();
    nurse.nurse_mount(root, code, lang);
  })
  .catch((e) => {
    console.error("nurse page could not start", e);
    const p = root.querySelector("[data-loading]");
    if (p) p.textContent = "This page could not load. Reload it; if that does not help, tell the clinic's web team. / La página no pudo cargar.";
  });

// A new link opened in this tab (another code): read it.
addEventListener("hashchange", () => location.reload());
