//! The browser shell: Yew components over the engine. The UI shows what
//! `next_step` asks and what `triage` decides; it adds no clinical logic.

mod clock;
#[cfg(target_arch = "wasm32")]
mod mount;
mod readback;
mod result;
mod screens;
mod state;

#[cfg(target_arch = "wasm32")]
pub use mount::{mount, mount_from_fragment, mount_with, Widget};
pub use state::{Action, Handover, Wizard};

use crate::config::{Config, ConfigIssue};
use crate::i18n::{strings, Strings};
use crate::protocol::{progress, Answers, Lang, Protocol, Step};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

thread_local! {
    /// The protocol and the widget's words in each language loaded so far (at
    /// most one per language, kept for the page's life).
    static PACKS: RefCell<Vec<(Lang, &'static Protocol, &'static Strings)>> = const { RefCell::new(Vec::new()) };
    /// The page's loader of a language file: `(lang) => Promise<Uint8Array>`,
    /// or of its reasons file: `(lang, "reasons")`.
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// The languages whose reasons (rules' reasons, advice) are in their
    /// protocol: they come in a file of their own, after the first screen.
    static REASONS: RefCell<Vec<Lang>> = const { RefCell::new(Vec::new()) };
    /// Each loaded language file's bytes, read again when its reasons come
    /// (a fresh protocol to put them in: cloning the loaded one would compile
    /// a copy of every protocol type, kilobytes of wasm).
    static PACK_BYTES: RefCell<Vec<(Lang, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// Whether the reasons of `lang` are loaded (see [`add_reasons`]).
pub fn reasons_loaded(lang: Lang) -> bool {
    REASONS.with(|r| r.borrow().contains(&lang))
}

/// Puts a language's reasons file (`magnesium-reasons-en.bin`) into its
/// loaded protocol; `false` when it is not the file built with this widget or
/// the language file is not loaded yet.
#[wasm_bindgen]
pub fn add_reasons(lang: &str, bytes: &[u8]) -> bool {
    let Some(lang) = Lang::parse(lang) else {
        return false;
    };
    if reasons_loaded(lang) {
        return true;
    }
    let built = match lang {
        Lang::En => env!("INFUSION_CHECK_REASONS_EN"),
        Lang::Es => env!("INFUSION_CHECK_REASONS_ES"),
    };
    if crate::protocol::fingerprint(bytes) != built {
        web_sys::console::error_1(&"infusion-check: a reasons file was refused".into());
        return false;
    }
    let pack = PACK_BYTES.with(|b| {
        b.borrow()
            .iter()
            .find(|(l, _)| *l == lang)
            .and_then(|(_, bytes)| read_pack(lang, bytes).ok())
    });
    let Some((mut p, _)) = pack else {
        return false;
    };
    if !p.put_reasons(lang, bytes) {
        return false;
    }
    let p: &'static Protocol = Box::leak(Box::new(p));
    PACKS.with(|packs| {
        for entry in packs.borrow_mut().iter_mut().filter(|(l, ..)| *l == lang) {
            entry.1 = p;
        }
    });
    REASONS.with(|r| r.borrow_mut().push(lang));
    // (not needed again)
    PACK_BYTES.with(|b| b.borrow_mut().retain(|(l, _)| *l != lang));
    true
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
    let promise = LOADER
        .with(|l| l.borrow().clone())
        .ok_or(JsValue::NULL)
        .and_then(|f| f.call2(&JsValue::NULL, &lang.code().into(), &kind.into()));
    settle(
        promise,
        Box::new(move |r| {
            done(r.is_ok_and(|v| add_reasons(lang.code(), &js_sys::Uint8Array::new(&v).to_vec())))
        }),
    )
}

/// The protocol in `lang`, if its file has been loaded.
pub fn protocol_for(lang: Lang) -> Option<&'static Protocol> {
    PACKS.with(|p| {
        p.borrow()
            .iter()
            .find(|(l, ..)| *l == lang)
            .map(|(_, p, _)| *p)
    })
}

/// The widget's words in `lang`, if its file has been loaded. (Two lookups,
/// not one returning both: the shared one measured 76 B brotli more.)
pub fn words_for(lang: Lang) -> Option<&'static Strings> {
    PACKS.with(|p| {
        p.borrow()
            .iter()
            .find(|(l, ..)| *l == lang)
            .map(|(.., w)| *w)
    })
}

