//! The wizard's state: one reducer, no I/O (storage and focus live in effects).
//!
//! `answers` keeps everything the patient entered, so Back never loses an
//! answer; `history` is the screens they confirmed, in order. The engine only
//! ever sees the confirmed answers, so the current screen is always
//! `next_step` of what was confirmed, and Back is "un-confirm the last screen".

use super::saved::Keep;
use crate::history::Check;
use crate::protocol::{Answer, Answers, Lang, Protocol};
use std::rc::Rc;
use yew::Reducible;

/// What the patient has done so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Wizard {
    /// Every answer given, confirmed or not.
    pub answers: Answers,
    /// The screens confirmed, in order.
    pub history: Vec<String>,
    /// The language shown.
    pub lang: Lang,
    /// Answers the clinic's configuration gives (the drip's end time).
    pub preset: Answers,
    /// How many answers, Backs and Start overs so far in this page view (focus
    /// moves to the heading after each one, never on the first load).
    pub moves: u32,
    /// The checklists the patient asked to have explained ("I'm not sure
    /// what some of these mean": a plain line and "Not sure" under each
    /// item), by screen: kept across Back and reload (a checklist is also
    /// explained whenever one of its items is "not sure").
    pub one_by_one: Vec<String>,
    /// What the current screen asks the patient to fix, if anything.
    pub notice: Option<Notice>,
    /// How many times a notice was given (each one, a second Next with
    /// nothing picked too, moves focus to the error summary again).
    pub notices: u32,
    /// Ticking "None of these" just took other ticks off (read out: the
    /// patient may not see it happen).
    pub cleared: bool,
    /// The summary was copied (`Some(true)`), or the browser refused to
    /// (`Some(false)`): the result says which.
    pub copied: Option<bool>,
    /// "Start over" was tapped once: a second tap clears the answers (a
    /// slip of the finger next to Back loses nothing).
    pub confirm_restart: bool,
    /// The language last asked for could not load (the check goes on in the
    /// language shown, and says so).
    pub lang_failed: bool,
    /// The checks kept on this phone (opt-in), newest first: read when the
    /// check starts, and after "keep" or "delete" (the app does the storage).
    pub saved: Rc<Vec<Check>>,
    /// What this result's "keep" did (back to `No` on each new screen).
    pub keep: Keep,
    /// The repeat-use question holds a "yes" the check put there in advance
    /// (a kept check had the same problem), not yet confirmed by the patient.
    pub prefilled: bool,
    /// The file of the drip picked on the therapy screen could not load.
    pub pack_failed: bool,
}

/// The repeat-use question (PROTOCOL.md P9).
pub use crate::roles::REPEAT_USE;

/// What the patient did on the first screen the page showed before the wasm
/// arrived (rendered at build time: `src/bin/prerender.rs`), read from that
/// screen when the widget mounts over it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Handover {
    /// The `data-option` of every box ticked there: checklist items,
    /// "none", "helping_someone".
    pub ticked: Vec<String>,
    /// "I'm not sure what some of these mean" was tapped.
    pub explain: bool,
    /// Next was tapped.
    pub next: bool,
    /// Where focus was (a selector), to keep it there.
    pub focus: Option<String>,
    /// A language tapped there.
    pub lang: Option<Lang>,
}

impl Handover {
    /// Whether the patient did anything there.
    pub fn any(&self) -> bool {
        !self.ticked.is_empty() || self.explain || self.next || self.lang.is_some()
    }

    /// A new check with what was done there, through the reducer as if tapped
    /// here (Next with nothing ticked gives its notice; a tick is never lost).
    pub fn apply(&self, p: &Protocol, lang: Lang, preset: Answers) -> Wizard {
        let mut w = Rc::new(Wizard::new(lang, preset));
        let Some(q) = w.first_checklist(p) else {
            return (*w).clone();
        };
        let items: Vec<String> = q
            .sections
            .iter()
            .flat_map(|(_, ids)| ids.iter().filter_map(|&i| p.questions.get(i)))
            .map(|i| i.id.clone())
            .collect();
        let mut actions = Vec::new();
        for t in &self.ticked {
            if t == crate::roles::RESPONDENT_HELPER {
                actions.push(Action::SetRespondent(true));
            } else if t == "none" {
                // (with an item ticked too, the tick counts: the cautious reading)
                if self.ticked.iter().any(|i| items.contains(i)) {
                    continue;
                }
                actions.push(Action::NoneOfThese {
                    items: items.clone(),
                    on: true,
                });
            } else if items.contains(t) {
                actions.push(Action::Draft(t.clone(), Some(Answer::One("yes".into()))));
            }
        }
        if self.explain {
            actions.push(Action::PerItem {
                screen: q.id.clone(),
                items: items.clone(),
            });
        }
        for a in actions {
            w = w.reduce(a);
        }
        // "Not sure what these mean" asked for the explanations: the patient
        // sees them (and each item's "Not sure") before the screen moves on.
        if self.next && !self.explain {
            let mark = |id: &String| match w.answers.get(id) {
                Some(Answer::One(c)) => c.clone(),
                _ => String::new(),
            };
            let picked = items.iter().any(|i| !mark(i).is_empty());
            let action = if picked {
                Action::Answer {
                    screen: q.id.clone(),
                    answers: items
                        .iter()
                        .map(|i| {
                            let c = mark(i);
                            (
                                i.clone(),
                                Answer::One(if c.is_empty() { "no".into() } else { c }),
                            )
                        })
                        .collect(),
                }
            } else {
                Action::Notice(Notice::PickOne)
            };
            w = w.reduce(action);
        }
        (*w).clone()
    }
}

