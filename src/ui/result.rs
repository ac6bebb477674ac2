//! The result: what to do (as call buttons), why, what to do now, when to get
//! help, the tailored advice, and the summary for the nurse.

use super::clock::Now;
use super::state::Action;
use super::{can_share, copy_text, share};
use crate::config::{clock, Config};
use crate::i18n::Strings;
use crate::protocol::{advice_worded, they_list, Answers, Lang, Level, Outcome, Protocol, Text};
use crate::summary::{fill, for_them, reasons, summary, ticked_items};
use std::rc::Rc;
use yew::prelude::*;

/// What the result shows.
pub struct ResultProps {
    /// The protocol (in `lang`).
    pub p: &'static Protocol,
    /// The widget's words in `lang`.
    pub t: &'static Strings,
    /// The engine's outcome.
    pub outcome: Outcome,
    /// The confirmed answers.
    pub answers: Answers,
    /// The language.
    pub lang: Lang,
    /// The heading's ref (focus moves there).
    pub heading: NodeRef,
    /// The clinic's configuration.
    pub config: Rc<Config>,
    /// The checks kept on this phone, and this result's "keep".
    pub saved: super::saved::SavedProps,
    /// The summary was copied (`Some(true)`) or could not be (`Some(false)`).
    pub copied: Option<bool>,
    /// The root reducer (Copied).
    pub dispatch: Callback<Action>,
}