/// Reads a language file (`magnesium-en.bin`): refused when it does not read,
/// is for another protocol version, or lacks the language's text or words.
pub fn read_pack(lang: Lang, bytes: &[u8]) -> Result<(Protocol, Strings), String> {
    let built = match lang {
        Lang::En => env!("INFUSION_CHECK_PACK_EN"),
        Lang::Es => env!("INFUSION_CHECK_PACK_ES"),
    };
    if crate::protocol::fingerprint(bytes) != built {
        return Err("it is not the file built with this widget (an old copy?)".into());
    }
    // (after a matching fingerprint a decoding error cannot really happen)
    let (p, words) =
        Protocol::from_language_file(bytes).map_err(|_| "it could not be read".to_string())?;
    if p.key() != crate::PROTOCOL_KEY {
        return Err(format!(
            "it is for {}, not {}",
            p.key(),
            crate::PROTOCOL_KEY
        ));
    }
    if p.status.get(lang).is_empty() || (lang != Lang::En && p.status.get(lang) == p.status.en) {
        return Err("it does not have this language's text".into());
    }
    let words = Strings::from_words(words).ok_or("it does not have the widget's words")?;
    Ok((p, words))
}

/// Reads a language file and keeps it (see [`read_pack`]); a refused file is
/// named in the console (the widget then shows the other language, or the
/// fallback).
pub fn add_pack_bytes(lang: Lang, bytes: &[u8]) -> bool {
    if protocol_for(lang).is_some() {
        return true;
    }
    match read_pack(lang, bytes) {
        Ok((p, words)) => {
            let p: &'static Protocol = Box::leak(Box::new(p));
            let words: &'static Strings = Box::leak(Box::new(words));
            PACKS.with(|packs| packs.borrow_mut().push((lang, p, words)));
            PACK_BYTES.with(|b| b.borrow_mut().push((lang, bytes.to_vec())));
            true
        }
        Err(e) => {
            web_sys::console::error_1(
                &format!(
                    "infusion-check: the {} language file was refused: {e}",
                    lang.code()
                )
                .into(),
            );
            false
        }
    }
}

/// Gives the widget a language file the page has loaded (`lang`: `en`, `es`).
#[wasm_bindgen]
pub fn add_pack(lang: &str, bytes: &[u8]) -> bool {
    Lang::parse(lang).is_some_and(|l| add_pack_bytes(l, bytes))
}

