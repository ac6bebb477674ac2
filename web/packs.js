// The protocol's text comes in one file per selection of therapy packs and
// per language beside the wasm (pkg/magnesium-en.bin, pkg/iron_vitamin-c-es.bin,
// pkg/core-en.bin: the shared core alone, for the first screen before the
// patient says what was in the drip): a patient downloads only the packs and
// the language shown. The result's reasons (why each rule fired) come in a
// second file (pkg/magnesium-reasons-en.bin ...), fetched at once but not
// waited for: the first screen does not need them. The loader scripts fetch
// the likely file while the wasm downloads, and give the widget a loader for
// the others (a language switch, the patient's pick).
// (the release build puts its files' content hash here: pkg/NAME-HASH.bin)
const HASH = "__PACK_FILES_HASH__";
const fileOf = (sel, lang, reasons) =>
  `pkg/${sel}-${reasons ? "reasons-" : ""}${lang}${HASH.startsWith("__") ? "" : "-" + HASH}.bin`;

// (selection, lang, kind) => Promise<Uint8Array>, each file fetched once
// (again after a failure); kind "reasons" is the file's reasons, "reasons-started"
// the same only if its fetch has already started (the result asks no new one);
// "soon" and "soon-reasons" the same as none and "reasons", fetched a moment
// later (the widget's prefetch: the screen it has just drawn paints first).
export function packLoader(base) {
  const cache = {};
  const load = (sel, lang, kind) => {
    if (kind === "soon" || kind === "soon-reasons") {
      return new Promise((go) => setTimeout(go, 100)).then(() => load(sel, lang, kind === "soon" ? "file" : "reasons"));
    }
    const reasons = kind === "reasons" || kind === "reasons-started";
    const ok = /^[a-z_-]+$/.test(sel) && /^(en|es)$/.test(lang);
    const file = ok ? fileOf(sel, lang, reasons) : "";
    // (on the result: only a fetch already under way, never a new request)
    if (kind === "reasons-started" && !cache[file]) return Promise.reject(new Error("not fetched before the result"));
    if (!ok) return Promise.reject(new Error(`no language file for "${sel}", "${lang}"`));
    if (!cache[file]) {
      // A stalled network gives up after 10 s (the widget then shows the other
      // language, or whom to call).
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), 10000);
      cache[file] = fetch(new URL(file, base), { signal: stop.signal })
        .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${file}: HTTP ${r.status}`))))
        .then((b) => new Uint8Array(b))
        .catch((e) => {
          delete cache[file];
          throw e;
        })
        .finally(() => clearTimeout(timer));
    }
    return cache[file];
  };
  return load;
}

// The selection the widget most likely starts with, from the `therapy` and
// `therapies` settings (the widget decides; a wrong guess costs a fetch): a
// preset drip's packs (and the packs they bring), "core" when the patient
// will pick, magnesium when neither is set.
const PACKS = ["magnesium", "iron", "vitamin-c", "vitamin-drip"];
export function guessSelection(therapy, therapies) {
  const names = (v) => String(v || "").toLowerCase().split(/[\s,]+/).filter(Boolean);
  const t = names(therapy);
  const o = names(therapies);
  const valid = (l) => l.length > 0 && l.every((p) => PACKS.includes(p));
  if (!valid(t) && valid(o) && o.length > 1 && t.length === 0) return "core";
  // (a copy: the push below must not grow PACKS itself)
  const picked = [...(valid(t) ? t : valid(o) ? o : t.length || o.length ? PACKS : ["magnesium"])];
  if (picked.includes("vitamin-drip")) picked.push("magnesium");
  return PACKS.filter((p) => picked.includes(p)).join("_");
}

// The language the widget most likely starts in: the one last picked in this
// tab, else the page's setting, else the phone's. The widget decides; a wrong
// guess only shows the other language for a moment and costs a second fetch.
export function guessLang(setting) {
  let picked = null;
  try {
    picked = sessionStorage.getItem("infusion-check/lang-hint");
  } catch (e) {
    // storage blocked: no hint
  }
  const l = String(picked || (setting && setting.trim().toLowerCase() !== "auto" ? setting : navigator.language || "en"));
  return /^es([-_]|$)/i.test(l.trim()) ? "es" : "en";
}

// <ic-qr code="...">: the result's QR code of the nurse's page with the
// read-back code in its fragment (nurse.html#code=..., never sent to a
// server), drawn on the phone with DOM calls (qr.js, with the setup page's QR
// library; no HTML string, for hosts that enforce Trusted Types), loaded from
// the widget's own site while the first screen is read (`qrLibrary`), never
// when a result shows: a request then would tell the site that this patient
// reached a result, and when.
let qrLibrary = null;
function defineQr(base) {
  customElements.get("ic-qr") ||
    customElements.define(
      "ic-qr",
      class extends HTMLElement {
        connectedCallback() {
          (qrLibrary || import(new URL("qr.js", base).href))
            .then(({ qrSvg }) => this.replaceChildren(qrSvg(new URL("nurse.html#code=" + this.getAttribute("code"), base).href)))
            .catch(() => {}); // (no QR code: the code is on screen all the same)
        }
      },
    );
}

// Starts fetching the likely language now; `ready(m)` hands it and the loader
// to the started wasm module `m`.
export function preload(base, setting, therapy, therapies) {
  defineQr(base);
  const load = packLoader(base);
  const lang = guessLang(setting);
  const sel = guessSelection(therapy, therapies);
  // (the reasons too, now: the widget asks for them once it shows, and gets
  // this same request; a failure is retried then)
  load(sel, lang, "reasons").catch(() => {});
  const first = load(sel, lang).then(
    (bytes) => bytes,
    () => null,
  );
  return async (m) => {
    m.set_pack_loader(load);
    const bytes = await first;
    if (bytes) m.add_pack_in(sel, lang, bytes);
    // Once the first screen has what it needs (not competing with the wasm).
    qrLibrary = qrLibrary || import(new URL("qr.js", base).href);
    qrLibrary.catch(() => {});
  };
}

// On the widget's own pages (the standalone page and the iframe page, never a
// clinic's page): the page's language and title follow the widget's, so a
// screen reader reads the Spanish check with a Spanish voice.
export function followLanguage(scope) {
  const sync = () => {
    const app = scope.querySelector(".ic-app");
    const title = app && app.querySelector("h1");
    if (!app || !app.lang) return;
    if (document.documentElement.lang !== app.lang) document.documentElement.lang = app.lang;
    if (title && document.title !== title.textContent) document.title = title.textContent;
  };
  new MutationObserver(sync).observe(scope, { subtree: true, childList: true, attributes: true, attributeFilter: ["lang"] });
  sync();
}

// The fail-safe after a crash. A panic in the release wasm aborts at once, and
// any other trap (out of memory, a bad index) too: a WebAssembly.RuntimeError
// is thrown out of whatever called into it (a tap, a timer, a promise, the
// loader's own call); a stack overflow or an error Yew throws through the wasm
// is another error with the wasm in its stack. Then every guarded root shows
// its fallback, built by the widget at mount (the emergency number and the
// clinic's phone, both languages), and no more wasm is ever run on this page
// (a trapped instance is left in whatever state the trap found it): `dead`.
// (The loaders keep no reference to a root after a crash: they mount nothing.)
// The build bundles this file into each loader: the state is kept on the page,
// so that a page running two loaders (with one wasm) still has one guard.
const page = (globalThis.__infusionCheckGuard ??= { guarded: new Set(), dead: false, listening: false });
const guarded = page.guarded;

// Whether the widget has crashed on this page (then no more wasm is run).
export function crashedAlready() {
  return page.dead;
}

// Whether `e` came out of this widget's wasm. A trap whose stack names no wasm
// file (another browser's stack format, a module not compiled from its URL) is
// taken as ours, to fail safe; one that names only another page's wasm is not.
function ours(e) {
  const stack = String((e && e.stack) || "");
  if (/infusion_check_bg[^/\s]*\.wasm/.test(stack)) return true;
  return e instanceof WebAssembly.RuntimeError && !/[a-z]+:\/\/[^\s)]*\.wasm/i.test(stack);
}

function crashed(e, only) {
  if (!ours(e)) return false;
  if (!page.dead) console.error("infusion-check stopped; it shows whom to call instead.", e);
  page.dead = true;
  for (const root of guarded) {
    const fallback = root.__infusionCheckFallback;
    if (root.isConnected && fallback) {
      // A copy of the root without Yew's event listeners, so that a tap on the
      // fallback runs no wasm either; the fallback is the element the widget
      // built (no HTML string: see fallback_node in src/ui/mod.rs).
      const fresh = root.cloneNode(false);
      fresh.append(fallback);
      root.replaceWith(fresh);
    }
  }
  guarded.clear();
  return !only || !!only.__infusionCheckFallback;
}
if (!page.listening) {
  page.listening = true;
  addEventListener("error", (ev) => crashed(ev.error));
  addEventListener("unhandledrejection", (ev) => crashed(ev.reason));
}

// Mounts through `mount()` (a call into the wasm) and guards the root it
// mounted into. After a crash it mounts nothing and gives null. A crash during
// the mount itself shows the fallback, or, before the widget wrote it, is
// thrown on (the caller then puts back its own content).
export function guard(root, mount) {
  if (page.dead) return null;
  for (const r of guarded) if (!r.isConnected) guarded.delete(r);
  delete root.__infusionCheckFallback; // (an earlier mount's, maybe for other numbers)
  guarded.add(root);
  try {
    return mount();
  } catch (e) {
    if (!crashed(e, root)) throw e;
    return null;
  }
}

// The check's first screen shown by the page before the wasm (rendered at
// build time: scripts/build, src/bin/prerender.rs): boxes tick as plain
// checkboxes, "None of these" unticks the others (and says so, as the widget
// does), a tick unticks it, and a tap on Next, on "not sure what these mean"
// or on a language is kept on the screen (data-pending-*), for the widget to
// carry into the check when it mounts over it (src/ui/mount.rs); Next says
// "One moment…" meanwhile. Gives the function that stops all this (the
// loader calls it just before the widget mounts).
export function earlyScreen(screen, { onSlow } = {}) {
  const stop = new AbortController();
  const on = { signal: stop.signal };
  const es = screen.querySelector(".ic-app")?.lang === "es";
  // "One moment…": shown under Next, and read out by the screen's own live
  // region (already on the page, so a screen reader announces what goes in).
  const status = document.createElement("p");
  status.className = "ic-note";
  status.dataset.earlyStatus = "";
  const say = (text) => {
    const live = screen.querySelector(".ic-live:not([data-restart-live]):not([data-cleared-live])");
    if (live) live.textContent = text;
  };
  // A check that hangs (a stalled download, no error to catch): after
  // SLOW_MS, the line under Next says so and gives the emergency call, and
  // the page may show its own box of whom to call (`onSlow`). The check
  // still takes over if it comes.
  let slow = null;
  const tooSlow = () => {
    // (the emergency bar's own link: its number as the page shows it)
    const call = screen.querySelector("a.ic-call-emergency");
    const a = document.createElement("a");
    a.href = call?.href || "tel:911";
    a.textContent = call?.textContent || (es ? "Llame al 911" : "Call 911");
    status.replaceChildren(es ? "Esto tarda más de lo normal. Si se siente mal: " : "This is taking longer than usual. If you feel unwell: ", a);
    status.dataset.earlyStatus = "slow";
    say(status.textContent);
    onSlow?.();
  };
  const wait = () => {
    const text = es ? "Un momento…" : "One moment…";
    if (status.dataset.earlyStatus !== "slow") status.textContent = text;
    if (!status.isConnected) screen.querySelector(".ic-actions")?.after(status);
    say(status.textContent);
    slow ??= setTimeout(tooSlow, SLOW_MS);
  };
  screen.addEventListener("change", (e) => {
    const box = e.target;
    if (!box.checked || !box.closest?.(".ic-checklist fieldset")) return;
    const none = box.dataset.option === "none";
    let cleared = false;
    for (const other of screen.querySelectorAll(".ic-checklist fieldset input[type=checkbox]")) {
      if (other !== box && other.checked && (none || other.dataset.option === "none")) {
        other.checked = false;
        cleared ||= none;
      }
    }
    const live = screen.querySelector("[data-cleared-live]");
    if (live) live.textContent = cleared ? (es ? "Se quitaron sus otras marcas." : "Your other ticks were taken off.") : "";
  }, on);
  screen.addEventListener("click", (e) => {
    const b = e.target.closest?.("button");
    if (!b) return;
    if (b.dataset.lang) screen.dataset.pendingLang = b.dataset.lang;
    else if (b.dataset.option === "unsure") screen.dataset.pendingExplain = "";
    else if (b.dataset.action === "next") screen.dataset.pendingNext = "";
    else return;
    wait();
  }, on);
  return () => {
    stop.abort();
    clearTimeout(slow);
    status.remove();
  };
}

/** How long a tap on the first screen waits for the check before the page says it is slow. */
export const SLOW_MS = 8000;

// The first screen as the build rendered it (pkg/first-en.json, ...: a tree
// of [tag, [[name, value], ...], ...children] and strings), for the custom
// element, whose page has no HTML of ours: built with DOM calls, so a page
// that enforces Trusted Types allows it.
const FIRST = { en: "pkg/first-en.json", es: "pkg/first-es.json" };
export function firstScreen(base, lang) {
  if (!FIRST[lang]) return Promise.resolve(null);
  return fetch(new URL(FIRST[lang], base))
    .then((r) => (r.ok ? r.json() : null))
    .then((tree) => (tree ? build(tree) : null))
    .catch(() => null);
}
function build(node) {
  if (typeof node === "string") return document.createTextNode(node);
  const [tag, attrs, ...kids] = node;
  const el = document.createElement(tag);
  for (const [k, v] of attrs) el.setAttribute(k, v);
  for (const k of kids) el.append(build(k));
  return el;
}

// A phone number as the widget reads it (web/rules.js: config.rs's rule).
import { phone } from "./rules.js";
export { phone };

// A build-time first screen (rendered with 911) calling `raw`, or 911 when
// it is not a phone number (as the widget does).
export function callOn(screen, raw) {
  const n = phone(raw) || phone("911");
  for (const a of screen.querySelectorAll("a.ic-call-emergency")) {
    a.href = n.href;
    a.textContent = a.textContent.replace("911", n.text);
  }
}
