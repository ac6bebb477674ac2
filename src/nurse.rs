//! The nurse's page (`nurse.html`): a read-back code typed in, pasted, or
//! opened from a link (`nurse.html#code=...`), shown in the nurse's language
//! (English or Spanish): the outcome, the drip(s) the check was for, the
//! rules that fired with their IDs and why-texts, every answer, the time
//! since the drip and the protocol version.
//!
//! Its own wasm: this module is the whole of the `nurse` build (`cargo build
//! --features nurse`, `scripts/build`), which leaves the widget out, so the
//! patient's wasm carries none of it. It decodes with `crate::readback`
//! against the protocol read from the widget's own language files: those of
//! the selection of packs the code names (`magnesium`, `iron_vitamin-c`...),
//! which the page's script (web/nurse.js) fetches when a code needs them.
//! Nothing leaves the page: the code is typed here or read from the link's
//! fragment (after `#`), which a browser never sends to a server; the files
//! fetched name only the packs.

use crate::config::Config;
use crate::i18n::strings;
use crate::protocol::{asked_screens, Kind, Lang, Level, Protocol};
use crate::readback::{code_packs, decode, normalize, CodeError, Decoded};
use crate::summary::{answer_words, fill, level_label};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// Why a selection's files are not there.
#[derive(Clone, Copy, PartialEq)]
enum Failure {
    /// No answer: offline, or too slow.
    Offline,
    /// The server answered with this HTTP status (404: not on the site).
    Http(u16),
    /// Not the file built with this page (an old copy?).
    Refused,
}

/// Where a selection's file in a language is.
#[derive(Clone, Copy, PartialEq)]
enum Status {
    Loading,
    Failed(Failure),
}

thread_local! {
    /// The protocol of each selection and language whose files the page has given.
    static PACKS: RefCell<Vec<(&'static str, Lang, &'static Protocol)>> = const { RefCell::new(Vec::new()) };
    /// The selections and languages being fetched, or that could not be had.
    static STATUS: RefCell<Vec<(&'static str, Lang, Status)>> = const { RefCell::new(Vec::new()) };
    /// The page's loader: `(selection, lang) => ...`, answering with
    /// [`nurse_loaded`] (web/nurse.js).
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Shows the page again (once a file is in, or could not be had).
    static REDRAW: RefCell<Option<Callback<()>>> = const { RefCell::new(None) };
}

fn protocol_in(sel: &str, lang: Lang) -> Option<&'static Protocol> {
    PACKS.with(|p| {
        p.borrow()
            .iter()
            .find(|(s, l, _)| *s == sel && *l == lang)
            .map(|(.., p)| *p)
    })
}

fn status(sel: &str, lang: Lang) -> Option<Status> {
    STATUS.with(|s| {
        s.borrow()
            .iter()
            .find(|(x, l, _)| *x == sel && *l == lang)
            .map(|(.., st)| *st)
    })
}

fn set_status(sel: &'static str, lang: Lang, to: Option<Status>) {
    STATUS.with(|s| {
        let mut s = s.borrow_mut();
        s.retain(|(x, l, _)| !(*x == sel && *l == lang));
        if let Some(to) = to {
            s.push((sel, lang, to));
        }
    })
}

/// A selection's name as this build spells it (`None`: no such file).
fn known(selection: &str) -> Option<&'static str> {
    crate::files::FILES
        .iter()
        .find(|(s, ..)| *s == selection)
        .map(|(s, ..)| *s)
}

/// The selection (language files' name) whose protocol reads this code: the
/// packs it names and those they bring; why not, for a code that cannot be
/// read whatever the file (a typo, an unknown version) or names packs this
/// build has no file for.
fn selection_for(code: &str) -> Result<&'static str, CodeError> {
    let packs = code_packs(code)?;
    match crate::files::selection_of(packs) {
        // (the shared core alone: an emergency on the first screen, before
        // the patient said what was in the drip)
        Some(sel) => Ok(sel),
        None => Err(CodeError::UnknownPacks),
    }
}