/// Sets how the widget loads another language file:
/// `(lang) => Promise<Uint8Array>` (the page's loader script provides it).
#[wasm_bindgen]
pub fn set_pack_loader(loader: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// Loads the language file of `lang` (through the page's loader) and calls
/// `done(true)` once it is there, `done(false)` if it cannot be had.
pub fn request_pack(lang: Lang, done: impl FnOnce(bool) + 'static) {
    request_pack_boxed(lang, Box::new(done))
}

// (one body for every caller: not one copy of the closures below per caller)
fn request_pack_boxed(lang: Lang, done: Box<dyn FnOnce(bool)>) {
    if protocol_for(lang).is_some() {
        return done(true);
    }
    let promise = LOADER
        .with(|l| l.borrow().clone())
        .ok_or(JsValue::NULL)
        .and_then(|f| f.call1(&JsValue::NULL, &lang.code().into()));
    settle(
        promise,
        Box::new(move |r| match r {
            Ok(v) => done(add_pack_bytes(lang, &js_sys::Uint8Array::new(&v).to_vec())),
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

/// Props of the widget.
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The checked configuration.
    pub config: Rc<Config>,
    /// What was wrong with it (shown to the webmaster).
    pub issues: Rc<Vec<ConfigIssue>>,
    /// The language to start in (the page's setting, or the patient's own
    /// choice kept in this tab).
    pub lang: Lang,
    /// The page's language setting changed since the last mount (its own
    /// language switch): it then wins over the patient's kept choice.
    #[prop_or_default]
    pub lang_setting_changed: bool,
    /// Answers the configuration gives (the drip's end time).
    pub preset: Answers,
    /// What the patient did on the page's build-time first screen before
    /// the wasm arrived (a new check from it, over any kept in this tab).
    #[prop_or_default]
    pub handover: Option<Rc<Handover>>,
}

/// The language last wanted in this tab, as plain text for the page's loader
/// (web/packs.js) to fetch that language file beside the wasm.
const LANG_HINT_KEY: &str = "infusion-check/lang-hint";

fn storage_key() -> String {
    format!("infusion-check/{}", crate::PROTOCOL_KEY)
}

fn session_storage() -> Option<web_sys::Storage> {
    // (none when the first screen is rendered at build time)
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// The stored text of the wizard (see `crate::session`).
fn encode(w: &Wizard) -> String {
    crate::session::encode(&w.answers, &w.history, w.lang, &w.one_by_one)
}

fn restore(p: &Protocol, lang: Lang, setting_changed: bool, preset: &Answers) -> Wizard {
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

/// `prefer` if its file is loaded, else any loaded language.
fn loaded_first(prefer: Lang) -> Option<(Lang, &'static Protocol)> {
    std::iter::once(prefer)
        .chain(Lang::ALL)
        .find_map(|l| protocol_for(l).map(|p| (l, p)))
}

/// The widget: the check. [`mount_with`] renders it only once a language
/// file is loaded (until then, and if none can be had, the root shows the
/// fallback: the emergency number and the clinic), and files are never
/// unloaded: the early return below is never taken, so the hooks run in the
/// same order on every render. (No wrapper component waits for the file: one
/// component type less in the wasm.)
#[component]
pub fn App(props: &AppProps) -> Html {
    if PANIC_IN_RENDER.with(|p| p.replace(false)) {
        #[allow(clippy::panic)]
        {
            panic!("simulated panic in a render (test)");
        }
    }
    let lang0 = props.lang;
    let preset = props.preset.clone();
    let setting_changed = props.lang_setting_changed;
    // `state.lang` is the language the patient (or the page) wants; it is
    // shown once its file is there.
    let handover = props.handover.clone();
    let state = use_reducer(|| match (loaded_first(lang0), handover) {
        // What the patient did on the screen they saw wins over a check kept
        // in this tab: it is what they answered last.
        (Some((_, p)), Some(h)) if h.any() => h.apply(p, lang0, preset.clone()),
        (Some((_, p)), _) => restore(p, lang0, setting_changed, &preset),
        (None, _) => Wizard::new(lang0, preset.clone()),
    });
    let Some((lang, p)) = loaded_first(state.lang) else {
        return fallback(&props.config);
    };
    // The last language asked for: a file that arrives after the patient has
    // picked another language is not applied.
    let wanted = use_mut_ref(|| state.lang);
    // Shows `want` once its file is there (at once if it is); says so if it
    // cannot load, and the check goes on in the language shown.
    let switch_to = {
        let (state, wanted) = (state.clone(), wanted.clone());
        move |want: Lang| {
            let (state, wanted) = (state.clone(), wanted.clone());
            *wanted.borrow_mut() = want;
            state.dispatch(Action::LangFailed(false));
            request_pack(want, move |ok| {
                if *wanted.borrow() != want {
                    return;
                }
                state.dispatch(if ok {
                    Action::SetLanguage(want)
                } else {
                    Action::LangFailed(true)
                });
            });
        }
    };
    {
        // A language kept from earlier in this tab whose file is not here yet.
        let switch_to = switch_to.clone();
        use_effect_with(state.lang, move |want| {
            if protocol_for(*want).is_none() {
                switch_to(*want);
            }
        });
    }
    let heading = use_node_ref();
    let confirmed = state.confirmed(p);
    let step = crate::protocol::next_step(p, &confirmed);
    let screen_key = match &step {
        Step::Ask(q) => q.id.clone(),
        Step::Done(_) => "result".to_string(),
    };
    {
        // The reasons' file of the language shown: fetched while the first
        // screen is read, and asked again on each new question while it is
        // missing (the loader forgets a failure), never anew on the result: a
        // request then would tell the site that a result was reached. The
        // result waits for a fetch already under way (a Next tapped on the
        // page's first screen before the wasm lands on the result at once). A
        // result shown without it says so (and shows it once it is in).
        let state = state.clone();
        let asking = matches!(step, Step::Ask(_));
        use_effect_with((lang, screen_key.clone()), move |(lang, _)| {
            if !reasons_loaded(*lang) {
                request_reasons(
                    *lang,
                    !asking,
                    Box::new(move |_| state.dispatch(Action::Reasons)),
                );
            }
        });
    }

    // Persist (session storage: this tab only, gone when it closes).
    {
        let state = state.clone();
        use_effect_with(
            (
                state.answers.clone(),
                state.history.clone(),
                state.lang,
                state.one_by_one.clone(),
            ),
            move |_| {
                if let Some(s) = session_storage() {
                    let _ = s.set_item(&storage_key(), &encode(&state));
                    // For the page's loader: which language file to fetch first next time.
                    let _ = s.set_item(LANG_HINT_KEY, state.lang.code());
                }
            },
        );
    }
    // Focus moves to the new screen's heading after each action.
    {
        let heading = heading.clone();
        let moved = state.moves > 0;
        use_effect_with((screen_key.clone(), state.moves), move |_| {
            if moved {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    focus_heading(&h);
                }
            }
        });
    }

    // Focus stays where the patient had it on the page's first screen.
    {
        let heading = heading.clone();
        let focus = props.handover.as_ref().and_then(|h| h.focus.clone());
        use_effect_with((), move |_| {
            let el = focus.and_then(|sel| {
                heading
                    .cast::<web_sys::Element>()?
                    .closest(".ic-app")
                    .ok()??
                    .query_selector(&sel)
                    .ok()??
                    .dyn_into::<web_sys::HtmlElement>()
                    .ok()
            });
            if let Some(el) = el {
                let _ = el.focus();
            }
        });
    }

    // Next with nothing picked: focus goes to the error summary at the top
    // (GOV.UK's pattern), which scrolls it into view.
    {
        let heading = heading.clone();
        use_effect_with((state.notice, state.notices), move |(notice, _)| {
            if notice.is_some() {
                let summary = heading
                    .cast::<web_sys::Element>()
                    .and_then(|h| h.closest(".ic-screen").ok().flatten())
                    .and_then(|s| s.query_selector(".ic-error-summary").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(summary) = summary {
                    let _ = summary.focus();
                }
            }
        });
    }

    let t = strings(lang);
    let they = state.for_someone_else();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let on_back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Back))
    };
    // (the persist effect writes the cleared state over the stored one)
    let on_restart = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::AskRestart))
    };
    let set_lang = |l: Lang| {
        let switch_to = switch_to.clone();
        Callback::from(move |_: MouseEvent| switch_to(l))
    };
    let first_screen = state.history.is_empty();
    // (screens done, the most that can be left): a total that never grows.
    let (done, left) = progress(p, &confirmed);
    let total = done + left;
    let announce = match &step {
        Step::Ask(q) => t
            .announce_question
            .replace("{q}", q.wording(they).get(lang)),
        Step::Done(o) => t
            .announce_result
            .replace("{r}", crate::summary::level_label(o.level, t)),
    };
    let cfg = props.config.clone();
    let body = match step {
        Step::Ask(q) => html! {
            <>
                // No count on the first screen (every path is still open),
                // nor while the most left is long: a worried patient reads
                // "1 of 60" as a long check. The count only goes down.
                if !first_screen {
                    <div class="ic-progress">
                        <p>{ t.progress.replace("{n}", &(done + 1).to_string()) }
                            if left <= PROGRESS_COUNT_FROM {
                                { " · " }{ if left <= 1 { t.progress_last.to_string() } else { t.progress_more.replace("{m}", &(left - 1).to_string()) } }
                            }
                        </p>
                        if left <= PROGRESS_COUNT_FROM {
                            <progress max={total.to_string()} value={done.to_string()} aria-hidden="true"></progress>
                        }
                    </div>
                }
                // Keyed by the screen and the move count: each screen starts
                // fresh in the DOM (focus, scroll); its ticks live in the reducer.
                { screens::screen(format!("{}-{}", q.id, state.moves), screens::ScreenProps {
                    qid: q.id.clone(), answers: state.answers.clone(), lang, they,
                    per_item: state.one_by_one.contains(&q.id), notice: state.notice, first: first_screen,
                    heading: heading.clone(), dispatch,
                }) }
            </>
        },
        Step::Done(outcome) => result::result_view(result::ResultProps {
            outcome,
            answers: confirmed.clone(),
            lang,
            heading: heading.clone(),
            config: cfg.clone(),
            copied: state.copied,
            dispatch,
        }),
    };
    html! {
        <div class="ic-app" lang={lang.code()}>
            { emergency_bar(t, &cfg, false) }
            <header class="ic-header">
                <h1>{ t.app_title }</h1>
                <div class="ic-lang" role="group" aria-label={t.language}>
                    <button type="button" lang="en" aria-pressed={(lang == Lang::En).to_string()} onclick={set_lang(Lang::En)} data-lang="en">{ "English" }</button>
                    <button type="button" lang="es" aria-pressed={(lang == Lang::Es).to_string()} onclick={set_lang(Lang::Es)} data-lang="es">{ "Español" }</button>
                </div>
            </header>
            if state.lang_failed {
                <p class="ic-notice" role="status" data-lang-failed="">{ t.lang_unavailable }</p>
            }
            <main class="ic-main">
                // Back at the top of each screen after the first, as GOV.UK
                // and the NHS place it; on the first, the intro (in the main
                // landmark: axe's `region`).
                if first_screen {
                    <p class="ic-intro">{ t.app_intro }</p>
                }
                if !first_screen {
                    <button type="button" class="ic-back" onclick={on_back} data-action="back">{ t.back }</button>
                }
                { body }
            </main>
            <p class="ic-live ic-sr" aria-live="polite">{ if state.moves > 0 { announce } else { String::new() } }</p>
            // (its own region: emptied when disarmed, which is not read out)
            <p class="ic-live ic-sr" aria-live="polite" data-restart-live="">{ if state.confirm_restart { t.restart_confirm } else { "" } }</p>
            <p class="ic-live ic-sr" aria-live="polite" data-cleared-live="">{ if state.cleared { t.none_cleared } else { "" } }</p>
            <nav class="ic-nav" aria-label={t.start_over}>
                // One tap arms it (the button says "tap again", and so does the
                // live region); the second clears. The button keeps focus.
                <button type="button" class="ic-btn ic-link" onclick={on_restart} data-action="restart"
                    data-armed={state.confirm_restart.then_some("")}>{ if state.confirm_restart { t.restart_confirm } else { t.start_over } }</button>
            </nav>
            { emergency_bar(t, &cfg, true) }
            // For the clinic's webmaster, in English (the attribute names
            // are English): folded at the end, out of the patient's way.
            if !props.issues.is_empty() {
                <details class="ic-setup" data-setup-notice="">
                    <summary>{ t.setup_notice }</summary>
                    <ul lang="en">{ for props.issues.iter().map(|i| html! { <li>{ i.to_string() }</li> }) }</ul>
                </details>
            }
            <footer class="ic-footer">
                <p>{ t.privacy }</p>
                <p>{ t.protocol_line.replace("{version}", &format!("{} {}", p.id, p.version)).replace("{date}", &p.review_date) }{ " " }{ p.status.get(lang) }</p>
            </footer>
        </div>
    }
}