/// What a screen asks the patient to fix before it moves on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Next with nothing picked (and "None of these" not ticked).
    PickOne,
}

/// What the patient can do.
pub enum Action {
    /// Confirm the current screen with these answers.
    Answer {
        /// The screen (question or checklist ID).
        screen: String,
        /// Its answers (a checklist's items one by one).
        answers: Vec<(String, Answer)>,
    },
    /// Back to the previous screen, keeping every answer.
    Back,
    /// Clear every answer (the language and the clinic's presets stay).
    Restart,
    /// "Start over" tapped: the first tap asks for a second (with nothing
    /// answered yet, or on the second tap, this is `Restart`).
    AskRestart,
    /// Change the language, keeping every answer.
    SetLanguage(Lang),
    /// "I am answering for someone else" (switches the wording to "they").
    SetRespondent(bool),
    /// A tick on the current screen (a checklist item, or a multi-choice
    /// question's picks), kept but not yet confirmed (`None` clears it). The
    /// engine sees it only once its screen is confirmed.
    Draft(String, Option<Answer>),
    /// One item of a checklist answered on its own (yes / no / not sure): a
    /// draft, and the checklist (`screen`) stays item by item.
    Mark {
        /// The checklist.
        screen: String,
        /// The item.
        item: String,
        /// Its answer code.
        code: String,
    },
    /// "None of these" ticked (`on`: every item of the screen a "no"
    /// draft, which unticks the others) or unticked (those "no"s cleared).
    NoneOfThese {
        /// The checklist's items.
        items: Vec<String>,
        /// Ticked or not.
        on: bool,
    },
    /// Explain a checklist (`screen`): a plain line and "Not sure" under
    /// each item. Its "no"s are cleared ("None of these" is unticked).
    PerItem {
        /// The checklist.
        screen: String,
        /// Its items.
        items: Vec<String>,
    },
    /// The current screen cannot move on yet.
    Notice(Notice),
    /// The clipboard took the summary (`true`) or refused it (`false`).
    Copied(bool),
    /// The checks kept on this phone now, and what was done (kept, deleted,
    /// or the phone refused).
    Saved(Rc<Vec<Check>>, Keep),
    /// The repeat-use question answered "yes" in advance (`true`: only if
    /// it has no answer), or that answer taken back (`false`: the problems
    /// picked changed; only if the patient has not confirmed it).
    PrefillRepeat(bool),
    /// The language file asked for could not load (`true`), or is being asked for.
    LangFailed(bool),
    /// The reasons' file came in (or could not): show the result again.
    /// (Also: the file of the drip picked came in.)
    Reasons,
    /// The file of the drip picked could not load (`true`), or is asked for again.
    PackFailed(bool),
}

impl Wizard {
    /// A new check.
    pub fn new(lang: Lang, preset: Answers) -> Wizard {
        Wizard {
            answers: Answers::new(),
            history: Vec::new(),
            lang,
            preset,
            moves: 0,
            one_by_one: Vec::new(),
            notice: None,
            notices: 0,
            cleared: false,
            copied: None,
            confirm_restart: false,
            lang_failed: false,
            saved: Rc::new(Vec::new()),
            keep: Keep::No,
            prefilled: false,
            pack_failed: false,
        }
    }

    /// The first screen, when it is a checklist (the red flags).
    fn first_checklist<'p>(&self, p: &'p Protocol) -> Option<&'p crate::protocol::Question> {
        match crate::protocol::next_step(p, &self.confirmed(p)) {
            crate::protocol::Step::Ask(q) if matches!(q.kind, crate::protocol::Kind::Checklist) => {
                Some(q)
            }
            _ => None,
        }
    }

    /// The answers the engine sees: the confirmed screens' and the presets.
    pub fn confirmed(&self, p: &Protocol) -> Answers {
        let mut out = self.preset.clone();
        for screen in &self.history {
            let Some(q) = p.question(screen) else {
                continue;
            };
            let mut ids = vec![q.id.clone()];
            ids.extend(
                q.sections
                    .iter()
                    .flat_map(|(_, items)| items.iter())
                    .filter_map(|&i| p.questions.get(i))
                    .map(|i| i.id.clone()),
            );
            // Questions answered on this screen by a switch ("who is
            // answering?" on the first): left off, its first option ("me").
            let at = p.index_of(&q.id);
            for c in p
                .questions
                .iter()
                .filter(|c| c.shown_with.is_some() && c.shown_with == at)
            {
                match (self.answers.get(&c.id), c.options.first()) {
                    (Some(a), _) => out.set(&c.id, a.clone()),
                    (None, Some(first)) => out.set_one(&c.id, &first.id),
                    (None, None) => {}
                }
            }
            for id in ids {
                if let Some(a) = self.answers.get(&id) {
                    out.set(&id, a.clone());
                }
            }
        }
        out
    }

    /// Marks a checklist as answered item by item.
    fn set_one_by_one(&mut self, screen: String) {
        if !self.one_by_one.contains(&screen) {
            self.one_by_one.push(screen);
        }
    }

    /// Whether the patient answers for someone else.
    pub fn for_someone_else(&self) -> bool {
        matches!(self.answers.get(crate::roles::RESPONDENT), Some(Answer::One(c)) if c == crate::roles::RESPONDENT_HELPER)
    }
}

