// The standalone page: mounts the widget into each <infusion-check> on the page
// (light DOM: this page is the widget's own). Configured by the element's attributes.
//
// The page already shows the check's first screen (rendered at build time,
// scripts/build): until the wasm is there, boxes tick as plain checkboxes,
// "None of these" unticks the others, and a tap on Next, on "not sure what
// these mean" or on a language is kept on that screen (data-pending-*) and
// carried into the check when the widget mounts over it (src/ui/mount.rs).
import init, * as widget from "./pkg/infusion_check.js";
import { preload, followLanguage, guard } from "./packs.js";

const early = [...document.querySelectorAll("infusion-check [data-prerendered]")];
for (const screen of early) {
  screen.addEventListener("change", (e) => {
    const box = e.target;
    if (!box.checked || !box.closest?.(".ic-checklist fieldset")) return;
    // GOV.UK's exclusive "None of these".
    const none = box.dataset.option === "none";
    for (const other of screen.querySelectorAll(".ic-checklist fieldset input[type=checkbox]")) {
      if (other !== box && (none || other.dataset.option === "none")) other.checked = false;
    }
  });
  screen.addEventListener("click", (e) => {
    const b = e.target.closest?.("button");
    if (!b) return;
    if (b.dataset.lang) screen.dataset.pendingLang = b.dataset.lang;
    else if (b.dataset.option === "unsure") screen.dataset.pendingExplain = "";
    else if (b.dataset.action === "next" && !("pendingNext" in screen.dataset)) {
      screen.dataset.pendingNext = "";
      const wait = document.createElement("p");
      wait.setAttribute("role", "status");
      wait.className = "ic-note";
      wait.textContent = screen.querySelector(".ic-app")?.lang === "es" ? "Un momento…" : "One moment…";
      b.after(wait);
    }
  });
}

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