/// The most screens left (the current one included) from which the progress
/// line counts them.
const PROGRESS_COUNT_FROM: usize = 10;

/// Focuses a new screen's heading and, if its first line is hidden (under
/// the sticky emergency bar, or below the screen: a long question in large
/// text), scrolls it to the top (its CSS `scroll-margin-top` keeps it below
/// the bar). A question's heading already in view stays where it is.
fn focus_heading(h: &web_sys::HtmlElement) {
    let _ = h.focus();
    let top = h.get_bounding_client_rect().top();
    let app = h.closest(".ic-app").ok().flatten();
    let rect_of = |sel: &str| {
        app.as_ref()
            .and_then(|a| a.query_selector(sel).ok().flatten())
            .map(|b| b.get_bounding_client_rect())
    };
    let screen = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::MAX);
    // Between the top bar and the bottom one (shown in the iframe page only).
    let above = rect_of(".ic-emergency").map_or(0.0, |r| r.bottom().max(0.0));
    let below = rect_of(".ic-emergency-end")
        .filter(|r| r.height() > 0.0)
        .map_or(screen, |r| r.top().min(screen));
    // (at least its first line, about 80 px at the largest text, on screen)
    let first_line = f64::from(h.offset_height()).min(80.0);
    // The result always starts at the top: its first view is the outcome,
    // its calls and what to do now.
    let result = h.id() == "ic-result-title";
    if result || top < above || top + first_line > below {
        // (alignToTop: block "start")
        h.scroll_into_view_with_bool(true);
    }
}

