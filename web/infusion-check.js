// <infusion-check>: the custom element a clinic puts on its own page.
//
//   <script type="module" src="https://YOUR-WIDGET-HOST/infusion-check.js"></script>
//   <infusion-check clinic-name="..." clinic-phone="..." emergency-number="911">
//     ...your own fallback content: the emergency number and your phone...
//   </infusion-check>
//
// The widget renders in a shadow root, so the page's CSS cannot break it and its
// CSS never leaks out. Its wasm and stylesheet load from this script's own
// origin. Until the widget runs (or if it never does: JavaScript off, wasm
// blocked, an old browser, a failed download, a crash) the element's own
// content, written by the clinic, stays visible; as soon as this script and
// the stylesheet are there, the check's first screen takes its place (built
// from the build's pkg/first-*.json, with this element's emergency number),
// for the patient to read and tick before the wasm, which takes over from it.
import { preload, guard, crashedAlready, guessLang, firstScreen, callOn, earlyScreen } from "./packs.js";
import { KEYS } from "./rules.js";

const BASE = new URL("./", import.meta.url);

// The wasm and the language file of the first element, fetched side by side.
let ready;
function loadWasm(el) {
  if (!ready) {
    const packs = preload(BASE, el.getAttribute("lang"), el.getAttribute("therapy"), el.getAttribute("therapies"));
    ready = import(new URL("pkg/infusion_check.js", BASE).href).then(async (m) => {
      await m.default({ module_or_path: new URL("pkg/infusion_check_bg.wasm", BASE) });
      await packs(m);
      return m;
    });
  }
  return ready;
}

// Inherited text properties cross a shadow boundary: a page's italic, bold,
// uppercase, nowrap, word-spacing, text-indent or text-shadow would reach the
// widget. Everything is reset to its initial value where the widget mounts
// (its stylesheet then sets its own). A constructed stylesheet is CSSOM, so a
// strict style-src needs nothing more; a browser without it just skips this.
let reset;
function adoptReset(shadow) {
  try {
    if (!reset) {
      reset = new CSSStyleSheet();
      reset.replaceSync(":host { display: block; } .ic-host { all: initial; display: block; color-scheme: light dark; }");
    }
    shadow.adoptedStyleSheets = [reset];
  } catch (e) {
    // Old browser: the widget's own stylesheet still sets its main text styles.
  }
}

class InfusionCheckElement extends HTMLElement {
  static get observedAttributes() {
    return KEYS;
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    const shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
    adoptReset(shadow);
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("style/infusion-check.css", BASE).href;
    const styled = new Promise((resolve) => {
      style.onload = resolve;
      style.onerror = resolve;
    });
    const slot = document.createElement("slot"); // the clinic's fallback content
    const root = document.createElement("div");
    root.className = "ic-host";
    // (the check's root first: the clinic's content below it stays until the
    // check has started, and its going then moves nothing above it)
    shadow.replaceChildren(style, root, slot);
    this._slot = slot;
    this._root = root;
    this._failed = false;
    Promise.all([firstScreen(BASE, guessLang(this.getAttribute("lang"))), styled]).then(([screen]) => {
      if (!screen || this._module || this._failed || this._root !== root || !root.isConnected || root.firstChild || crashedAlready()) return;
      root.dataset.prerendered = "";
      root.append(screen);
      callOn(root, this.getAttribute("emergency-number"));
      this._stopEarly = earlyScreen(root);
    });
    Promise.all([loadWasm(this), styled])
      .then(([m]) => {
        this._module = m;
        this._render();
      })
      .catch((e) => {
        this._failed = true;
        this._unearly();
        console.error("infusion-check could not start; the fallback content stays visible.", e);
      });
  }

  // Several attributes set in one go (hours and timezone, say) mount the
  // check once, with them all: two mounts in one task could leave the first
  // one's check on the page beside the second.
  attributeChangedCallback(name, before, after) {
    if (!this._module || before === after || this._pending) return;
    this._pending = true;
    queueMicrotask(() => {
      this._pending = false;
      if (this._module && this._started) this._render();
    });
  }

  disconnectedCallback() {
    if (this._widget && !crashedAlready()) this._widget.destroy();
    this._widget = null;
    this._started = false;
  }

  // The clinic's own content again instead of a first screen shown before
  // the wasm (it cannot start).
  _unearly() {
    this._stopEarly?.();
    this._stopEarly = null;
    if (!("prerendered" in this._root.dataset)) return;
    delete this._root.dataset.prerendered;
    this._root.replaceChildren();
    if (!this._slot.isConnected) this._root.after(this._slot);
  }

  // After a crash no more wasm is run: the fallback stays (or, in an element
  // connected since, the clinic's own content), whatever the attributes say.
  _render() {
    if (crashedAlready()) return;
    try {
      if (this._widget) this._widget.destroy();
      this._widget = null;
      this._stopEarly?.();
      this._stopEarly = null;
      this._widget = guard(this._root, () => this._module.mount(this._root, this));
      if (this._widget || this.shadowRoot.querySelector("[data-fallback]")) this._slot.remove();
      else this._unearly();
      // (taken over: a later re-mount starts from the kept answers)
      delete this._root.dataset.prerendered;
    } catch (e) {
      delete this._root.dataset.prerendered;
      // (the clinic's own content again, if a re-render removed it)
      this._root.replaceChildren();
      if (!this._slot.isConnected) this._root.after(this._slot);
      console.error("infusion-check stopped; the fallback content stays visible.", e);
    }
  }
}

if (!customElements.get("infusion-check")) customElements.define("infusion-check", InfusionCheckElement);
