//! One screen per question (checklists show all their items). Each screen
//! turns taps into actions of the root reducer: a confirmed screen's answers,
//! drafts (ticks not yet confirmed), notices; nothing here decides anything
//! clinical.

use super::state::{Action, Notice};
use crate::i18n::Strings;
use crate::protocol::{Answer, Answers, Kind, Lang, Protocol, Question};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A screen's answers.
pub type ScreenAnswers = Vec<(String, Answer)>;

/// What every screen gets. Screens keep no state of their own (they are
/// functions, not components: smaller wasm): ticks not yet confirmed are
/// drafts in the root reducer, as is what a screen asks the patient to fix.
pub struct ScreenProps {
    /// The protocol (in `lang`).
    pub p: &'static Protocol,
    /// The widget's words in `lang`.
    pub t: &'static Strings,
    /// The question (or checklist) ID.
    pub qid: String,
    /// Everything answered so far, drafts included (to show earlier answers
    /// after Back, and the ticks of the current screen).
    pub answers: Answers,
    /// The language.
    pub lang: Lang,
    /// Whether to word it for someone else.
    pub they: bool,
    /// The patient chose to answer this checklist item by item.
    pub per_item: bool,
    /// What the screen asks the patient to fix.
    pub notice: Option<Notice>,
    /// The first screen (it carries "I am answering for someone else").
    pub first: bool,
    /// A line under the question (an answer given in advance: why).
    pub note: Option<String>,
    /// The heading's ref (focus moves there on each new screen).
    pub heading: NodeRef,
    /// Every action of the screen (answers, drafts, notices).
    pub dispatch: Callback<Action>,
}

impl ScreenProps {
    /// Confirms the screen with these answers.
    fn answer(&self, answers: ScreenAnswers) -> Callback<MouseEvent> {
        let (dispatch, screen) = (self.dispatch.clone(), self.qid.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Answer {
                screen: screen.clone(),
                answers: answers.clone(),
            })
        })
    }

    /// Sends `action` when the element changes (a tick or a choice).
    fn on_change(&self, action: impl Fn(bool) -> Action + 'static) -> Callback<Event> {
        let dispatch = self.dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.emit(action(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    }

    /// GOV.UK's error summary at the top of the screen, when Next was
    /// tapped with nothing picked: its link goes to the first box.
    fn error_summary(&self, message: &'static str) -> Html {
        if self.notice.is_none() {
            return html! {};
        }
        let t = self.t;
        let to_first = Callback::from(|e: MouseEvent| {
            use wasm_bindgen::JsCast;
            e.prevent_default();
            let first = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".ic-screen").ok().flatten())
                .and_then(|s| s.query_selector("fieldset input").ok().flatten())
                .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(first) = first {
                let _ = first.focus();
            }
        });
        html! {
            <div class="ic-error-summary" role="alert" tabindex="-1" data-error-summary="">
                // (an h2, as GOV.UK's: it comes before the question's h2)
                <h2>{ t.error_title }</h2>
                <a href="#" onclick={to_first}>{ message }</a>
            </div>
        }
    }

    /// The error beside the boxes (its ID is in the fieldset's description).
    fn error_message(&self, title_id: &str, message: &'static str) -> Html {
        if self.notice.is_none() {
            return html! {};
        }
        html! { <p class="ic-error" id={format!("{title_id}-error")} data-error="">{ message }</p> }
    }

    /// The fieldset's description: its hint, and its error if any.
    fn described_by(&self, title_id: &str) -> String {
        match self.notice {
            Some(_) => format!("{title_id}-hint {title_id}-error"),
            None => format!("{title_id}-hint"),
        }
    }
}