/// The emergency number, on every screen (and, with `end`, its copy at the
/// end of the screen, shown only in the iframe page). A function, not a
/// component: one component type less in the wasm.
fn emergency_bar(t: &Strings, cfg: &Config, end: bool) -> Html {
    let link = html! {
        <a class="ic-call-emergency" href={cfg.emergency.href()}
            data-action={if end { "call-emergency-end" } else { "call-emergency-bar" }}>
            { t.call.replace("{n}", &cfg.emergency.display) }
        </a>
    };
    if end {
        // (a landmark, as all content should be, of another role than the
        // top bar's: two regions of one name would be one too many)
        html! { <aside class="ic-emergency ic-emergency-end" aria-label={t.level_emergency}><span>{ t.emergency_bar }</span>{ link }</aside> }
    } else {
        html! {
            <div class="ic-emergency" role="region" aria-label={t.level_emergency}>
                <span>{ t.emergency_bar }</span>{ link }
            </div>
        }
    }
}

/// Whom to call, as Yew HTML: the same nodes the mount shows while no
/// language file is there, and the page's loader after a crash.
pub fn fallback(config: &Config) -> Html {
    fallback_node(config).map_or_else(Html::default, |e| Html::VRef(e.into()))
}

/// The fallback (both languages): the emergency number, the clinic's phone
/// and its after-hours line, built with DOM calls, never from an HTML string
/// (a host page that enforces Trusted Types, `require-trusted-types-for
/// 'script'`, refuses every HTML string, and every value is text by
/// construction). Phone links carry only `+` and digits. `None` only if the
/// browser cannot create an element.
pub fn fallback_node(cfg: &Config) -> Option<web_sys::Element> {
    let doc = web_sys::window()?.document()?;
    // A child `tag` of `parent` holding `text`. (Only the DOM calls Yew makes
    // anyway: each other one is a new import in the wasm and its glue.)
    let add = |parent: &web_sys::Element, tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.insert_before(&doc.create_text_node(text), None).ok()?;
        parent.insert_before(&e, None).ok()?;
        Some(e)
    };
    let out = doc.create_element("div").ok()?;
    let _ = out.set_attribute("class", "ic-fallback-box");
    let _ = out.set_attribute("data-fallback", "");
    // A line with a link.
    let link = |href: &str, text: &str| {
        let a = add(&add(&out, "p", "")?, "a", text)?;
        let _ = a.set_attribute("href", href);
        Some(a)
    };
    // The built-in words, not a language file's: this shows when none has
    // loaded. (Fields of the consts, not a reference to them, which would link
    // every word into the wasm.)
    const FALLBACK: [(&str, &str); 2] = [
        ("en", crate::i18n::EN.fallback),
        ("es", crate::i18n::ES.fallback),
    ];
    for (code, text) in FALLBACK {
        let _ = add(&out, "p", text)?.set_attribute("lang", code);
    }
    let _ = link(
        &cfg.emergency.href(),
        &format!(
            "{} / {}",
            crate::i18n::EN.call.replace("{n}", &cfg.emergency.display),
            crate::i18n::ES.call.replace("{n}", &cfg.emergency.display),
        ),
    )?
    .set_attribute("class", "ic-call-emergency");
    if let Some(phone) = &cfg.clinic_phone {
        let name = if cfg.clinic_name.is_empty() {
            "Clinic / Clínica"
        } else {
            &cfg.clinic_name
        };
        link(&phone.href(), &format!("{name}: {}", phone.display))?;
    }
    if let Some(phone) = &cfg.after_hours {
        // (a const of the two words: a reference to a const's field, as
        // format! takes, would link the whole word set into the wasm)
        const AFTER_HOURS: [&str; 2] = [
            crate::i18n::EN.call_after_hours,
            crate::i18n::ES.call_after_hours,
        ];
        let [en, es] = AFTER_HOURS;
        link(&phone.href(), &format!("{en} / {es}: {}", phone.display))?;
    }
    Some(out)
}

