//! This tab's session storage: the answers kept across a reload (and gone
//! when the tab closes), and the language hint for the page's loader.

use super::*;

/// The language last wanted in this tab, as plain text for the page's loader
/// (web/packs.js) to fetch that language file beside the wasm.
pub(crate) const LANG_HINT_KEY: &str = "infusion-check/lang-hint";

pub(crate) fn storage_key() -> String {
    format!("infusion-check/{}", crate::PROTOCOL_KEY)
}

pub(crate) fn session_storage() -> Option<web_sys::Storage> {
    // (none when the first screen is rendered at build time)
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The stored text of the wizard (see `crate::session`).
pub(crate) fn encode(w: &Wizard) -> String {
    crate::session::encode(&w.answers, &w.history, w.lang, &w.one_by_one)
}

pub(crate) fn restore(p: &Protocol, lang: Lang, setting_changed: bool, preset: &Answers) -> Wizard {
    let fresh = Wizard::new(lang, preset.clone());
    let Some(raw) = session_storage().and_then(|s| s.get_item(&storage_key()).ok().flatten())
    else {
        return fresh;
    };
    match crate::session::decode(&raw).and_then(|w| w.sanitized(p)) {
        Some(saved) => {
            let mut w = Wizard::new(saved.lang, preset.clone());
            w.answers = saved.answers;
            w.history = saved.history;
            w.one_by_one = saved.one_by_one;
            // The patient's own language choice stays across re-mounts, unless
            // the page changed its language setting (its own language switch).
            if setting_changed {
                w.lang = lang;
            }
            w
        }
        None => {
            web_sys::console::warn_1(
                &"infusion-check: the saved answers could not be read; starting a new check."
                    .into(),
            );
            if let Some(s) = session_storage() {
                let _ = s.remove_item(&storage_key());
            }
            fresh
        }
    }
}