fn items(
    q: &'static Question,
    p: &'static Protocol,
) -> Vec<(&'static crate::protocol::Text, Vec<&'static Question>)> {
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

/// The therapy screen (`super::therapy`): a multi-choice question of the
/// widget's own, not the protocol's.
pub fn therapy_screen(key: String, q: &'static Question, props: ScreenProps) -> Html {
    multi(key, q, &props)
}

/// Any screen, keyed by `key`: dispatches on the question's kind.
pub fn screen(key: String, props: ScreenProps) -> Html {
    let Some(q) = props.p.question(&props.qid) else {
        return html! {};
    };
    match q.kind {
        Kind::Checklist => checklist(key, q, &props),
        Kind::YesNo | Kind::Single => choice(key, q, &props),
        Kind::Multi => multi(key, q, &props),
        Kind::Text => free_text(key, q, &props),
    }
}

fn heading(q: &Question, props: &ScreenProps, id: &str) -> Html {
    html! {
        <h2 class="ic-q" id={id.to_string()} tabindex="-1" ref={props.heading.clone()}>
            { q.wording(props.they).get(props.lang) }
        </h2>
    }
}

/// The red-flag checklist and the faint follow-ups, as GOV.UK's checkboxes:
/// tick what is true, or "None of these" (last, after "or"; it unticks the
/// others). Explained ("I'm not sure what some of these mean"), each item
/// shows a plain line and its own "Not sure" (taken the cautious way).
fn checklist(key: String, q: &'static Question, props: &ScreenProps) -> Html {
    let t = props.t;
    let sections = items(q, props.p);
    let all: Vec<&Question> = sections
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    let mark = |id: &str| match props.answers.get(id) {
        Some(Answer::One(code)) => Some(code.as_str()),
        _ => None,
    };
    // Explained once asked for, or when an item is already "not sure".
    let explained = props.per_item || all.iter().any(|i| mark(&i.id) == Some("not_sure"));
    let ids: Vec<String> = all.iter().map(|i| i.id.clone()).collect();
    // "None of these" is every item a "no" (so it shows again after Back).
    let none = all.iter().all(|i| mark(&i.id) == Some("no"));
    let any = all
        .iter()
        .any(|i| matches!(mark(&i.id), Some(c) if c != "no"));
    let on_next = if none || any {
        props.answer(
            all.iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        Answer::One(mark(&i.id).unwrap_or("no").into()),
                    )
                })
                .collect(),
        )
    } else {
        notice(props, Notice::PickOne)
    };
    let on_none = {
        let ids = ids.clone();
        props.on_change(move |on| Action::NoneOfThese {
            items: ids.clone(),
            on,
        })
    };
    let on_unsure = {
        let (dispatch, ids) = (props.dispatch.clone(), ids.clone());
        let screen = q.id.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::PerItem {
                screen: screen.clone(),
                items: ids.clone(),
            })
        })
    };
    let title_id = format!("ic-h-{}", q.id);
    let respondent = props.first.then(|| {
        html! {
            <label class="ic-someone">
                <input type="checkbox" checked={props.they} onchange={props.on_change(Action::SetRespondent)} data-option={crate::roles::RESPONDENT_HELPER} autocomplete="off" />
                <span>{ t.for_someone_else }</span>
            </label>
        }
    });
    let hint = if explained {
        Some(t.unsure_checklist_hint)
    } else {
        q.hint.as_ref().map(|h| h.get(props.lang))
    };
    html! {
        <div {key} class="ic-screen ic-checklist" data-question={q.id.clone()} data-explained={explained.then_some("")}>
            { props.error_summary(t.select_or_none) }
            { respondent.unwrap_or_default() }
            <fieldset aria-describedby={props.described_by(&title_id)}>
                <legend>{ heading(q, props, &title_id) }</legend>
                <p class="ic-hint" id={format!("{title_id}-hint")}>{ hint.unwrap_or_default() }</p>
                if !explained {
                    <button type="button" class="ic-btn ic-link ic-explain" onclick={on_unsure} data-option="unsure">{ t.unsure_checklist }</button>
                }
                { props.error_message(&title_id, t.select_or_none) }
                { for sections.iter().map(|(title, list)| html! {
                    <div class="ic-section">
                        <h3>{ title.get(props.lang) }</h3>
                        { for list.iter().map(|item| {
                            let text = item.wording(props.they).get(props.lang);
                            let current = mark(&item.id);
                            let id = item.id.clone();
                            let on_yes = props.on_change(move |on| Action::Draft(id.clone(), on.then(|| Answer::One("yes".into()))));
                            let (id, screen) = (item.id.clone(), q.id.clone());
                            let on_unsure = props.on_change(move |on| if on {
                                Action::Mark { screen: screen.clone(), item: id.clone(), code: "not_sure".into() }
                            } else {
                                Action::Draft(id.clone(), None)
                            });
                            html! {
                                <div class="ic-item" data-question={item.id.clone()}>
                                    <label class="ic-check">
                                        <input type="checkbox" checked={current == Some("yes")} onchange={on_yes} data-option={item.id.clone()} autocomplete="off" />
                                        <span>{ text }
                                            if explained {
                                                if let Some(h) = &item.hint { <span class="ic-sub">{ h.get(props.lang) }</span> }
                                            }
                                        </span>
                                    </label>
                                    if explained {
                                        <label class="ic-unsure">
                                            <input type="checkbox" checked={current == Some("not_sure")} onchange={on_unsure}
                                                data-option="not_sure" data-item={item.id.clone()}
                                                aria-label={format!("{}: {}", t.not_sure, text)} />
                                            <span aria-hidden="true">{ t.not_sure }</span>
                                        </label>
                                    }
                                </div>
                            }
                        }) }
                    </div>
                }) }
                <p class="ic-or">{ t.or }</p>
                <label class="ic-check ic-none">
                    <input type="checkbox" checked={none} onchange={on_none} data-option="none" autocomplete="off" />
                    <span>{ t.none_of_these }</span>
                </label>
            </fieldset>
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={on_next} data-action="next">{ t.next }</button>
            </div>
        </div>
    }
}

