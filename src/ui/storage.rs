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

/// The checks the patient chose to keep on this phone (`crate::history`):
/// the browser's local storage, this one key only.
const HISTORY_KEY: &str = "infusion-check/history";

fn local_storage() -> Option<web_sys::Storage> {
    // (none when the first screen is rendered at build time)
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Now, in seconds since 1970 (0 when rendered at build time).
pub(crate) fn now_s() -> u32 {
    if cfg!(not(target_arch = "wasm32")) {
        return 0;
    }
    (js_sys::Date::now() / 1000.0) as u32
}

/// The phone's offset from UTC at `at` (seconds since 1970), in minutes east.
pub(crate) fn offset_at(at: u32) -> i32 {
    if cfg!(not(target_arch = "wasm32")) {
        return 0;
    }
    -(js_sys::Date::new(&JsValue::from_f64(f64::from(at) * 1000.0)).get_timezone_offset() as i32)
}

/// The checks kept on this phone, newest first. Damaged ones, or ones kept
/// by another version of the check, are deleted, with a line in the console.
pub(crate) fn load_history() -> Vec<crate::history::Check> {
    let Some(s) = local_storage() else {
        return Vec::new();
    };
    let Some(raw) = s.get_item(HISTORY_KEY).ok().flatten() else {
        return Vec::new();
    };
    match crate::history::decode(crate::PROTOCOL_KEY, &raw, now_s()) {
        Ok(list) => {
            // Checks past their 7 days leave the phone now (and with none
            // left, so does the key).
            if crate::history::encode(crate::PROTOCOL_KEY, &list) != raw {
                save_history(&list);
            }
            list
        }
        Err(why) => {
            web_sys::console::warn_1(
                &format!(
                    "infusion-check: the checks saved on this phone were deleted: {}.",
                    why.reason()
                )
                .into(),
            );
            let _ = s.remove_item(HISTORY_KEY);
            Vec::new()
        }
    }
}

/// Keeps `list` on this phone (none: the key is removed); `false` if the
/// phone refused (storage full, or turned off).
pub(crate) fn save_history(list: &[crate::history::Check]) -> bool {
    let Some(s) = local_storage() else {
        return false;
    };
    if list.is_empty() {
        s.remove_item(HISTORY_KEY).is_ok()
    } else {
        s.set_item(
            HISTORY_KEY,
            &crate::history::encode(crate::PROTOCOL_KEY, list),
        )
        .is_ok()
    }
}
