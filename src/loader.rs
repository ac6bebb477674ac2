//! The language files: the protocol and the widget's words in each language,
//! loaded by the page's loader (web/packs.js) beside the wasm, checked against
//! the files this build made, and kept for the page's life; and the reasons'
//! file each gets after the first screen. Below the UI (src/ui reads from
//! here, and so does `i18n::strings`; nothing here reads the UI).

use crate::i18n::Strings;
use crate::protocol::{Lang, Protocol};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The selection of packs the check runs (its language files' name, see
    /// `crate::files`): the configuration's, then the patient's pick.
    static CURRENT: Cell<&'static str> = const { Cell::new("magnesium") };
    /// The protocol and the widget's words of each selection and language
    /// loaded so far (kept for the page's life).
    static PACKS: RefCell<Vec<(&'static str, Lang, &'static Protocol, &'static Strings)>> = const { RefCell::new(Vec::new()) };
    /// The page's loader of a language file: `(selection, lang) =>
    /// Promise<Uint8Array>`, or of its reasons file: `(selection, lang, "reasons")`.
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The (selection, language) files whose reasons (rules' reasons, advice)
    /// are in their protocol: they come in a file of their own, after the
    /// first screen.
    static REASONS: RefCell<Vec<(&'static str, Lang)>> = const { RefCell::new(Vec::new()) };
    /// Each loaded language file's bytes, read again when its reasons come
    /// (a fresh protocol to put them in: cloning the loaded one would compile
    /// a copy of every protocol type, kilobytes of wasm).
    static PACK_BYTES: RefCell<Vec<(&'static str, Lang, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// The selection of packs the check runs now.
pub fn current() -> &'static str {
    CURRENT.with(Cell::get)
}

/// Runs the check with this selection from now on (its files loaded or not:
/// see [`request_pack`]).
pub fn select(selection: &'static str) {
    CURRENT.with(|c| c.set(selection))
}

/// A selection's name as this build spells it (`None`: no such file).
fn known(selection: &str) -> Option<&'static str> {
    crate::files::FILES
        .iter()
        .find(|(s, ..)| *s == selection)
        .map(|(s, ..)| *s)
}

/// Whether the reasons of `lang` are loaded (see [`add_reasons`]).
pub fn reasons_loaded(lang: Lang) -> bool {
    let sel = current();
    REASONS.with(|r| r.borrow().contains(&(sel, lang)))
}

/// Puts a language's reasons file (`magnesium-reasons-en.bin`) of the
/// current selection into its loaded protocol; `false` when it is not the
/// file built with this widget or the language file is not loaded yet.
#[wasm_bindgen]
pub fn add_reasons(lang: &str, bytes: &[u8]) -> bool {
    let Some(lang) = Lang::parse(lang) else {
        return false;
    };
    add_reasons_in(current(), lang, bytes)
}

fn add_reasons_in(sel: &'static str, lang: Lang, bytes: &[u8]) -> bool {
    if REASONS.with(|r| r.borrow().contains(&(sel, lang))) {
        return true;
    }
    if crate::files::built(sel, lang.code()).map(|(_, r)| r)
        != Some(crate::protocol::fingerprint(bytes).as_str())
    {
        web_sys::console::error_1(&"infusion-check: a reasons file was refused".into());
        return false;
    }
    let pack = PACK_BYTES.with(|b| {
        b.borrow()
            .iter()
            .find(|(s, l, _)| *s == sel && *l == lang)
            .and_then(|(.., bytes)| read_pack_in(sel, lang, bytes).ok())
    });
    let Some((mut p, _)) = pack else {
        return false;
    };
    if !p.put_reasons(lang, bytes) {
        return false;
    }
    let p: &'static Protocol = Box::leak(Box::new(p));
    PACKS.with(|packs| {
        for entry in packs
            .borrow_mut()
            .iter_mut()
            .filter(|(s, l, ..)| *s == sel && *l == lang)
        {
            entry.2 = p;
        }
    });
    REASONS.with(|r| r.borrow_mut().push((sel, lang)));
    // (not needed again)
    PACK_BYTES.with(|b| {
        b.borrow_mut()
            .retain(|(s, l, _)| !(*s == sel && *l == lang))
    });
    true
}

/// The page's loader called with `args` (a promise, or why not).
fn call_loader(args: &[&str]) -> Result<JsValue, JsValue> {
    let f = LOADER.with(|l| l.borrow().clone()).ok_or(JsValue::NULL)?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(&JsValue::from_str(a));
    }
    f.apply(&JsValue::NULL, &list)
}

/// Loads the reasons of `lang` (through the page's loader; the loader script
/// started fetching them with the language file) and calls `done` once they
/// are in (`true`) or could not be (`false`).
/// `started_only`: only wait for a fetch the loader has already started (on
/// the result, where a new request would tell the site a result was reached).
pub fn request_reasons(lang: Lang, started_only: bool, done: Box<dyn FnOnce(bool)>) {
    if reasons_loaded(lang) {
        return done(true);
    }
    let kind = if started_only {
        "reasons-started"
    } else {
        "reasons"
    };
    let sel = current();
    settle(
        call_loader(&[sel, lang.code(), kind]),
        Box::new(move |r| {
            done(r.is_ok_and(|v| add_reasons_in(sel, lang, &js_sys::Uint8Array::new(&v).to_vec())))
        }),
    )
}

/// The protocol in `lang` of the current selection, if its file has been loaded.
pub fn protocol_for(lang: Lang) -> Option<&'static Protocol> {
    protocol_in(current(), lang)
}

/// The protocol of `sel` in `lang`, if its file has been loaded.
pub fn protocol_in(sel: &str, lang: Lang) -> Option<&'static Protocol> {
    PACKS.with(|p| {
        p.borrow()
            .iter()
            .find(|(s, l, ..)| *s == sel && *l == lang)
            .map(|(_, _, p, _)| *p)
    })
}