/// A tap that only shows `n` (the screen cannot move on yet).
fn notice(props: &ScreenProps, n: Notice) -> Callback<MouseEvent> {
    let dispatch = props.dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.emit(Action::Notice(n)))
}

/// Yes / No (/ Not sure) and single choice: one tap answers and moves on.
fn choice(key: String, q: &'static Question, props: &ScreenProps) -> Html {
    let t = props.t;
    let current = match props.answers.get(&q.id) {
        Some(Answer::One(c)) => Some(c.as_str()),
        _ => None,
    };
    let mut options: Vec<(&str, &str, Option<&str>)> = match q.kind {
        Kind::YesNo => vec![("yes", t.yes, None), ("no", t.no, None)],
        _ => q
            .options
            .iter()
            .map(|o| {
                (
                    o.id.as_str(),
                    o.label.get(props.lang),
                    o.hint.as_ref().map(|h| h.get(props.lang)),
                )
            })
            .collect(),
    };
    if q.offers_not_sure {
        options.push(("not_sure", t.not_sure, None));
    }
    let title_id = format!("ic-h-{}", q.id);
    html! {
        <div {key} class="ic-screen" data-question={q.id.clone()} role="group" aria-labelledby={title_id.clone()}>
            { heading(q, props, &title_id) }
            if let Some(h) = &q.hint { <p class="ic-hint">{ h.get(props.lang) }</p> }
            if let Some(n) = &props.note { <p class="ic-note" data-prefilled="">{ n.clone() }</p> }
            <div class="ic-options">
                { for options.into_iter().map(|(code, label, hint)| {
                    let pressed = current == Some(code);
                    let onclick = props.answer(vec![(q.id.clone(), Answer::One(code.into()))]);
                    html! {
                        <button type="button" class="ic-option"
                            aria-pressed={pressed.to_string()} {onclick} data-option={code.to_string()}>
                            <span class="ic-label">{ label }</span>
                            if let Some(h) = hint { <span class="ic-sub">{ h }</span> }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

/// Multi-choice: tick all that apply, then Next. "None of these" (or the
/// question's own exclusive options) comes last, after "or", and unticks
/// the others.
fn multi(key: String, q: &'static Question, props: &ScreenProps) -> Html {
    let t = props.t;
    let draft = match props.answers.get(&q.id) {
        Some(Answer::Many(v)) => Some(v.clone()),
        _ => None,
    };
    let picked = draft.clone().unwrap_or_default();
    // An empty pick is "None of these" (a draft, or confirmed before Back).
    let none = draft.as_ref().is_some_and(|v| v.is_empty());
    let must_pick = q.options.iter().any(|o| o.exclusive);
    let title_id = format!("ic-h-{}", q.id);
    let on_next = if picked.is_empty() && !none {
        notice(props, Notice::PickOne)
    } else {
        props.answer(vec![(q.id.clone(), Answer::Many(picked.clone()))])
    };
    let on_none = {
        let qid = q.id.clone();
        props.on_change(move |on| Action::Draft(qid.clone(), on.then(|| Answer::Many(Vec::new()))))
    };
    let message = if q.id == super::therapy::THERAPY {
        t.therapy_pick
    } else if must_pick {
        t.pick_one
    } else {
        t.select_or_none
    };
    let first_exclusive = q.options.iter().position(|o| o.exclusive);
    html! {
        <div {key} class="ic-screen" data-question={q.id.clone()}>
            { props.error_summary(message) }
            // (its hint, if any, and its error if any)
            <fieldset aria-describedby={if q.hint.is_some() { Some(props.described_by(&title_id)) } else { props.notice.map(|_| format!("{title_id}-error")) }}>
                <legend>{ heading(q, props, &title_id) }</legend>
                if let Some(h) = &q.hint { <p class="ic-hint" id={format!("{title_id}-hint")}>{ h.get(props.lang) }</p> }
                { props.error_message(&title_id, message) }
                <div class="ic-checks">
                { for q.options.iter().enumerate().map(|(n, o)| {
                    let checked = picked.contains(&o.id);
                    let (qid, id, exclusive, picked) = (q.id.clone(), o.id.clone(), o.exclusive, picked.clone());
                    let onchange = props.on_change(move |on| {
                        let mut v = picked.clone();
                        v.retain(|x| x != &id);
                        if on {
                            if exclusive {
                                v.clear();
                            } else {
                                v.retain(|x| !q.options.iter().any(|o| o.exclusive && &o.id == x));
                            }
                            v.push(id.clone());
                        }
                        // (nothing left ticked is not "None of these")
                        Action::Draft(qid.clone(), (!v.is_empty()).then_some(Answer::Many(v)))
                    });
                    html! {
                        <>
                            if first_exclusive == Some(n) { <p class="ic-or">{ t.or }</p> }
                            <label class="ic-check" data-exclusive={o.exclusive.then_some("")}>
                                <input type="checkbox" {checked} {onchange} data-option={o.id.clone()} />
                                <span>{ o.label.get(props.lang) }
                                    if let Some(h) = &o.hint { <span class="ic-sub">{ h.get(props.lang) }</span> }
                                </span>
                            </label>
                        </>
                    }
                }) }
                if !must_pick {
                    <p class="ic-or">{ t.or }</p>
                    <label class="ic-check ic-none">
                        <input type="checkbox" checked={none} onchange={on_none} data-option="none" />
                        <span>{ t.none_of_these }</span>
                    </label>
                }
                </div>
            </fieldset>
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={on_next} data-action="next">{ t.next }</button>
            </div>
        </div>
    }
}

/// Free text: kept on the phone, never used to lower the result. The
/// textarea keeps what is typed; Next reads it from the page.
fn free_text(key: String, q: &'static Question, props: &ScreenProps) -> Html {
    let t = props.t;
    let initial = match props.answers.get(&q.id) {
        Some(Answer::One(s)) => s.clone(),
        _ => String::new(),
    };
    let title_id = format!("ic-h-{}", q.id);
    let on_next = {
        let (dispatch, id) = (props.dispatch.clone(), q.id.clone());
        Callback::from(move |e: MouseEvent| {
            let s: String = typed(&e).chars().take(500).collect();
            dispatch.emit(Action::Answer {
                screen: id.clone(),
                answers: vec![(id.clone(), Answer::One(s))],
            })
        })
    };
    html! {
        <div {key} class="ic-screen" data-question={q.id.clone()}>
            <label for="ic-text">{ heading(q, props, &title_id) }</label>
            <textarea id="ic-text" rows="3" maxlength="500" value={initial} />
            <div class="ic-actions">
                <button type="button" class="ic-btn ic-primary" onclick={on_next} data-action="next">{ t.next }</button>
                <button type="button" class="ic-btn" onclick={props.answer(vec![(q.id.clone(), Answer::One(String::new()))])} data-option="skip">{ t.skip }</button>
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
