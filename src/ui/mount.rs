//! Mounting the widget on a page: its configuration read from the host
//! element's attributes or the page's fragment, the clinic's colour, the
//! language, and the hand-over from a first screen the page already shows
//! (rendered at build time, `src/bin/prerender.rs`): what the patient ticked
//! or tapped there before the wasm arrived is carried into the check.

use super::*;
use crate::config::{zone_message, LangChoice, Opening};
use std::cell::RefCell;

/// Records the page's language setting (`lang` attribute or fragment key:
/// "en", "es" or "auto") and says whether it changed since the last mount.
fn lang_setting_changed(choice: LangChoice) -> bool {
    let key = format!("{}/lang-setting", storage_key());
    let now = match choice {
        LangChoice::Auto => "auto",
        LangChoice::Fixed(l) => l.code(),
    };
    let Some(s) = session_storage() else {
        return false;
    };
    let before = s.get_item(&key).ok().flatten();
    let _ = s.set_item(&key, now);
    before.as_deref() != Some(now)
}

/// The language kept in this tab (the patient's own choice), if any.
fn stored_lang() -> Option<Lang> {
    let raw = session_storage()?.get_item(&storage_key()).ok().flatten()?;
    crate::session::decode(&raw).map(|w| w.lang)
}

/// What the patient picked on the therapy screen in this tab, if anything.
fn stored_pick(offered: &[String]) -> Option<Vec<String>> {
    let raw = session_storage()?.get_item(&storage_key()).ok().flatten()?;
    let saved = crate::session::decode(&raw)?;
    super::therapy::picked(&saved.history, &saved.answers, offered)
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn phone_lang() -> Lang {
    web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| n.language())
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::En)
}

/// A mounted widget; `destroy()` removes it (the custom element re-mounts
/// when an attribute changes; the answers stay in session storage).
#[wasm_bindgen]
pub struct Widget {
    slot: Rc<RefCell<Slot>>,
}

/// The rendered check, once a language file is there; `gone` once destroyed
/// (a file that arrives later then mounts nothing).
#[derive(Default)]
struct Slot {
    handle: Option<yew::AppHandle<App>>,
    gone: bool,
}

#[wasm_bindgen]
impl Widget {
    /// Removes the widget from the page.
    pub fn destroy(&mut self) {
        let mut slot = self.slot.borrow_mut();
        slot.gone = true;
        if let Some(h) = slot.handle.take() {
            h.destroy();
        }
    }
}

/// Empties `root`. (No HTML string, not even an empty one: a host page that
/// enforces Trusted Types refuses it; and only the DOM calls Yew makes anyway.)
fn clear(root: &web_sys::Element) {
    while let Some(child) = root.last_child() {
        let _ = root.remove_child(&child);
    }
}