/// The widget's words in `lang`, if a file in it has been loaded (every
/// selection's file has the same words). (Two lookups, not one returning
/// both: the shared one measured 76 B brotli more.)
pub fn words_for(lang: Lang) -> Option<&'static Strings> {
    PACKS.with(|p| {
        p.borrow()
            .iter()
            .find(|(_, l, ..)| *l == lang)
            .map(|(.., w)| *w)
    })
}

/// Reads a language file of the current selection (see [`read_pack_in`]).
pub fn read_pack(lang: Lang, bytes: &[u8]) -> Result<(Protocol, Strings), String> {
    read_pack_in(current(), lang, bytes)
}

/// Reads a language file (`magnesium-en.bin`) of `sel`: refused when it is
/// not the file this build made, does not read, or lacks the language's
/// text or words.
pub fn read_pack_in(sel: &str, lang: Lang, bytes: &[u8]) -> Result<(Protocol, Strings), String> {
    if crate::files::built(sel, lang.code()).map(|(f, _)| f)
        != Some(crate::protocol::fingerprint(bytes).as_str())
    {
        return Err("it is not the file built with this widget (an old copy?)".into());
    }
    // (after a matching fingerprint a decoding error cannot really happen)
    let (p, words) =
        Protocol::from_language_file(bytes).map_err(|_| "it could not be read".to_string())?;
    if p.status.get(lang).is_empty() || (lang != Lang::En && p.status.get(lang) == p.status.en) {
        return Err("it does not have this language's text".into());
    }
    let words = Strings::from_words(words).ok_or("it does not have the widget's words")?;
    Ok((p, words))
}

/// Reads a language file of the current selection and keeps it (see
/// [`add_pack_in`]).
pub fn add_pack_bytes(lang: Lang, bytes: &[u8]) -> bool {
    add_pack_to(current(), lang, bytes)
}

fn add_pack_to(sel: &'static str, lang: Lang, bytes: &[u8]) -> bool {
    if protocol_in(sel, lang).is_some() {
        return true;
    }
    match read_pack_in(sel, lang, bytes) {
        Ok((p, words)) => {
            let p: &'static Protocol = Box::leak(Box::new(p));
            let words: &'static Strings = Box::leak(Box::new(words));
            PACKS.with(|packs| packs.borrow_mut().push((sel, lang, p, words)));
            PACK_BYTES.with(|b| b.borrow_mut().push((sel, lang, bytes.to_vec())));
            true
        }
        Err(e) => {
            web_sys::console::error_1(
                &format!(
                    "infusion-check: the {} language file of {sel} was refused: {e}",
                    lang.code()
                )
                .into(),
            );
            false
        }
    }
}

