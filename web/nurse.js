// The nurse's page: reads a read-back code (typed, pasted, or from the link's
// fragment: nurse.html#code=...) with its own wasm (src/nurse.rs), against
// the protocol in the widget's language files: those of the selection of
// packs the code names (magnesium, iron_vitamin-c...), fetched when a code
// needs them and kept. The magnesium files are fetched at once, so a
// magnesium code reads with no network once the page is open. Nothing leaves
// the page: the fragment is never sent to a server, and the page fetches only
// its own files.
import init, * as nurse from "./nurse/nurse.js";

// A selection's file and its reasons' file (the rules' why-texts) in a
// language, as web/packs.js names them (the release build puts their hash here).
const HASH = "__PACK_FILES_HASH__";
const file = (name) => `pkg/${name}${HASH.startsWith("__") ? "" : "-" + HASH}.bin`;
const filesOf = (sel, lang) => [file(`${sel}-${lang}`), file(`${sel}-reasons-${lang}`)];
const base = new URL("./", import.meta.url);
const root = document.getElementById("nurse");
const code = new URLSearchParams(location.hash.slice(1)).get("code") || "";
const lang = /^es\b/i.test(navigator.language || "") ? "es" : "en";

// Each file fetched once (again after a failure). A failure says why, as the
// wasm reads it: "http:404" (the server's status), "offline" (no answer, or
// none within 15 s).
const cache = {};
function get(f) {
  if (!cache[f]) {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 15000);
    cache[f] = fetch(new URL(f, base), { signal: stop.signal })
      .then(
        (r) => (r.ok ? r.arrayBuffer() : Promise.reject(`http:${r.status}`)),
        () => Promise.reject("offline"),
      )
      .then((b) => new Uint8Array(b))
      .catch((e) => {
        delete cache[f];
        throw typeof e === "string" ? e : "offline";
      })
      .finally(() => clearTimeout(timer));
  }
  return cache[f];
}

// (selection, lang): its files given to the wasm, which is then told how it
// went (nurse_loaded: "" given, "refused", "http:404", "offline"). The other
// language's files are fetched too, for a switch of language with no network;
// their failure is told if they are asked for.
function load(sel, lang) {
  for (const l of ["en", "es"]) if (l !== lang) filesOf(sel, l).forEach((f) => get(f).catch(() => {}));
  Promise.all(filesOf(sel, lang).map(get))
    .then(([bytes, reasons]) => {
      if (nurse.nurse_add_pack(sel, lang, bytes, reasons)) return "";
      console.warn(`nurse page: the ${sel} ${lang} language file was refused`);
      return "refused";
    }, (why) => why)
    .then((why) => nurse.nurse_loaded(sel, lang, why));
}

init()
  .then(() => {
    // The magnesium check's files now (offline later, its codes still read).
    load("magnesium", lang);
    root.replaceChildren();
    nurse.nurse_mount(root, code, lang, load);
  })
  .catch((e) => {
    console.error("nurse page could not start", e);
    const p = root.querySelector("[data-loading]");
    if (p) p.textContent = "This page could not load. Reload it; if that does not help, tell the clinic's web team. / La página no pudo cargar.";
  });

// A new link opened in this tab (another code): read it.
addEventListener("hashchange", () => location.reload());