/// Mounts the widget into `root`, configured by `pairs` (attributes or
/// fragment, already split).
pub fn mount_with(root: web_sys::Element, pairs: Vec<(String, String)>) -> Widget {
    let (mut config, mut issues) = Config::parse(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        now_ms(),
    );
    // A zone of the right form the browser does not know: the safe default.
    if let Opening::Hours(_, zone) = &config.opening {
        if super::clock::clinic_now(zone).is_none() {
            issues.push(ConfigIssue {
                key: "timezone".into(),
                message: zone_message(zone),
            });
            config.opening = Opening::Unknown;
        }
    }
    for i in &issues {
        web_sys::console::warn_1(&format!("infusion-check setup: {i}").into());
    }
    // For the page's loader: what to show after a crash (web/packs.js, guard),
    // kept in JS, built now, so that no wasm needs to run then. (A panic in
    // the browser always ends in an abort, a trap; the release wasm aborts at
    // once.) The same element shows until a language file is there (below):
    // after a crash the loader moves it into a fresh root.
    let fallback = fallback_node(&config);
    let _ = js_sys::Reflect::set(
        &root,
        &"__infusionCheckFallback".into(),
        &fallback.clone().into(),
    );
    let setting = match config.lang {
        LangChoice::Fixed(l) => l,
        LangChoice::Auto => phone_lang(),
    };
    // The patient's own choice in this tab wins, unless the page changed its
    // language setting since (its own language switch).
    let lang_setting_changed = lang_setting_changed(config.lang);
    // What the patient did on the page's first screen before the wasm came
    // (a language tapped there wins).
    let handover = read_handover(&root);
    let tapped = handover.as_ref().and_then(|h| h.lang);
    let lang = tapped
        .or_else(|| {
            if lang_setting_changed {
                None
            } else {
                stored_lang()
            }
        })
        .unwrap_or(setting);
    // The packs the check runs with: the clinic's preset, or (when the
    // patient picks) the pick kept in this tab, else the shared core alone
    // until they pick (its first screen is every drip's).
    let therapy = &config.therapy;
    let picked = (therapy.offered.len() >= 2)
        .then(|| stored_pick(&therapy.offered))
        .flatten();
    crate::loader::select(
        picked
            .and_then(|l| super::therapy::selection_for(&l, &therapy.offered))
            .unwrap_or_else(|| crate::files::start(therapy)),
    );
    let mut preset = Answers::new();
    if let Some(code) = config.time_since_end(now_ms()) {
        preset.set_one(crate::roles::TIME_SINCE_END, code);
    }
    clear(&root);
    // The clinic's colour and its header's height, through CSSOM (a style
    // attribute would need 'unsafe-inline' in the host page's
    // content-security policy); `initial` (or 0px) keeps out any variable of
    // that name from the host page.
    if let Some(el) = root.dyn_ref::<web_sys::HtmlElement>() {
        let style = el.style();
        let (accent, ink, dark, dark_ink) = match (&config.accent, &config.accent_dark) {
            (Some(a), Some(d)) => (a.as_str(), "#ffffff", d.as_str(), "#0b1a26"),
            _ => ("initial", "initial", "initial", "initial"),
        };
        // The clinic page's own sticky header: the emergency bar sticks below it.
        let offset = format!("{}px", config.sticky_offset);
        for (name, value) in [
            ("--ic-clinic-accent", accent),
            ("--ic-clinic-accent-ink", ink),
            ("--ic-clinic-accent-dark", dark),
            ("--ic-clinic-accent-dark-ink", dark_ink),
            ("--ic-sticky-offset", offset.as_str()),
        ] {
            let _ = style.set_property(name, value);
        }
    }
    let props = AppProps {
        config: Rc::new(config),
        issues: Rc::new(issues),
        lang,
        lang_setting_changed,
        preset,
        handover: handover.map(Rc::new),
    };
    let slot = Rc::new(RefCell::new(Slot::default()));
    let start = {
        let (slot, root) = (slot.clone(), root.clone());
        move || {
            let mut s = slot.borrow_mut();
            if !s.gone {
                clear(&root);
                s.handle = Some(yew::Renderer::<App>::with_root_and_props(root, props).render());
            }
        }
    };
    if loaded_first(lang).is_some() {
        start();
    } else {
        // The page's loader has normally fetched the file beside the wasm.
        // Until one is there, and if none can be had: whom to call. The page's
        // language is asked for first, then the other.
        if let Some(f) = &fallback {
            let _ = root.insert_before(f, None);
        }
        request_pack(lang, move |ok| {
            match Lang::ALL.into_iter().find(|l| *l != lang) {
                Some(other) if !ok => request_pack(other, move |ok| {
                    if ok {
                        start()
                    }
                }),
                _ if ok => start(),
                _ => {}
            }
        });
    }
    Widget { slot }
}

/// What the patient did on a first screen the page already shows in `root`
/// (rendered at build time; the page's script marks the taps that need the
/// wasm: `data-pending-next`, `data-pending-explain`), and where focus was,
/// when it stays on that screen.
fn read_handover(root: &web_sys::Element) -> Option<Handover> {
    if !root.has_attribute("data-prerendered") {
        return None;
    }
    let mut h = Handover {
        explain: root.has_attribute("data-pending-explain"),
        next: root.has_attribute("data-pending-next"),
        lang: root
            .get_attribute("data-pending-lang")
            .and_then(|l| Lang::parse(&l)),
        ..Handover::default()
    };
    // (read once: a later mount into this root starts from the kept answers)
    for a in [
        "data-pending-explain",
        "data-pending-next",
        "data-pending-lang",
    ] {
        let _ = root.remove_attribute(a);
    }
    if let Ok(list) = root.query_selector_all("input[data-option]:checked") {
        for i in 0..list.length() {
            if let Some(code) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.get_attribute("data-option"))
            {
                h.ticked.push(code);
            }
        }
    }
    // Where focus is: the document's, or the shadow root's (the custom element).
    let active = js_sys::Reflect::get(&root.get_root_node(), &"activeElement".into())
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::Element>().ok());
    h.focus = active
        .filter(|a| root.contains(Some(a)) && !h.next && !h.explain)
        .and_then(|a| {
            ["data-option", "data-lang", "data-action"]
                .iter()
                .find_map(|k| a.get_attribute(k).map(|v| format!("[{k}=\"{v}\"]")))
        });
    Some(h)
}

/// Mounts the widget into `root`, configured by the attributes of `host`
/// (the `<infusion-check>` element; `root` may be inside its shadow root).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, host: web_sys::Element) -> Widget {
    let pairs = crate::config::KEYS
        .iter()
        .filter_map(|k| host.get_attribute(k).map(|v| (k.to_string(), v)))
        .collect();
    mount_with(root, pairs)
}

/// Mounts the widget into `root`, configured by the page's URL fragment
/// (the iframe page and the patient link: a fragment never reaches a server).
#[wasm_bindgen]
pub fn mount_from_fragment(root: web_sys::Element) -> Widget {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let pairs = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                crate::config::percent_decode(k),
                crate::config::percent_decode(v),
            )
        })
        .collect();
    mount_with(root, pairs)
}