/// Gives the widget a language file of the current selection the page has
/// loaded (`lang`: `en`, `es`).
#[wasm_bindgen]
pub fn add_pack(lang: &str, bytes: &[u8]) -> bool {
    Lang::parse(lang).is_some_and(|l| add_pack_bytes(l, bytes))
}

/// Gives the widget a language file the page has loaded: of the selection
/// `sel` (`magnesium`, `iron_vitamin-c`, `core`) in `lang` (`en`, `es`).
#[wasm_bindgen]
pub fn add_pack_in(sel: &str, lang: &str, bytes: &[u8]) -> bool {
    match (known(sel), Lang::parse(lang)) {
        (Some(sel), Some(l)) => add_pack_to(sel, l, bytes),
        _ => false,
    }
}

/// Sets how the widget loads another language file:
/// `(selection, lang, kind) => Promise<Uint8Array>` (the page's loader script
/// provides it).
#[wasm_bindgen]
pub fn set_pack_loader(loader: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// Has the page's loader fetch a selection's language file and its reasons
/// soon (kinds "soon" and "soon-reasons": once the screen shown now has
/// painted), without reading them (it keeps them: a later
/// [`request_pack_in`] makes no request).
pub fn prefetch(sel: &'static str, lang: Lang) {
    for kind in ["soon", "soon-reasons"] {
        settle(call_loader(&[sel, lang.code(), kind]), Box::new(|_| {}));
    }
}

/// Loads the language file of `lang` in the current selection (through the
/// page's loader) and calls `done(true)` once it is there, `done(false)` if
/// it cannot be had.
pub fn request_pack(lang: Lang, done: impl FnOnce(bool) + 'static) {
    request_pack_boxed(current(), lang, Box::new(done))
}

/// Loads the language file of `lang` in the selection `sel` (see [`request_pack`]).
pub fn request_pack_in(sel: &'static str, lang: Lang, done: impl FnOnce(bool) + 'static) {
    request_pack_boxed(sel, lang, Box::new(done))
}

// (one body for every caller: not one copy of the closures below per caller)
fn request_pack_boxed(sel: &'static str, lang: Lang, done: Box<dyn FnOnce(bool)>) {
    if protocol_in(sel, lang).is_some() {
        return done(true);
    }
    settle(
        call_loader(&[sel, lang.code()]),
        Box::new(move |r| match r {
            Ok(v) => done(add_pack_to(
                sel,
                lang,
                &js_sys::Uint8Array::new(&v).to_vec(),
            )),
            Err(e) => {
                web_sys::console::warn_2(
                    &"infusion-check: a language file could not load:".into(),
                    &e,
                );
                done(false)
            }
        }),
    )
}

/// `prefer` if its file is loaded, else any loaded language.
pub(crate) fn loaded_first(prefer: Lang) -> Option<(Lang, &'static Protocol)> {
    std::iter::once(prefer)
        .chain(Lang::ALL)
        .find_map(|l| protocol_for(l).map(|p| (l, p)))
}

/// Calls `done` once `promise` (what a call into the page gave, or what it
/// threw) settles: `Ok` with its value, `Err` with why it was refused (also
/// when it is no promise). The refusal is handled here: a rejected promise
/// left unhandled would reach the page's crash guard (web/packs.js), which
/// cannot tell it from a crash of the widget's (its error names the wasm).
/// A browser saying no (a clipboard write in a frame without
/// `allow="clipboard-write"`, a share sheet closed) is not a crash.
pub fn settle(promise: Result<JsValue, JsValue>, done: Box<dyn FnOnce(Result<JsValue, JsValue>)>) {
    let then = promise.as_ref().ok().and_then(|p| {
        js_sys::Reflect::get(p, &"then".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    });
    let (Ok(promise), Some(then)) = (&promise, then) else {
        return done(Err(promise.err().unwrap_or(JsValue::NULL)));
    };
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |r| {
        if let Some(done) = done.borrow_mut().take() {
            done(r)
        }
    };
    let finish2 = finish.clone();
    let on_ok = Closure::once_into_js(move |v: JsValue| finish(Ok(v)));
    let on_err = Closure::once_into_js(move |e: JsValue| finish2(Err(e)));
    let _ = then.call2(promise, &on_ok, &on_err);
}
