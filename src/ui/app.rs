//! The check: one reducer over the answers (src/ui/state.rs), the screen the
//! engine asks for next, the emergency bar on every screen, and the effects
//! (storage, focus, the reasons' file).

use super::saved::{self, Keep};
use super::state::REPEAT_USE;
use super::therapy;
use super::*;
use crate::history::{same_problem_within_a_day, Check};
use crate::protocol::Answer;

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

/// The widget: the check. [`mount_with`] renders it only once a language
/// file is loaded (until then, and if none can be had, the root shows the
/// fallback: the emergency number and the clinic), and files are never
/// unloaded: the early return below is never taken, so the hooks run in the
/// same order on every render. (No wrapper component waits for the file: one
/// component type less in the wasm.)
#[component]
pub fn App(props: &AppProps) -> Html {
    #[cfg(feature = "test-hooks")]
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
    let state = use_reducer(|| {
        let mut w = match (loaded_first(lang0), handover) {
            // What the patient did on the screen they saw wins over a check kept
            // in this tab: it is what they answered last.
            (Some((_, p)), Some(h)) if h.any() => h.apply(p, lang0, preset.clone()),
            (Some((_, p)), _) => restore(p, lang0, setting_changed, &preset),
            (None, _) => Wizard::new(lang0, preset.clone()),
        };
        // The checks kept on this phone (opt-in: local storage).
        w.saved = Rc::new(load_history());
        w
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
    // What was in the drip, when the clinic gives several: the therapy
    // screen comes after the first screen (and its follow-ups), unless the
    // check is already over (an emergency); once picked, the check runs with
    // those packs' file (loaded first: `pending`).
    let offered = &props.config.therapy.offered;
    let pick = (offered.len() >= 2)
        .then(|| therapy::picked(&state.history, &state.answers, offered))
        .flatten();
    let wanted = pick
        .as_ref()
        .and_then(|l| therapy::selection_for(l, offered));
    let pending = wanted.filter(|w| *w != crate::loader::current());
    let ask_therapy = offered.len() >= 2
        && pick.is_none()
        && !state.history.is_empty()
        && matches!(&step, Step::Ask(q) if !therapy::follows_first(q, p));
    {
        // Every file a pick can need, in the language shown, fetched when the
        // check shows (and when the language changes before the pick): a
        // request after the pick would tell the site what was picked.
        let offered = offered.clone();
        let before_pick = offered.len() >= 2 && pick.is_none();
        use_effect_with((lang, before_pick), move |(lang, before_pick)| {
            if *before_pick {
                for sel in therapy::candidates(&offered) {
                    crate::loader::prefetch(sel, *lang);
                }
            }
        });
    }
    {
        let state = state.clone();
        use_effect_with(
            (pending, lang, state.pack_failed),
            move |(pending, lang, failed)| {
                if let (Some(sel), false) = (*pending, *failed) {
                    crate::loader::request_pack_in(sel, *lang, move |ok| {
                        if ok {
                            crate::loader::select(sel);
                        }
                        state.dispatch(if ok {
                            Action::Reasons
                        } else {
                            Action::PackFailed(true)
                        });
                    });
                }
            },
        );
    }
    let screen_key = match &step {
        _ if pending.is_some() => "loading".to_string(),
        _ if ask_therapy => therapy::THERAPY.to_string(),
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

    // The repeat-use question (P9), answered "yes" in advance when a check
    // kept on this phone in the last day had one of the problems picked now:
    // shown as picked, with why, and changed like any answer.
    let symptoms = match confirmed.get(crate::protocol::GROUPS_QUESTION) {
        Some(Answer::Many(v)) => v.clone(),
        _ => Vec::new(),
    };
    let repeat = (screen_key == REPEAT_USE)
        .then(|| same_problem_within_a_day(&state.saved, now_s(), &symptoms).map(|c| c.at))
        .flatten();
    {
        // (and taken back, if the problems picked changed since: never a
        // "yes" the patient did not give without the line saying why)
        let state = state.clone();
        let on_screen = screen_key == REPEAT_USE;
        use_effect_with((on_screen, repeat.is_some()), move |(on_screen, same)| {
            if *on_screen && (*same || state.prefilled) {
                state.dispatch(Action::PrefillRepeat(*same));
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
    let announce = match &step {
        // (and its failure: the heading changes under the focus, unread)
        _ if pending.is_some() && state.pack_failed => t.therapy_failed.to_string(),
        _ if pending.is_some() => t.therapy_loading.to_string(),
        _ if ask_therapy => t.announce_question.replace("{q}", t.therapy_q),
        Step::Ask(q) => t
            .announce_question
            .replace("{q}", q.wording(they).get(lang)),
        Step::Done(o) => t
            .announce_result
            .replace("{r}", crate::summary::level_label(o.level, t)),
    };
    // After a pick: the drips picked are what the results say was in it
    // (unless the clinic wrote it, `infusion`), and what a reminder's link
    // back presets (the same drips, not asked again).
    let cfg = match &pick {
        Some(_) if pending.is_none() => {
            let packs = therapy::packs_of(&p.id);
            let mut c = (*props.config).clone();
            if c.infusion.is_empty() {
                // (in the patient's words: what they picked, or "I'm not sure")
                let said = match state.answers.get(therapy::THERAPY) {
                    Some(Answer::Many(v)) => v.clone(),
                    _ => packs.clone(),
                };
                c.infusion = therapy::contents(t, &said);
            }
            c.therapy = crate::config::Therapy {
                preset: packs,
                offered: Vec::new(),
            };
            Rc::new(c)
        }
        _ => props.config.clone(),
    };
    let screen_props = |qid: String, dispatch: Callback<Action>| screens::ScreenProps {
        note: None,
        p,
        t,
        qid,
        answers: state.answers.clone(),
        lang,
        they,
        per_item: false,
        notice: state.notice,
        first: false,
        heading: heading.clone(),
        dispatch,
    };
    let body = match step {
        // The drip picked: its questions load (or could not: try again,
        // and whom to call meanwhile is on every screen).
        _ if pending.is_some() => {
            let retry = {
                let state = state.clone();
                Callback::from(move |_: MouseEvent| state.dispatch(Action::PackFailed(false)))
            };
            html! {
                <div class="ic-screen" data-loading-pack="">
                    <h2 class="ic-q" tabindex="-1" ref={heading.clone()}>
                        { if state.pack_failed { t.therapy_failed } else { t.therapy_loading } }
                    </h2>
                    if state.pack_failed {
                        <div class="ic-actions">
                            <button type="button" class="ic-btn ic-primary" onclick={retry} data-action="retry">{ t.retry }</button>
                        </div>
                    }
                </div>
            }
        }
        _ if ask_therapy => screens::therapy_screen(
            format!("{}-{}", therapy::THERAPY, state.moves),
            therapy::question(t, lang, offered),
            screen_props(therapy::THERAPY.to_string(), dispatch),
        ),
        Step::Ask(q) => html! {
            <>
                // No count on the first screen (every path is still open),
                // nor while the most left is long: a worried patient reads
                // "1 of 60" as a long check. The count only goes down.
                if let Some((done, left)) = (!first_screen && !ask_therapy).then(|| progress(p, &confirmed)) {
                    // (screens done, the most that can be left): a total that
                    // never grows; walked only where it is shown (not on the
                    // first screen, which the patient waits for).
                    <div class="ic-progress">
                        <p>{ t.progress.replace("{n}", &(done + 1 + usize::from(pick.is_some())).to_string()) }
                            if left <= PROGRESS_COUNT_FROM {
                                { " · " }{ if left <= 1 { t.progress_last.to_string() } else { t.progress_more.replace("{m}", &(left - 1).to_string()) } }
                            }
                        </p>
                        if left <= PROGRESS_COUNT_FROM {
                            <progress max={(done + left).to_string()} value={done.to_string()} aria-hidden="true"></progress>
                        }
                    </div>
                }
                // Keyed by the screen and the move count: each screen starts
                // fresh in the DOM (focus, scroll); its ticks live in the reducer.
                { screens::screen(format!("{}-{}", q.id, state.moves), screens::ScreenProps {
                    note: repeat
                        .filter(|_| matches!(state.answers.get(REPEAT_USE), Some(Answer::One(c)) if c == "yes"))
                        .map(|at| t.prefilled_repeat.replace("{when}", &saved::when(t, at))),
                    p, t, qid: q.id.clone(), answers: state.answers.clone(), lang, they,
                    per_item: state.one_by_one.contains(&q.id), notice: state.notice, first: first_screen,
                    heading: heading.clone(), dispatch,
                }) }
            </>
        },
        Step::Done(outcome) => result::result_view(result::ResultProps {
            p,
            t,
            saved: saved::SavedProps {
                list: state.saved.clone(),
                keep: state.keep,
                on_keep: {
                    let state = state.clone();
                    let (level, symptoms) = (outcome.level, symptoms.clone());
                    Callback::from(move |_: MouseEvent| {
                        if state.keep == Keep::Kept {
                            return;
                        }
                        let check = Check {
                            at: now_s(),
                            level,
                            symptoms: symptoms.clone(),
                        };
                        // (read again: another tab may have kept one since)
                        let list = crate::history::add(load_history(), check);
                        state.dispatch(if save_history(&list) {
                            Action::Saved(Rc::new(list), Keep::Kept)
                        } else {
                            Action::Saved(state.saved.clone(), Keep::Failed)
                        });
                    })
                },
                on_delete: {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| {
                        if save_history(&[]) {
                            state.dispatch(Action::Saved(Rc::new(Vec::new()), Keep::Deleted));
                        }
                    })
                },
            },
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
                // and the NHS place it; on the first, under Next, the line
                // that the answers stay on the phone (in the main landmark:
                // axe's `region`; below, so the checklist starts higher).
                if !first_screen {
                    <button type="button" class="ic-back" onclick={on_back} data-action="back">{ t.back }</button>
                }
                { body }
                if first_screen {
                    <p class="ic-intro">{ t.app_intro }</p>
                }
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
pub(crate) const PROGRESS_COUNT_FROM: usize = 10;

/// Focuses a new screen's heading and, if its first line is hidden (under
/// the sticky emergency bar, or below the screen: a long question in large
/// text), scrolls it to the top (its CSS `scroll-margin-top` keeps it below
/// the bar). A question's heading already in view stays where it is.
pub(crate) fn focus_heading(h: &web_sys::HtmlElement) {
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
    // A new screen shorter than the last leaves the page scrolled into the
    // check, its top (the title and the language buttons) half under the
    // bar: the check's top comes back into view when the heading's first
    // line still fits below it, as a new page would start.
    if let Some(a) = app.as_ref().filter(|_| !result) {
        let app_top = a.get_bounding_client_rect().top();
        if app_top < 0.0 && top - app_top + first_line <= below {
            a.scroll_into_view_with_bool(true);
            return;
        }
    }
    if result || top < above || top + first_line > below {
        // (alignToTop: block "start")
        h.scroll_into_view_with_bool(true);
    }
}
