// The iframe page: configured by the URL fragment (never sent to a server),
// and it tells the host page its content height by postMessage:
//   { type: "infusion-check:height", height: <CSS pixels> }
//
// First, in plain JavaScript (bundled with packs.js: one file), the fail-safe:
// the clinic's emergency number, phone and after-hours line as links, so a patient sees whom to
// call even when the wasm cannot load. Then, at once, the check's first screen
// (HTML rendered at build time, in the page's <template>s) in the patient's
// language with the fragment's emergency number, for them to read and tick
// before the wasm; the widget takes over from it (earlyScreen in packs.js,
// src/ui/mount.rs), or, if it cannot start, the numbers come back.
import { earlyScreen, phone, callOn, guessLang, preload } from "./packs.js";
import { clinicName } from "./rules.js";

const root = document.getElementById("infusion-check");
let widget = null;
let last = 0;

function fragment() {
  try {
    return new URLSearchParams(location.hash.slice(1));
  } catch (e) {
    return new URLSearchParams(); // a malformed fragment: the widget reports it
  }
}
let params = fragment();

function link(href, text) {
  const p = document.createElement("p");
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text; // text, never HTML
  p.append(a);
  return p;
}

// The page's own box (both languages' "if you feel unwell, call"), kept to be
// written again with the numbers of a new fragment after a crash.
const template = root.querySelector(".ic-fallback-box")?.cloneNode(true);
const screens = Object.fromEntries([...root.querySelectorAll("template[data-first-screen]")].map((t) => [t.dataset.firstScreen, t]));
function writeNumbers() {
  if (!template) return;
  const box = template.cloneNode(true);
  // (the last of a key given twice, as the widget reads it)
  const last = (key) => params.getAll(key).pop();
  const emergency = phone(last("emergency-number")) || phone("911");
  const clinic = phone(last("clinic-phone"));
  // (the widget's rule: web/rules.js; a name with markup in it is not shown)
  const name = clinicName(last("clinic-name")) || "Clinic / Clínica";
  const e = link(emergency.href, `Emergency / Emergencia: ${emergency.text}`);
  e.firstChild.className = "ic-call-emergency";
  box.append(e);
  if (clinic) box.append(link(clinic.href, `${name}: ${clinic.text}`));
  const afterHours = phone(last("after-hours-phone"));
  if (afterHours) box.append(link(afterHours.href, `After-hours line / Línea fuera de horario: ${afterHours.text}`));
  root.replaceChildren(box);
}
writeNumbers();

// The first screen, before the wasm: in the language the widget will most
// likely start in (the fragment's, or the one last picked in this tab, or the
// phone's) and with the fragment's emergency number (911 in the HTML); the
// numbers written above stay below it until the check has started.
let stopEarly = null;
function earlyFirstScreen() {
  const t = screens[guessLang(params.getAll("lang").pop())];
  if (!t || !t.content.querySelector("[data-question=red_flags]")) return null;
  const screen = document.createElement("div");
  screen.dataset.prerendered = "";
  screen.append(t.content.cloneNode(true));
  callOn(screen, params.getAll("emergency-number").pop());
  stopEarly = earlyScreen(screen);
  root.prepend(screen);
  return screen;
}
let early = earlyFirstScreen();

function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && window.parent !== window) {
    last = height;
    window.parent.postMessage({ type: "infusion-check:height", height }, "*");
  }
}
new ResizeObserver(reportHeight).observe(document.documentElement);
reportHeight();

// The language file the check starts with: fetched now, beside the wasm.
const packs = preload(new URL("./", import.meta.url), params.get("lang"), params.get("therapy"), params.get("therapies"));
// The widget: imported only now, so a failed download leaves the links above.
Promise.all([import("./pkg/infusion_check.js"), import("./packs.js")])
  .then(async ([wasm, { followLanguage, guard, crashedAlready }]) => {
    await wasm.default();
    await packs(wasm);
    const start = () => {
      params = fragment();
      if (crashedAlready()) return writeNumbers(); // after a crash: no more wasm, the new numbers
      if (widget) widget.destroy();
      widget = null;
      // (the first screen shown before the wasm, the first time only; the
      // numbers below it go: the check has its own bars)
      const mount = early?.isConnected ? early : document.createElement("div");
      early = null;
      stopEarly?.();
      stopEarly = null;
      if (mount.isConnected) for (const n of [...root.childNodes]) n !== mount && n.remove();
      else root.replaceChildren(mount);
      try {
        widget = guard(mount, () => wasm.mount_from_fragment(mount));
      } catch (e) {
        writeNumbers();
        throw e;
      }
    };
    start();
    followLanguage(root);
    addEventListener("hashchange", start);
  })
  .catch((e) => {
    params = fragment();
    writeNumbers(); // (not a first screen whose Next cannot work)
    console.error("infusion-check could not start; the numbers on the page still work.", e);
  });

if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