impl Reducible for Wizard {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(action, Action::Reasons) {
            return Rc::new((*self).clone());
        }
        // Nothing to lose yet, or the second tap: start over.
        let action = match action {
            Action::AskRestart
                if self.confirm_restart
                    || (self.history.is_empty() && self.answers.0.is_empty()) =>
            {
                Action::Restart
            }
            a => a,
        };
        let mut next = (*self).clone();
        // Focus moves to the heading only when the screen may change (or, for
        // "not sure what these mean", when the control tapped goes away and the
        // checklist turns one by one): ticking "someone else" or switching
        // language keeps focus where it is.
        if matches!(
            action,
            Action::Answer { .. } | Action::Back | Action::Restart | Action::PerItem { .. }
        ) {
            next.moves = next.moves.saturating_add(1);
            next.copied = None;
            next.keep = Keep::No;
        }
        // The patient's own answer (or a new check) is no longer a pre-answer.
        if matches!(&action, Action::Answer { screen, .. } if screen == REPEAT_USE)
            || matches!(action, Action::Restart)
        {
            next.prefilled = false;
        }
        // Anything but the first tap on "Start over" disarms it again.
        next.confirm_restart = false;
        next.cleared = false;
        // A notice stays until the patient does something on the screen.
        if !matches!(
            action,
            Action::SetLanguage(_) | Action::LangFailed(_) | Action::PackFailed(_)
        ) {
            next.notice = None;
        }
        match action {
            Action::Answer { screen, answers } => {
                for (id, a) in answers {
                    next.answers.set(&id, a);
                }
                if !next.history.contains(&screen) {
                    next.history.push(screen);
                }
            }
            Action::Back => {
                next.history.pop();
            }
            Action::Restart => {
                next.answers = Answers::new();
                next.history.clear();
                next.one_by_one.clear();
            }
            Action::SetLanguage(lang) => {
                next.lang = lang;
                next.lang_failed = false;
            }
            Action::SetRespondent(someone) => {
                let code = if someone {
                    crate::roles::RESPONDENT_HELPER
                } else {
                    crate::roles::RESPONDENT_SELF
                };
                next.answers.set_one(crate::roles::RESPONDENT, code);
            }
            Action::Draft(id, Some(a)) => next.answers.set(&id, a),
            Action::Draft(id, None) => {
                next.answers.remove(&id);
            }
            Action::Mark { screen, item, code } => {
                next.set_one_by_one(screen);
                next.answers.set_one(&item, &code);
            }
            Action::NoneOfThese { items, on } => {
                for id in items {
                    if on {
                        next.cleared |=
                            matches!(next.answers.get(&id), Some(Answer::One(c)) if c != "no");
                        next.answers.set_one(&id, "no");
                    } else {
                        next.answers.remove(&id);
                    }
                }
            }
            Action::PerItem { screen, items } => {
                next.set_one_by_one(screen);
                for id in items {
                    if matches!(next.answers.get(&id), Some(Answer::One(c)) if c == "no") {
                        next.answers.remove(&id);
                    }
                }
            }
            Action::AskRestart => next.confirm_restart = true,
            Action::Notice(n) => {
                next.notice = Some(n);
                next.notices = next.notices.saturating_add(1);
            }
            Action::Copied(ok) => next.copied = Some(ok),
            Action::Saved(list, keep) => {
                next.saved = list;
                next.keep = keep;
            }
            Action::PrefillRepeat(true) => {
                if next.answers.get(REPEAT_USE).is_none() {
                    next.answers.set_one(REPEAT_USE, "yes");
                    next.prefilled = true;
                }
            }
            Action::PrefillRepeat(false) => {
                if next.prefilled {
                    next.answers.remove(REPEAT_USE);
                    next.prefilled = false;
                }
            }
            Action::LangFailed(failed) => next.lang_failed = failed,
            Action::PackFailed(failed) => next.pack_failed = failed,
            // (handled above: nothing changes, the result renders again)
            Action::Reasons => {}
        }
        Rc::new(next)
    }
}
