//! One screen per question (checklists show all their items). Each screen
//! turns taps into an `on_answer` with the screen's answers; nothing here
//! decides anything clinical.

use super::protocol_for;
use crate::i18n::strings;
use crate::protocol::{Answer, Answers, Kind, Lang, Question};
use litemap::LiteMap;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A screen's answers.
pub type ScreenAnswers = Vec<(String, Answer)>;

/// Props of every screen.
#[derive(Properties, PartialEq)]
pub struct ScreenProps {
    /// The question (or checklist) ID.
    pub qid: AttrValue,
    /// Everything answered so far (to show earlier answers after Back).
    pub answers: Answers,
    /// The language.
    pub lang: Lang,
    /// Whether to word it for someone else.
    pub they: bool,
    /// The heading's ref (focus moves there on each new screen).
    pub heading: NodeRef,
    /// Confirms the screen.
    pub on_answer: Callback<ScreenAnswers>,
    /// "I am answering for someone else" (first screen only).
    #[prop_or_default]
    pub on_respondent: Option<Callback<bool>>,
}

fn question(qid: &str, lang: Lang) -> Option<&'static Question> {
    protocol_for(lang).and_then(|p| p.question(qid))
}

fn items(
    q: &'static Question,
    lang: Lang,
) -> Vec<(&'static crate::protocol::Text, Vec<&'static Question>)> {
    let Some(p) = protocol_for(lang) else {
        return Vec::new();
    };
    q.sections
        .iter()
        .map(|(title, ids)| {
            (
                title,
                ids.iter().filter_map(|&i| p.questions.get(i)).collect(),
            )
        })
        .collect()
}

/// Any screen, keyed by `key`: dispatches on the question's kind (a
/// function, not a component: one component type less in the wasm).
pub fn screen(key: String, props: ScreenProps) -> Html {
    let Some(q) = question(&props.qid, props.lang) else {
        return html! {};
    };
    match q.kind {
        Kind::Checklist => html! { <Checklist {key} ..props /> },
        Kind::YesNo | Kind::Single => choice(key, &props),
        Kind::Multi => html! { <Multi {key} ..props /> },
        Kind::Text => free_text(key, &props),
    }
}

fn heading(q: &Question, props: &ScreenProps, id: &str) -> Html {
    html! {
        <h2 class="ic-q" id={id.to_string()} tabindex="-1" ref={props.heading.clone()}>
            { q.wording(props.they).get(props.lang) }
        </h2>
    }
}