/// The selection of packs whose language files a code needs (`magnesium`,
/// `iron`, `magnesium_iron_vitamin-c_vitamin-drip`...); empty when none does
/// (not a code, a typo, packs this page does not know: the page says why).
#[wasm_bindgen]
pub fn nurse_selection(code: &str) -> String {
    selection_for(code).unwrap_or_default().into()
}

/// Gives the page a selection's language file (`selection`: `magnesium`,
/// `iron_vitamin-c`...; `lang`: `en`, `es`) and its reasons' file (the
/// rules' why-texts): false when either is not the file built with this page.
#[wasm_bindgen]
pub fn nurse_add_pack(selection: &str, lang: &str, bytes: &[u8], reasons: &[u8]) -> bool {
    let (Some(sel), Some(lang)) = (known(selection), Lang::parse(lang)) else {
        return false;
    };
    if protocol_in(sel, lang).is_some() {
        return true;
    }
    let Some((built, reasons_built)) = crate::files::built(sel, lang.code()) else {
        return false;
    };
    if crate::protocol::fingerprint(bytes) != built
        || crate::protocol::fingerprint(reasons) != reasons_built
    {
        return false;
    }
    match Protocol::from_language_file(bytes) {
        Ok((mut p, _)) => {
            if !p.put_reasons(lang, reasons) {
                return false;
            }
            let p: &'static Protocol = Box::leak(Box::new(p));
            PACKS.with(|packs| packs.borrow_mut().push((sel, lang, p)));
            true
        }
        Err(_) => false,
    }
}

/// Asks the page's loader for a selection's files in `lang`, unless they are
/// there, on their way, or could not be had (Show pressed again asks anew).
/// It answers with [`nurse_loaded`].
/// Gives where they are (`None`: there, see [`protocol_in`]).
fn request(sel: &'static str, lang: Lang) -> Option<Status> {
    if protocol_in(sel, lang).is_some() || status(sel, lang).is_some() {
        return status(sel, lang);
    }
    let called = LOADER.with(|l| {
        l.borrow().as_ref().map(|load| {
            load.call2(
                &JsValue::NULL,
                &JsValue::from_str(sel),
                &JsValue::from_str(lang.code()),
            )
        })
    });
    let to = match called {
        Some(Ok(_)) => Status::Loading,
        _ => Status::Failed(Failure::Offline),
    };
    set_status(sel, lang, Some(to));
    Some(to)
}

/// The page's loader is done with a selection's files in a language: `why`
/// is empty once it has given them ([`nurse_add_pack`]), else why not:
/// `refused` (not the files built with this page), `http:404` (the server's
/// status), anything else when there was no answer (offline). (Only what the
/// page asked for is told: the magnesium files fetched when the page opens
/// are not a failure to show until a code needs them.)
#[wasm_bindgen]
pub fn nurse_loaded(selection: &str, lang: &str, why: &str) {
    let (Some(sel), Some(lang)) = (known(selection), Lang::parse(lang)) else {
        return;
    };
    if status(sel, lang) != Some(Status::Loading) {
        return;
    }
    let to = match why.strip_prefix("http:").map(str::parse) {
        _ if protocol_in(sel, lang).is_some() => None,
        Some(Ok(code)) => Some(Failure::Http(code)),
        _ if why.is_empty() || why == "refused" => Some(Failure::Refused),
        _ => Some(Failure::Offline),
    };
    set_status(sel, lang, to.map(Status::Failed));
    if let Some(redraw) = REDRAW.with(|r| r.borrow().clone()) {
        redraw.emit(());
    }
}

/// Shows the nurse's page in `root`: `code` from the link's fragment (may be
/// empty), `lang` the browser's language (`en`, `es`, ...), `load` how the
/// page fetches a selection's files in a language: `(selection, lang)`, then
/// [`nurse_add_pack`] and [`nurse_loaded`].
#[wasm_bindgen]
pub fn nurse_mount(root: web_sys::Element, code: String, lang: String, load: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(load));
    let lang = if Lang::parse(&lang) == Some(Lang::Es) {
        Lang::Es
    } else {
        Lang::En
    };
    yew::Renderer::<NurseApp>::with_root_and_props(root, NurseProps { code, lang }).render();
}

/// The page's start: a code from the link, and a language.
#[derive(Properties, PartialEq)]
pub struct NurseProps {
    /// The code from the link (may be empty).
    pub code: String,
    /// The first language.
    pub lang: Lang,
}

