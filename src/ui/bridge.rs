//! Calls into the browser that give a promise (the clipboard, the share
//! sheet), typed, and the fail-safe test's hooks.

use super::*;
use crate::loader::settle;

#[wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText(text)`; throws where there is no
    /// clipboard (a page not served over HTTPS).
    #[wasm_bindgen(catch, js_namespace = ["navigator", "clipboard"], js_name = writeText)]
    fn clipboard_write_text(text: &str) -> Result<JsValue, JsValue>;
    /// `navigator.share(data)`; throws where there is no share sheet.
    #[wasm_bindgen(catch, js_namespace = navigator, js_name = share)]
    fn navigator_share(data: &JsValue) -> Result<JsValue, JsValue>;
}

/// Puts `text` on the clipboard; `done(true)` once the clipboard has taken
/// it, `done(false)` when it refused (a frame without
/// `allow="clipboard-write"`) or there is none.
pub fn copy_text(text: &str, done: Box<dyn FnOnce(bool)>) {
    settle(
        clipboard_write_text(text),
        Box::new(move |r| done(r.is_ok())),
    )
}

/// Whether the phone has a share sheet.
pub fn can_share() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"share".into()).ok())
        .is_some_and(|f| f.is_function())
}

/// Opens the phone's share sheet with `title` and `text`. (Closing it, or a
/// frame without `allow="web-share"`, rejects: nothing to say then.)
pub fn share(title: &str, text: &str) {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"text".into(), &text.into());
    settle(navigator_share(&data), Box::new(|_| {}))
}

// ---- The fail-safe test's hooks (web/packs.js `guard`, tests/e2e): in the
// test build only (the `test-hooks` feature, scripts/build), not in a release.

#[cfg(feature = "test-hooks")]
thread_local! {
    /// For the fail-safe test: the next render of the check panics.
    pub(crate) static PANIC_IN_RENDER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For the fail-safe test: the next render of the check panics, inside Yew's
/// scheduler, where a real bug would (after a tap, say).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn simulate_panic_in_render() {
    PANIC_IN_RENDER.with(|p| p.set(true));
}

/// For the fail-safe test: panics, so the fallback after a crash can be seen
/// (web/packs.js, guard).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn simulate_panic() {
    #[allow(clippy::panic)]
    {
        panic!("simulated panic (test)");
    }
}