/// The red-flag checklist and the faint follow-ups: tick what is true, or
/// "None of these", or answer each item yes / no / not sure.
#[component]
pub fn Checklist(props: &ScreenProps) -> Html {
    let t = strings(props.lang);
    let q = question(&props.qid, props.lang);
    let initial = {
        let (answers, lang) = (props.answers.clone(), props.lang);
        move || {
            // Ticked items; in the one-by-one mode (any "not sure"), every
            // answer, "no" too: an item left unanswered there is asked for.
            let mut m: LiteMap<String, String> = LiteMap::new();
            if let Some(q) = q {
                for (_, list) in items(q, lang) {
                    for item in list {
                        if let Some(Answer::One(code)) = answers.get(&item.id) {
                            m.insert(item.id.clone(), code.clone());
                        }
                    }
                }
            }
            if !m.values().any(|c| c == "not_sure") {
                m.retain(|_, c| c != "no");
            }
            m
        }
    };
    let ticks = use_state(initial);
    let per_item = use_state(|| ticks.values().any(|c| c == "not_sure"));
    let error: UseStateHandle<Option<&'static str>> = use_state(|| None);
    let Some(q) = q else { return html! {} };
    let sections = items(q, props.lang);
    let all_ids: Vec<String> = sections
        .iter()
        .flat_map(|(_, l)| l.iter().map(|i| i.id.clone()))
        .collect();
    let submit = {
        let ticks = ticks.clone();
        let all_ids = all_ids.clone();
        let on_answer = props.on_answer.clone();
        let error = error.clone();
        let per_item = per_item.clone();
        move |none: bool| {
            // Never resolve contradictory input downwards: "None of these"
            // with something ticked (or marked not sure) does nothing but ask.
            if none && ticks.values().any(|c| c != "no") {
                error.set(Some(t.none_conflict));
                return;
            }
            // One by one, every item needs its own answer: none starts as "No".
            if !none && *per_item && all_ids.iter().any(|id| !ticks.contains_key(id)) {
                error.set(Some(t.answer_each));
                return;
            }
            if !none && ticks.is_empty() {
                error.set(Some(t.pick_one));
                return;
            }
            let list = all_ids
                .iter()
                .map(|id| {
                    let code = if none {
                        "no".to_string()
                    } else {
                        ticks.get(id).cloned().unwrap_or_else(|| "no".into())
                    };
                    (id.clone(), Answer::One(code))
                })
                .collect();
            on_answer.emit(list);
        }
    };
    let on_next = {
        let submit = submit.clone();
        Callback::from(move |_: MouseEvent| submit(false))
    };
    let on_none = Callback::from(move |_: MouseEvent| submit(true));
    let on_unsure = {
        let per_item = per_item.clone();
        Callback::from(move |_: MouseEvent| per_item.set(true))
    };
    let set = |id: String, code: Option<String>| {
        let ticks = ticks.clone();
        let error = error.clone();
        move || {
            let mut m = (*ticks).clone();
            match &code {
                Some(c) => m.insert(id.clone(), c.clone()),
                None => m.remove(&id),
            };
            error.set(None);
            ticks.set(m);
        }
    };
    let title_id = format!("ic-h-{}", q.id);
    let respondent = props.on_respondent.clone().map(|cb| {
        let they = props.they;
        let onchange = Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            cb.emit(checked);
        });
        html! {
            <label class="ic-someone">
                <input type="checkbox" checked={they} {onchange} data-option="helping_someone" />
                <span>{ t.for_someone_else }</span>
            </label>
        }
    });
    html! {
        <div class="ic-screen ic-checklist" data-question={q.id.clone()}>
            { respondent.unwrap_or_default() }
            <fieldset aria-describedby={format!("{title_id}-hint")}>
                <legend>{ heading(q, props, &title_id) }</legend>
                <p class="ic-hint" id={format!("{title_id}-hint")}>
                    { if *per_item { t.unsure_checklist_hint } else { q.hint.as_ref().map(|h| h.get(props.lang)).unwrap_or_default() } }
                </p>
                { for sections.iter().map(|(title, list)| html! {
                    <div class="ic-section">
                        <h3>{ title.get(props.lang) }</h3>
                        { for list.iter().map(|item| {
                            let text = item.wording(props.they).get(props.lang).to_string();
                            let current = ticks.get(&item.id).cloned();
                            if *per_item {
                                let name = format!("ic-{}", item.id);
                                html! {
                                    <fieldset class="ic-item3" data-question={item.id.clone()}>
                                        <legend>{ text.clone() }</legend>
                                        <div class="ic-row">
                                        { for [("yes", t.yes), ("no", t.no), ("not_sure", t.not_sure)].into_iter().map(|(code, label)| {
                                            let checked = current.as_deref() == Some(code);
                                            let f = set(item.id.clone(), Some(code.to_string()));
                                            let onchange = Callback::from(move |_: Event| f());
                                            html! {
                                                <label class="ic-radio">
                                                    <input type="radio" name={name.clone()} {checked} {onchange} data-option={code} />
                                                    <span>{ label }</span>
                                                </label>
                                            }
                                        }) }
                                        </div>
                                    </fieldset>
                                }
                            } else {
                                let checked = current.is_some();
                                let f_on = set(item.id.clone(), Some("yes".into()));
                                let f_off = set(item.id.clone(), None);
                                let onchange = Callback::from(move |e: Event| {
                                    if e.target_unchecked_into::<HtmlInputElement>().checked() { f_on() } else { f_off() }
                                });
                                html! {
                                    <label class="ic-check" data-question={item.id.clone()}>
                                        <input type="checkbox" {checked} {onchange} data-option={item.id.clone()} />
                                        <span>{ text }</span>
                                    </label>
                                }
                            }
                        }) }
                    </div>
                }) }
            </fieldset>
            if let Some(message) = *error {
                <p class="ic-error" role="alert">{ message }</p>
            }
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={on_next} data-action="next">{ t.next }</button>
                <button type="button" class="ic-btn" onclick={on_none} data-option="none">{ t.none_of_these }</button>
                if !*per_item {
                    <button type="button" class="ic-btn ic-link" onclick={on_unsure} data-option="unsure">{ t.unsure_checklist }</button>
                }
            </div>
        </div>
    }
}