// ---- Small JS bridges (no extra crates: Reflect on the global object).

fn js_path(path: &[&str]) -> Option<JsValue> {
    let mut v: JsValue = js_sys::global().into();
    for key in path {
        v = js_sys::Reflect::get(&v, &(*key).into()).ok()?;
        if v.is_undefined() || v.is_null() {
            return None;
        }
    }
    Some(v)
}

/// Whether `path.method` exists.
pub fn js_has(path: &[&str], method: &str) -> bool {
    js_path(path)
        .and_then(|o| js_sys::Reflect::get(&o, &method.into()).ok())
        .is_some_and(|f| f.is_function())
}

/// Calls `path.method(arg)` and `done` once the promise it gives settles
/// (see [`settle`]): `Err` at once when it does not exist or throws.
pub fn js_call_then(
    path: &[&str],
    method: &str,
    arg: &JsValue,
    done: Box<dyn FnOnce(Result<JsValue, JsValue>)>,
) {
    let called = js_path(path).ok_or(JsValue::NULL).and_then(|obj| {
        js_sys::Reflect::get(&obj, &method.into())?
            .dyn_into::<js_sys::Function>()?
            .call1(&obj, arg)
    });
    settle(called, done)
}

thread_local! {
    /// For the fail-safe test: the next render of the check panics.
    static PANIC_IN_RENDER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For the fail-safe test: the next render of the check panics, inside Yew's
/// scheduler, where a real bug would (after a tap, say).
#[wasm_bindgen]
pub fn simulate_panic_in_render() {
    PANIC_IN_RENDER.with(|p| p.set(true));
}

/// For the fail-safe test: panics, so the fallback after a crash can be seen
/// (web/packs.js, guard).
#[wasm_bindgen]
pub fn simulate_panic() {
    #[allow(clippy::panic)]
    {
        panic!("simulated panic (test)");
    }
}