/// The page's own words.
struct Words {
    title: &'static str,
    intro: &'static str,
    privacy: &'static str,
    label: &'static str,
    hint: &'static str,
    show: &'static str,
    language: &'static str,
    code: &'static str,
    outcome: &'static str,
    time: &'static str,
    not_asked: &'static str,
    respondent: &'static str,
    protocol: &'static str,
    rules: &'static str,
    assumed: &'static str,
    answers: &'static str,
    free_text: &'static str,
    free_text_note: &'static str,
    packs: &'static str,
    /// The packs in plain words, in `readback::PACKS` order.
    pack_names: [&'static str; 4],
    /// A check that ended on its first screen, before the patient said
    /// what was in the drip (the shared core alone).
    pack_none: &'static str,
    loading: &'static str,
    e_offline: &'static str,
    e_http: &'static str,
    e_refused: &'static str,
    e_empty: &'static str,
    e_char: &'static str,
    e_short: &'static str,
    e_typo: &'static str,
    e_version: &'static str,
    e_unknown_version: &'static str,
    e_packs: &'static str,
    e_truncated: &'static str,
    e_not_asked: &'static str,
    draft: &'static str,
}

const EN: Words = Words {
    title: "Nurse's view of a read-back code",
    intro: "Type the code the patient reads out from their result, or open the link of its QR code. This page shows what they answered and what the check told them.",
    privacy: "The code stays in this browser: nothing is sent anywhere (a link carries it after the #, which a browser never sends).",
    label: "Read-back code",
    hint: "Like 091Q-8W9. Dashes, spaces and lower case do not matter.",
    show: "Show",
    language: "Language",
    code: "Code",
    outcome: "What the check told the patient",
    time: "Time since the drip",
    not_asked: "not asked",
    respondent: "Answering",
    protocol: "Protocol",
    rules: "Rules that fired",
    assumed: "Answered \"not sure\", read the safer way",
    answers: "Answers, in the order asked",
    free_text: "(free text: not in the code; ask the patient)",
    free_text_note: "Free-text answers are never in the code.",
    packs: "Drip checked for",
    pack_names: ["magnesium", "iron", "vitamin C (high dose)", "vitamin drip or fluids"],
    pack_none: "not asked (the check ended on its first screen, the danger signs)",
    loading: "Loading the questions of this check ({packs})…",
    e_offline: "The questions of this check ({packs}) could not load: this device seems to be offline, or the connection is too slow. Check the connection, then press Show again.",
    e_http: "The questions of this check ({packs}) could not load: the server does not have the file (HTTP {status}). Press Show to try again; if that does not help, tell the clinic's web team.",
    e_refused: "The questions of this check ({packs}) are not the ones this page was built with (an old copy?). Reload this page; if that does not help, tell the clinic's web team.",
    e_empty: "Type the code the patient reads out.",
    e_char: "\"{c}\" is not used in these codes: they have the digits 0 to 9 and the letters A to Z except I, L, O and U. Ask the patient to read it again.",
    e_short: "This is too short to be a code. Ask the patient to read the whole code.",
    e_typo: "This code does not check out: a character was misheard or mistyped, or two were swapped. Ask the patient to read it again, slowly, and compare.",
    e_version: "This code is from protocol {code_version}; this page reads {version}. Open the nurse's page of the patient's check (the link in their QR code), or ask the clinic's web team.",
    e_unknown_version: "This code is from a protocol version this page does not know (a newer one?). Reload this page; if that does not help, ask the clinic's web team.",
    e_packs: "This code includes a check this page does not read. Reload this page; if that does not help, ask the clinic's web team.",
    e_truncated: "This code is incomplete: characters are missing. Ask the patient to read the whole code.",
    e_not_asked: "This code does not match the questions the protocol asks (a mistyped or extra character?). Ask the patient to read it again.",
    draft: "The protocol is a draft for clinical sign-off; the check does not diagnose.",
};

const ES: Words = Words {
    title: "Vista de enfermería de un código de resultado",
    intro: "Escriba el código que el paciente lee de su resultado, o abra el enlace de su código QR. Esta página muestra lo que respondió y lo que le dijo la revisión.",
    privacy: "El código se queda en este navegador: no se envía nada (un enlace lo lleva después de #, que el navegador nunca envía).",
    label: "Código de resultado",
    hint: "Como 091Q-8W9. Los guiones, los espacios y las minúsculas no importan.",
    show: "Mostrar",
    language: "Idioma",
    code: "Código",
    outcome: "Lo que la revisión le dijo al paciente",
    time: "Tiempo desde el suero",
    not_asked: "no se preguntó",
    respondent: "Responde",
    protocol: "Protocolo",
    rules: "Reglas que se activaron",
    assumed: "Respondió \"no estoy seguro\", leído de la forma más segura",
    answers: "Respuestas, en el orden en que se preguntaron",
    free_text: "(texto libre: no está en el código; pregúntele al paciente)",
    free_text_note: "Las respuestas de texto libre nunca están en el código.",
    packs: "Suero revisado",
    pack_names: ["magnesio", "hierro", "vitamina C (dosis alta)", "suero de vitaminas o líquidos"],
    pack_none: "no se preguntó (la revisión terminó en su primera pantalla, las señales de peligro)",
    loading: "Cargando las preguntas de esta revisión ({packs})…",
    e_offline: "Las preguntas de esta revisión ({packs}) no se pudieron cargar: este dispositivo parece estar sin conexión, o la conexión es muy lenta. Revise la conexión y pulse Mostrar de nuevo.",
    e_http: "Las preguntas de esta revisión ({packs}) no se pudieron cargar: el servidor no tiene el archivo (HTTP {status}). Pulse Mostrar para intentarlo de nuevo; si no se arregla, avise al equipo web de la clínica.",
    e_refused: "Las preguntas de esta revisión ({packs}) no son las de esta versión de la página (¿una copia antigua?). Vuelva a cargar la página; si no se arregla, avise al equipo web de la clínica.",
    e_empty: "Escriba el código que lee el paciente.",
    e_char: "\"{c}\" no se usa en estos códigos: tienen los dígitos del 0 al 9 y las letras de la A a la Z salvo I, L, O y U. Pida al paciente que lo lea de nuevo.",
    e_short: "Es demasiado corto para ser un código. Pida al paciente que lea el código completo.",
    e_typo: "Este código no cuadra: se oyó o escribió mal un carácter, o se cambiaron dos de lugar. Pida al paciente que lo lea de nuevo, despacio, y compárelo.",
    e_version: "Este código es del protocolo {code_version}; esta página lee {version}. Abra la página de enfermería de la revisión del paciente (el enlace de su código QR) o consulte al equipo web de la clínica.",
    e_unknown_version: "Este código es de una versión del protocolo que esta página no conoce (¿una más nueva?). Vuelva a cargar la página; si no se arregla, consulte al equipo web de la clínica.",
    e_packs: "Este código incluye una revisión que esta página no lee. Vuelva a cargar la página; si no se arregla, consulte al equipo web de la clínica.",
    e_truncated: "Este código está incompleto: faltan caracteres. Pida al paciente que lea el código completo.",
    e_not_asked: "Este código no corresponde a las preguntas que hace el protocolo (¿un carácter mal escrito o de más?). Pida al paciente que lo lea de nuevo.",
    draft: "El protocolo es un borrador pendiente de aprobación clínica; la revisión no diagnostica.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// The packs in plain words (`iron, vitamin C (high dose)`): of a protocol's
/// ID (`iron+vitamin-c`) or a selection's name (`iron_vitamin-c`).
fn pack_names(ids: &str, w: &Words) -> String {
    if ids == crate::files::CORE || ids == crate::protocol::PROTOCOL_ID {
        return w.pack_none.to_string();
    }
    ids.split(['+', '_'])
        .map(|id| {
            crate::readback::PACKS
                .iter()
                .position(|p| *p == id)
                .and_then(|i| w.pack_names.get(i))
                .copied()
                .unwrap_or(id)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a selection's files are not there, in the nurse's words.
fn failure(f: Failure, sel: &str, w: &Words) -> (&'static str, String) {
    let packs = pack_names(sel, w);
    match f {
        Failure::Offline => ("offline", w.e_offline.replace("{packs}", &packs)),
        Failure::Http(status) => (
            "http",
            w.e_http
                .replace("{packs}", &packs)
                .replace("{status}", &status.to_string()),
        ),
        Failure::Refused => ("refused", w.e_refused.replace("{packs}", &packs)),
    }
}

/// An error in the nurse's words (`p`: the protocol it was read with, if any).
fn message(e: &CodeError, p: Option<&Protocol>, w: &Words) -> String {
    match e {
        CodeError::Empty => w.e_empty.into(),
        CodeError::BadCharacter(c) => w.e_char.replace("{c}", &c.to_string()),
        CodeError::TooShort => w.e_short.into(),
        CodeError::Typo => w.e_typo.into(),
        CodeError::OtherVersion(v) => w
            .e_version
            .replace("{code_version}", &format!("{} {}", v.protocol, v.version))
            .replace(
                "{version}",
                &p.map(|p| format!("{} {}", p.id, p.version))
                    .unwrap_or_default(),
            ),
        CodeError::UnknownVersion => w.e_unknown_version.into(),
        CodeError::UnknownPacks => w.e_packs.into(),
        CodeError::Truncated => w.e_truncated.into(),
        CodeError::NotAsked => w.e_not_asked.into(),
    }
}

/// The nurse's page.
#[function_component(NurseApp)]
pub fn nurse_app(props: &NurseProps) -> Html {
    let lang = use_state(|| props.lang);
    let typed = use_state(|| props.code.clone());
    // The code shown (the link's, then the one typed when "Show" was pressed).
    let shown = use_state(|| (!props.code.is_empty()).then(|| props.code.clone()));
    {
        let redraw = use_force_update();
        REDRAW.with(|r| *r.borrow_mut() = Some(Callback::from(move |()| redraw.force_update())));
    }
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(html) = doc.document_element() {
                    let _ = html.set_attribute("lang", lang.code());
                }
                doc.set_title(words(*lang).title);
            }
        });
    }
    let w = words(*lang);
    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            typed.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
        })
    };
    let on_submit = {
        let (typed, shown) = (typed.clone(), shown.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // (what could not load is asked for again)
            STATUS.with(|s| s.borrow_mut().retain(|(.., st)| *st == Status::Loading));
            shown.set(Some((*typed).clone()));
        })
    };
    let switch = |to: Lang, label: &'static str| {
        let lang = lang.clone();
        html! {
            <button type="button" lang={to.code()} aria-pressed={(*lang == to).to_string()}
                data-lang={to.code()} onclick={Callback::from(move |_: MouseEvent| lang.set(to))}>{ label }</button>
        }
    };
    let error = |kind: &'static str, text: String| {
        html! { <p class="nurse-error" role="alert" data-error={kind}>{ text }</p> }
    };
    let body = match &*shown {
        None => html! {},
        Some(shown) => match selection_for(shown) {
            Err(e) => error(error_code(&e), message(&e, None, w)),
            // (the files of the code's selection in the language shown: asked
            // for if they are not there)
            Ok(sel) => match (protocol_in(sel, *lang), request(sel, *lang)) {
                (Some(p), _) => match decode(p, shown) {
                    Ok(d) => result(p, &d, shown, *lang),
                    Err(e) => error(error_code(&e), message(&e, Some(p), w)),
                },
                (None, Some(Status::Failed(f))) => {
                    let (kind, text) = failure(f, sel, w);
                    error(kind, text)
                }
                (None, _) => html! {
                    <p class="hint" data-fetching={sel}>{ w.loading.replace("{packs}", &pack_names(sel, w)) }</p>
                },
            },
        },
    };
    html! {
        <main class="setup nurse" lang={lang.code()}>
            <div class="nurse-lang" role="group" aria-label={w.language}>
                { switch(Lang::En, "English") }{ switch(Lang::Es, "Español") }
            </div>
            <h1>{ w.title }</h1>
            <p>{ w.intro }</p>
            <p class="hint">{ w.privacy }</p>
            <form onsubmit={on_submit} autocomplete="off" novalidate=true>
                <label for="nurse-code">{ w.label }</label>
                <p class="hint" id="nurse-code-hint">{ w.hint }</p>
                <div class="nurse-row">
                    <input id="nurse-code" name="code" value={(*typed).clone()} oninput={on_input}
                        autocapitalize="characters" spellcheck="false" aria-describedby="nurse-code-hint" />
                    <button type="submit">{ w.show }</button>
                </div>
            </form>
            <div aria-live="polite">{ body }</div>
        </main>
    }
}