/// Yes / No (/ Not sure) and single choice: one tap answers and moves on.
/// It keeps no state: a function, not a component (smaller wasm).
fn choice(key: String, props: &ScreenProps) -> Html {
    let t = strings(props.lang);
    let Some(q) = question(&props.qid, props.lang) else {
        return html! {};
    };
    let current = match props.answers.get(&q.id) {
        Some(Answer::One(c)) => Some(c.clone()),
        _ => None,
    };
    let mut options: Vec<(String, String, Option<String>)> = match q.kind {
        Kind::YesNo => vec![
            ("yes".into(), t.yes.into(), None),
            ("no".into(), t.no.into(), None),
        ],
        _ => q
            .options
            .iter()
            .map(|o| {
                (
                    o.id.clone(),
                    o.label.get(props.lang).to_string(),
                    o.hint.as_ref().map(|h| h.get(props.lang).to_string()),
                )
            })
            .collect(),
    };
    if q.offers_not_sure {
        options.push(("not_sure".into(), t.not_sure.into(), None));
    }
    let title_id = format!("ic-h-{}", q.id);
    html! {
        <div {key} class="ic-screen" data-question={q.id.clone()} role="group" aria-labelledby={title_id.clone()}>
            { heading(q, props, &title_id) }
            if let Some(h) = &q.hint { <p class="ic-hint">{ h.get(props.lang) }</p> }
            <div class="ic-options">
                { for options.into_iter().map(|(code, label, hint)| {
                    let pressed = current.as_deref() == Some(code.as_str());
                    let on_answer = props.on_answer.clone();
                    let id = q.id.clone();
                    let c = code.clone();
                    let onclick = Callback::from(move |_: MouseEvent| on_answer.emit(vec![(id.clone(), Answer::One(c.clone()))]));
                    html! {
                        <button type="button" class={if pressed { "ic-option ic-chosen" } else { "ic-option" }}
                            aria-pressed={pressed.to_string()} {onclick} data-option={code}>
                            <span class="ic-label">{ label }</span>
                            if let Some(h) = hint { <span class="ic-sub">{ h }</span> }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

/// Multi-choice: tick all that apply, then Next.
#[component]
pub fn Multi(props: &ScreenProps) -> Html {
    let t = strings(props.lang);
    let q = question(&props.qid, props.lang);
    let initial = {
        let answers = props.answers.clone();
        move || match q.and_then(|q| answers.get(&q.id)) {
            Some(Answer::Many(v)) => v.clone(),
            _ => Vec::new(),
        }
    };
    let picked = use_state(initial);
    let error: UseStateHandle<Option<&'static str>> = use_state(|| None);
    let Some(q) = q else { return html! {} };
    let must_pick = q.options.iter().any(|o| o.exclusive);
    let title_id = format!("ic-h-{}", q.id);
    let submit = {
        let picked = picked.clone();
        let on_answer = props.on_answer.clone();
        let error = error.clone();
        let id = q.id.clone();
        move |none: bool| {
            if none && !picked.is_empty() {
                error.set(Some(t.none_conflict));
            } else if none {
                on_answer.emit(vec![(id.clone(), Answer::Many(Vec::new()))]);
            } else if picked.is_empty() {
                error.set(Some(t.pick_one));
            } else {
                on_answer.emit(vec![(id.clone(), Answer::Many((*picked).clone()))]);
            }
        }
    };
    let on_next = {
        let submit = submit.clone();
        Callback::from(move |_: MouseEvent| submit(false))
    };
    let on_none = Callback::from(move |_: MouseEvent| submit(true));
    html! {
        <div class="ic-screen" data-question={q.id.clone()}>
            <fieldset>
                <legend>{ heading(q, props, &title_id) }</legend>
                <div class="ic-checks">
                { for q.options.iter().map(|o| {
                    let checked = picked.contains(&o.id);
                    let picked = picked.clone();
                    let error = error.clone();
                    let id = o.id.clone();
                    let exclusive = o.exclusive;
                    let exclusive_ids: Vec<String> = q.options.iter().filter(|x| x.exclusive).map(|x| x.id.clone()).collect();
                    let onchange = Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut v: Vec<String> = (*picked).clone();
                        v.retain(|x| x != &id);
                        if on {
                            if exclusive { v.clear(); } else { v.retain(|x| !exclusive_ids.contains(x)); }
                            v.push(id.clone());
                        }
                        error.set(None);
                        picked.set(v);
                    });
                    html! {
                        <label class={if o.exclusive { "ic-check ic-exclusive" } else { "ic-check" }}>
                            <input type="checkbox" {checked} {onchange} data-option={o.id.clone()} />
                            <span>{ o.label.get(props.lang) }
                                if let Some(h) = &o.hint { <span class="ic-sub">{ h.get(props.lang) }</span> }
                            </span>
                        </label>
                    }
                }) }
                </div>
            </fieldset>
            if let Some(message) = *error {
                <p class="ic-error" role="alert">{ message }</p>
            }
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={on_next} data-action="next">{ t.next }</button>
                if !must_pick {
                    <button type="button" class="ic-btn" onclick={on_none} data-option="none">{ t.none_of_these }</button>
                }
            </div>
        </div>
    }
}

/// Free text: kept on the phone, never used to lower the result. The
/// textarea keeps what is typed (no state: a function, not a component); Next
/// reads it from the page.
fn free_text(key: String, props: &ScreenProps) -> Html {
    let t = strings(props.lang);
    let Some(q) = question(&props.qid, props.lang) else {
        return html! {};
    };
    let initial = match props.answers.get(&q.id) {
        Some(Answer::One(s)) => s.clone(),
        _ => String::new(),
    };
    let title_id = format!("ic-h-{}", q.id);
    let emit = |read: bool| {
        let on_answer = props.on_answer.clone();
        let id = q.id.clone();
        Callback::from(move |e: MouseEvent| {
            let s: String = if read { typed(&e) } else { String::new() };
            on_answer.emit(vec![(
                id.clone(),
                Answer::One(s.chars().take(500).collect()),
            )]);
        })
    };
    html! {
        <div {key} class="ic-screen" data-question={q.id.clone()}>
            <label for="ic-text">{ heading(q, props, &title_id) }</label>
            <textarea id="ic-text" rows="3" maxlength="500" value={initial} />
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={emit(true)} data-action="next">{ t.next }</button>
                <button type="button" class="ic-btn" onclick={emit(false)} data-option="skip">{ t.skip }</button>
            </div>
        </div>
    }
}

/// The text in the clicked button's screen's textarea.
fn typed(e: &MouseEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".ic-screen").ok().flatten())
        .and_then(|screen| screen.query_selector("textarea").ok().flatten())
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .unwrap_or_default()
}
