//! The result: what to do (as call buttons), why, what to do now, when to get
//! help, the tailored advice, and the summary for the nurse.

use super::state::Action;
use super::{js_call_then, protocol_for};
use crate::config::Config;
use crate::i18n::strings;
use crate::protocol::{advice_for, Answers, Lang, Level, Outcome};
use crate::summary::{fill, level_label, reasons, summary_text};
use std::rc::Rc;
use yew::prelude::*;

/// What the result shows.
pub struct ResultProps {
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
    let t = strings(props.lang);
    let cfg = props.config.clone();
    let copied = props.copied;
    let Some(p) = protocol_for(props.lang) else {
        return html! {};
    };
    let ResultProps {
        outcome,
        answers,
        lang,
        heading,
        ..
    } = &props;
    let lang = *lang;
    let f = |s: &str| fill(s, &cfg, lang);
    let texts = p.outcomes.get(outcome.level);
    let at_clinic = outcome.has_fired("T01");
    let why = reasons(p, outcome);
    // What a rule that fired adds (X01's "call the emergency number if you
    // can't reach us", T02's and M09's emergency signs, M02b's maternity
    // team) goes at the top, under the call buttons; the advice for the
    // symptom groups stays below.
    let mut urgent = Vec::new();
    for f in &outcome.fired {
        if let Some(text) = p.rule(&f.id).and_then(|r| r.advice.as_ref()) {
            if !urgent.contains(&text) {
                urgent.push(text);
            }
        }
    }
    let advice: Vec<_> = advice_for(p, answers, outcome)
        .into_iter()
        .filter(|a| !urgent.contains(a))
        .collect();
    let summary = summary_text(p, answers, outcome, &cfg, lang);
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
    let clinic_btn = match &cfg.clinic_phone {
        Some(phone) => html! {
            <a class="ic-btn ic-call ic-call-clinic" href={phone.href()} data-action="call-clinic">
                { t.call_clinic.replace("{clinic}", &clinic_name) }<span class="ic-sub">{ phone.display.clone() }</span>
            </a>
        },
        None => html! { <p class="ic-note">{ t.no_clinic_phone }</p> },
    };
    let after_btn = cfg.after_hours.as_ref().map(|phone| html! {
        <a class="ic-btn ic-call ic-call-after" href={phone.href()} data-action="call-after-hours">
            { t.call_after_hours }<span class="ic-sub">{ phone.display.clone() }</span>
        </a>
    });
    let actions = match outcome.level {
        Level::Emergency => html! { <>{ emergency_btn }{ clinic_btn }</> },
        Level::CallNow | Level::CallToday => {
            html! { <>{ clinic_btn }{ after_btn.unwrap_or_default() }{ emergency_btn }</> }
        }
        Level::SelfCare => html! { <>{ clinic_btn }{ emergency_btn }</> },
    };
    // "Copied" only once the clipboard has taken it; a refusal (a frame
    // without `allow="clipboard-write"`, no clipboard at all) says so, and
    // the result stays.
    let on_copy = {
        let (summary, dispatch) = (summary.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let dispatch = dispatch.clone();
            js_call_then(
                &["navigator", "clipboard"],
                "writeText",
                &summary.as_str().into(),
                Box::new(move |r| dispatch.emit(Action::Copied(r.is_ok()))),
            );
        })
    };
    let can_share = super::js_has(&["navigator"], "share");
    let on_share = {
        let summary = summary.clone();
        let title = p.title.get(lang).to_string();
        Callback::from(move |_: MouseEvent| {
            let data = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&data, &"title".into(), &title.clone().into());
            let _ = js_sys::Reflect::set(&data, &"text".into(), &summary.clone().into());
            // (closing the share sheet, or a frame without
            // `allow="web-share"`, rejects: nothing to say then)
            js_call_then(&["navigator"], "share", &data.into(), Box::new(|_| {}));
        })
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
    html! {
        <section key="result" class="ic-result"
            data-disposition={outcome.disposition.code()}
            data-urgency={outcome.urgency.map(|u| u.code()).unwrap_or("")}
            aria-labelledby="ic-result-title">
            <div class="ic-banner">
                { icon(outcome.level) }
                <div>
                    <p class="ic-kicker">{ t.result_heading }{ ": " }{ level_label(outcome.level, t) }</p>
                    <h2 id="ic-result-title" tabindex="-1" ref={heading.clone()}>{ f(texts.title.get(lang)) }</h2>
                </div>
            </div>
            <p class="ic-lead">{ f(if at_clinic && outcome.level != Level::Emergency { texts.at_clinic.get(lang) } else { texts.lead.get(lang) }) }</p>
            // Red flags come before "are you still at the clinic?", so an
            // emergency never knows: it always says what to do there too.
            if outcome.level == Level::Emergency {
                <p class="ic-note" data-at-clinic="">{ f(texts.at_clinic.get(lang)) }</p>
            }
            <div class="ic-actions ic-call-actions">{ actions }</div>
            if !urgent.is_empty() && outcome.level != Level::Emergency {
                <ul class="ic-urgent" data-urgent="">
                    { for urgent.iter().map(|a| html! { <li>{ f(a.get(lang)) }</li> }) }
                </ul>
            }
            if !why.is_empty() {
                <h3>{ t.why }</h3>
                <ul class="ic-why">
                    { for why.iter().map(|r| html! { <li data-rule={r.id.clone()}>{ f(r.why.get(lang)) }</li> }) }
                </ul>
            }
            if !outcome.assumed.is_empty() {
                if let Some(a3) = p.rule("A3") {
                    <p class="ic-assumed" data-rule="A3">{ f(a3.why.get(lang)) }</p>
                }
            }
            <h3>{ t.do_now }</h3>
            <ul>
                { for texts.do_now.iter().map(|d| html! { <li>{ f(d.get(lang)) }</li> }) }
            </ul>
            if !texts.get_help.is_empty() {
                <h3>{ f(t.get_help) }</h3>
                <ul class="ic-get-help">
                    { for texts.get_help.iter().map(|d| html! { <li>{ f(d.get(lang)) }</li> }) }
                </ul>
            }
            if !advice.is_empty() && outcome.level != Level::Emergency {
                <h3>{ t.advice }</h3>
                <ul class="ic-advice">
                    { for advice.iter().map(|a| html! { <li>{ f(a.get(lang)) }</li> }) }
                </ul>
            }
            <p class="ic-disclaimer">{ t.not_diagnosis }{ " " }{ p.status.get(lang) }</p>
            <p class="ic-version">{ t.protocol_line.replace("{version}", &format!("{} {}", p.id, p.version)).replace("{date}", &p.review_date) }</p>
            <section class="ic-summary" aria-labelledby="ic-summary-title">
                <h3 id="ic-summary-title">{ t.summary_title }</h3>
                <p class="ic-hint">{ t.summary_intro }</p>
                { super::readback::readback_block(p, answers, t) }
                <pre class="ic-summary-text" data-summary="">{ summary }</pre>
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