/// A short name of the error, for tests.
fn error_code(e: &CodeError) -> &'static str {
    match e {
        CodeError::Empty => "empty",
        CodeError::BadCharacter(_) => "character",
        CodeError::TooShort => "short",
        CodeError::Typo => "typo",
        CodeError::OtherVersion(_) => "version",
        CodeError::UnknownVersion => "unknown-version",
        CodeError::UnknownPacks => "packs",
        CodeError::Truncated => "truncated",
        CodeError::NotAsked => "not-asked",
    }
}

/// A decoded code: outcome, rules, answers.
fn result(p: &Protocol, d: &Decoded, code: &str, lang: Lang) -> Html {
    let w = words(lang);
    let s = strings(lang);
    let cfg = Config::default();
    let f = |t: &str| fill(t, &cfg, lang);
    let o = &d.outcome;
    let answer_of = |id: &str| {
        p.question(id).map(|q| match d.answers.get(id) {
            Some(_) => answer_words(p, q, &d.answers, lang),
            None => w.not_asked.to_string(),
        })
    };
    let level = |l: Level| level_label(l, s);
    let code = normalize(code).unwrap_or_default();
    html! {
        <section class="nurse-result" aria-labelledby="nurse-outcome"
            data-disposition={o.disposition.code()}
            data-urgency={o.urgency.map(|u| u.code()).unwrap_or("")}>
            <h2 id="nurse-outcome">{ w.outcome }{ ": " }<span data-level={o.level.code()}>{ level(o.level) }</span></h2>
            <p class="nurse-title">{ f(p.outcomes.get(o.level).title.get(lang)) }</p>
            <dl>
                <dt>{ w.code }</dt><dd data-code="">{ code }</dd>
                <dt>{ w.packs }</dt><dd data-packs={p.id.clone()}>{ pack_names(&p.id, w) }</dd>
                <dt>{ w.time }</dt><dd data-time="">{ answer_of(crate::roles::TIME_SINCE_END).unwrap_or_default() }</dd>
                <dt>{ w.respondent }</dt><dd>{ answer_of(crate::roles::RESPONDENT).unwrap_or_default() }</dd>
                <dt>{ w.protocol }</dt><dd data-protocol="">{ s.protocol_line.replace("{version}", &format!("{} {}", p.id, p.version)).replace("{date}", &p.review_date) }</dd>
            </dl>
            <h3>{ w.rules }</h3>
            <ul class="nurse-rules">
                { for o.fired.iter().map(|r| html! {
                    <li data-rule={r.id.clone()}>
                        <strong>{ r.id.clone() }</strong>{ " (" }{ level(r.level) }{ "): " }
                        { p.rule(&r.id).map(|x| f(x.why_for(r.unsure, false).get(lang))).unwrap_or_default() }
                    </li>
                }) }
            </ul>
            if !o.assumed.is_empty() {
                <p class="nurse-assumed">{ w.assumed }{ ": " }
                    { o.assumed.iter().filter_map(|id| p.question(id)).map(|q| q.text.get(lang)).collect::<Vec<_>>().join(" | ") }
                </p>
            }
            <h3>{ w.answers }</h3>
            <ol class="nurse-answers">
                { for asked_screens(p, &d.answers).iter().filter_map(|id| p.question(id)).map(|q| html! {
                    <li data-question={q.id.clone()}>
                        <span class="nurse-q">{ q.text.get(lang) }</span>{ " " }
                        <strong class="nurse-a">{
                            if q.kind == Kind::Text { w.free_text.to_string() } else { answer_words(p, q, &d.answers, lang) }
                        }</strong>
                    </li>
                }) }
            </ol>
            <p class="hint">{ w.free_text_note }{ " " }{ w.draft }</p>
        </section>
    }
}