/// A level's icon (never colour alone: the words are always beside it).
pub fn icon(level: Level) -> Html {
    let path = match level {
        Level::Emergency => "M12 2 1 21h22L12 2zm-1 7h2v6h-2V9zm0 8h2v2h-2v-2z",
        Level::CallNow | Level::CallToday => "M6.6 10.8a15.2 15.2 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1l-2.3 2.2z",
        Level::SelfCare => "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z",
    };
    html! {
        <svg class="ic-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

/// The result screen (a function, not a component: whether the summary was
/// copied is kept in the root reducer).
pub fn result_view(props: ResultProps) -> Html {
    let (p, t) = (props.p, props.t);
    let cfg = props.config.clone();
    let copied = props.copied;
    let ResultProps {
        outcome,
        answers,
        lang,
        heading,
        ..
    } = &props;
    let lang = *lang;
    let f = |s: &str| fill(s, &cfg, lang);
    // Answering for someone else: every text speaks to the helper about
    // "them" where the protocol words it so.
    let them = for_them(answers);
    let they = |t: &'static Text, v: &'static Option<Text>| crate::protocol::they(t, v, them);
    let texts = p.outcomes.get(outcome.level);
    let at_clinic = outcome.has_fired(crate::roles::AT_CLINIC_RULE);
    let why = reasons(p, outcome);
    // What a rule that fired adds (X01's "call the emergency number if you
    // can't reach us", T02's and M09's emergency signs, M02b's maternity
    // team) leads "what to do now"; the advice for the symptom groups is
    // folded below.
    let urgent = crate::protocol::rule_advice(p, outcome, them);
    let advice: Vec<_> = advice_worded(p, answers, outcome, them)
        .into_iter()
        .filter(|a| !urgent.contains(a))
        .collect();
    let summary = summary(p, answers, outcome, &cfg, lang);
    let summary_no = summary.no.join("\n");
    let summary_full = summary.text(t);
    let emergency_btn = html! {
        <a class="ic-btn ic-call ic-call-emergency" href={cfg.emergency.href()} data-action="call-emergency">
            { t.call.replace("{n}", &cfg.emergency.display) }
        </a>
    };
    let clinic_name = if cfg.clinic_name.is_empty() {
        t.your_clinic.to_string()
    } else {
        cfg.clinic_name.clone()
    };
    let call_clinic = t.call_clinic.replace("{clinic}", &clinic_name);
    let clinic_btn = match &cfg.clinic_phone {
        // On the emergency result the clinic's number is a plain link under
        // the one big button: the emergency call is the only thing to tap.
        Some(phone) if outcome.level == Level::Emergency => html! {
            <p class="ic-call-plain">
                <a href={phone.href()} data-action="call-clinic">{ call_clinic }{ ": " }<span>{ phone.display.clone() }</span></a>
            </p>
        },
        Some(phone) => html! {
            <a class="ic-btn ic-call ic-call-clinic" href={phone.href()} data-action="call-clinic">
                { call_clinic }<span class="ic-sub">{ phone.display.clone() }</span>
            </a>
        },
        None => html! { <p class="ic-note">{ t.no_clinic_phone }</p> },
    };
    let after_btn = cfg.after_hours.as_ref().map(|phone| html! {
        <a class="ic-btn ic-call ic-call-after" href={phone.href()} data-action="call-after-hours">
            { t.call_after_hours }<span class="ic-sub">{ phone.display.clone() }</span>
        </a>
    });
    // The first view holds this outcome's own calls; on the other results
    // the emergency call (always in the bar too) goes with "when to get
    // help".
    let emergency_first = outcome.level == Level::Emergency;
    // "Call the clinic" outside its opening hours (or with hours it could
    // not read): the after-hours line first, and when it opens again.
    let call = matches!(outcome.level, Level::CallNow | Level::CallToday);
    let hours = if call {
        super::clock::now(&cfg.opening)
    } else {
        super::clock::Now::Unset
    };
    let hours_line = match hours {
        Now::Open(until) => Some(("open", t.hours_open, 0, until)),
        Now::Closed(day, at) => Some(("closed", t.hours_closed, day, at)),
        _ => None,
    }
    .map(|(state, line, day, at)| {
        let day = t.hours_days.split('|').nth(day).unwrap_or_default();
        (
            state,
            line.replace("{day}", day).replace("{time}", &clock(at)),
        )
    });
    let after_first = matches!(hours, Now::Closed(..) | Now::Unknown);
    let actions = match outcome.level {
        Level::Emergency => html! { <>{ emergency_btn.clone() }{ clinic_btn }</> },
        _ if call => {
            let mut calls = [clinic_btn, after_btn.unwrap_or_default()];
            if after_first {
                calls.reverse();
            }
            calls.into_iter().collect::<Html>()
        }
        _ => clinic_btn,
    };
    // "Copied" only once the clipboard has taken it; a refusal (a frame
    // without `allow="clipboard-write"`, no clipboard at all) says so, and
    // the result stays.
    let on_copy = {
        let (summary, dispatch) = (summary_full.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            copy_text(
                &summary,
                Box::new(move |ok| dispatch.emit(Action::Copied(ok))),
            );
        })
    };
    let can_share = can_share();
    let on_share = {
        let summary = summary_full;
        let title = p.title.get(lang).to_string();
        Callback::from(move |_: MouseEvent| share(&title, &summary))
    };
    let copy_label = match copied {
        Some(true) => t.copied,
        Some(false) => t.copy_failed,
        None => t.copy,
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let lead = if at_clinic && outcome.level != Level::Emergency {
        they(&texts.at_clinic, &texts.at_clinic_they)
    } else {
        they(&texts.lead, &texts.lead_they)
    };
    // "Remind me to check again" (call-today and self-care; never at the
    // clinic): the file is made on the phone when tapped.
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let reminder = crate::reminder::event(p, answers, outcome, &cfg, lang, &page).map(|e| {
        let when = crate::reminder::when_words(&e.recheck, lang);
        let e = Rc::new(e);
        (
            when,
            Callback::from(move |_: MouseEvent| download_reminder(&e)),
        )
    });
    let any_unsure = why.iter().any(|(_, u)| *u);
    let list = |items: &[&Text]| {
        html! {
            { for items.iter().map(|d| html! { <li>{ f(d.get(lang)) }</li> }) }
        }
    };
    let mut do_now: Vec<&Text> = urgent.clone();
    do_now.extend(they_list(&texts.do_now, &texts.do_now_they, them));
    let get_help: Vec<&Text> = they_list(&texts.get_help, &texts.get_help_they, them)
        .iter()
        .collect();
    // The first view: the outcome once (icon and words), its call buttons,
    // one sentence of what to do now. Then why, when to get help, what to
    // do; the advice folded; the summary last.
    html! {
        <section key="result" class="ic-result"
            data-disposition={outcome.disposition.code()}
            data-urgency={outcome.urgency.map(|u| u.code()).unwrap_or("")}
            data-they={them.then_some("")}
            aria-labelledby="ic-result-title">
            <div class="ic-banner">
                { icon(outcome.level) }
                <h2 id="ic-result-title" tabindex="-1" ref={heading.clone()}>{ f(they(&texts.title, &texts.title_they).get(lang)) }</h2>
            </div>
            if let Some((state, line)) = hours_line {
                <p class="ic-note ic-hours" data-hours={state}>{ line }</p>
            }
            <div class="ic-actions ic-call-actions">{ actions }</div>
            <p class="ic-lead" data-lead="">{ f(lead.get(lang)) }</p>
            if let Some((when, on_remind)) = reminder {
                <button type="button" class="ic-btn ic-remind" onclick={on_remind} data-action="remind">
                    { t.reminder }<span class="ic-sub">{ when }</span>
                </button>
            }
            if !why.is_empty() && !super::reasons_loaded(lang) {
                // (the reasons' file is fetched with the first screen: this
                // shows only if it has not come in yet, or could not)
                <h3>{ t.why }</h3>
                <p class="ic-note" data-reasons-loading="">{ t.reasons_loading }</p>
                // What the patient ticked that made it fire is in the
                // language file: an emergency still names its red flag.
                <ul class="ic-why">
                    { for why.iter().flat_map(|(r, _)| ticked_items(p, answers, r)).map(|q| html! {
                        <li data-item={q.id.clone()}>{ q.wording(them).get(lang) }</li>
                    }) }
                </ul>
            } else if !why.is_empty() {
                <h3>{ t.why }</h3>
                <ul class="ic-why">
                    { for why.iter().map(|(r, unsure)| {
                        let items = ticked_items(p, answers, r);
                        html! {
                            <li data-rule={r.id.clone()} data-unsure={unsure.then_some("")}>
                                { f(r.why_for(*unsure, them).get(lang)) }
                                if !items.is_empty() {
                                    <ul class="ic-ticked">
                                        { for items.iter().map(|q| html! { <li data-item={q.id.clone()}>{ q.wording(them).get(lang) }</li> }) }
                                    </ul>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            if !outcome.assumed.is_empty() && !any_unsure && super::reasons_loaded(lang) {
                if let Some(a3) = p.rule(crate::roles::UNSURE_RULE) {
                    <p class="ic-assumed" data-rule={crate::roles::UNSURE_RULE}>{ f(a3.why_for(false, them).get(lang)) }</p>
                }
            }
            if !get_help.is_empty() {
                <h3>{ f(t.get_help) }</h3>
                <ul class="ic-get-help">{ list(&get_help) }</ul>
            }
            if !emergency_first {
                <div class="ic-actions ic-help-actions">{ emergency_btn }</div>
            }
            <h3>{ t.do_now }</h3>
            <ul class="ic-do-now">
                // Red flags come before "are you still at the clinic?", so
                // an emergency never knows: it always says what to do there.
                if emergency_first {
                    <li data-at-clinic="">{ f(they(&texts.at_clinic, &texts.at_clinic_they).get(lang)) }</li>
                }
                { list(&do_now) }
            </ul>
            if !advice.is_empty() && outcome.level != Level::Emergency {
                <details class="ic-more ic-advice">
                    <summary>{ t.advice }</summary>
                    <ul>{ list(&advice) }</ul>
                </details>
            }
            { super::saved::saved_block(t, &props.saved) }
            <p class="ic-disclaimer">{ t.not_diagnosis }{ " " }{ p.status.get(lang) }</p>
            <p class="ic-version">{ t.protocol_line.replace("{version}", &format!("{} {}", p.id, p.version)).replace("{date}", &p.review_date) }</p>
            <section class="ic-summary" aria-labelledby="ic-summary-title">
                <h3 id="ic-summary-title">{ t.summary_title }</h3>
                <p class="ic-hint">{ t.summary_intro }</p>
                { super::readback::readback_block(p, answers, t) }
                <pre class="ic-summary-text" data-summary="">{ summary.head }</pre>
                if !summary.no.is_empty() {
                    <details class="ic-more" data-summary-no="">
                        <summary>{ t.summary_no }{ format!(" ({})", summary.no.len()) }</summary>
                        <pre class="ic-summary-text">{ summary_no }</pre>
                    </details>
                }
                <p class="ic-hint" data-summary-rules="">{ summary.rules.clone() }</p>
                <div class="ic-actions ic-summary-actions">
                    <button type="button" class="ic-btn" onclick={on_copy} data-action="copy"
                        data-copied={copied.map(|ok| if ok { "yes" } else { "no" })}>{ copy_label }</button>
                    if can_share {
                        <button type="button" class="ic-btn" onclick={on_share} data-action="share">{ t.share }</button>
                    }
                    <button type="button" class="ic-btn" onclick={on_print} data-action="print">{ t.print }</button>
                </div>
                <p class="ic-live" aria-live="polite" data-copy-status="">{ match copied { Some(true) => t.copied, Some(false) => t.copy_failed_hint, None => "" } }</p>
            </section>
        </section>
    }
}

std::thread_local! {
    /// The last reminder file's object URL, let go at the next one.
    static REMINDER_URL: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Makes the reminder's calendar file now, on the phone, and hands it to the
/// browser as a download (a Blob's object URL on an anchor with `download`),
/// which the phone's calendar opens. No request is made.
fn download_reminder(event: &crate::reminder::Event) {
    use wasm_bindgen::{JsCast, JsValue};
    let now = js_sys::Date::now() as i64;
    // The phone's offset from UTC at an instant, in minutes east.
    let offset =
        |t: i64| -(js_sys::Date::new(&JsValue::from_f64(t as f64)).get_timezone_offset() as i64);
    let Some(start) = crate::reminder::recheck_at(&event.recheck, now, offset) else {
        return;
    };
    let mut uid = String::new();
    crate::reminder::push_num(&mut uid, now, 1);
    uid.push('-');
    crate::reminder::push_num(&mut uid, (js_sys::Math::random() * 1e9) as i64, 1);
    let file = crate::reminder::ics(event, now, start, &uid);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/calendar;charset=utf-8");
    let parts = js_sys::Array::of1(&JsValue::from_str(&file));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let a = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(a) = a {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", crate::reminder::FILE_NAME);
        a.click();
    }
    if let Some(old) = REMINDER_URL.replace(Some(url)) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
}
