//! The engine: `next_step` (what to ask next, or the outcome) and `triage`
//! (the outcome of a set of answers, reading anything the flow would ask but
//! was not answered as "not sure").
//!
//! One walk serves both. It goes through the screens in flow order; each
//! question is either not asked (its `ask_when` is false), answered, or
//! pending. After each screen the rules marked `stop` are evaluated in
//! three-valued logic (a pending question is "unknown"); one that is certainly
//! true ends the flow at once, which is how a red flag answered on the first
//! screen gives `emergency` without another question. At the end every rule is
//! evaluated in order and the highest level wins.

use super::model::{they, Cond, Effect, Kind, Level, RuleData, Text};
use super::{Protocol, Question, GROUPS_QUESTION};
use litemap::LiteMap;
use serde::{Deserialize, Serialize};

/// One answer: an option code, or several for multi-choice (free text is a
/// `One`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    /// One code (`yes`, `mild`, ...), `not_sure`, or free text.
    One(String),
    /// The picked options of a multi-choice question (may be empty).
    Many(Vec<String>),
}

/// The patient's answers, by question ID. Checklist items are stored one by one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub LiteMap<String, Answer>);

impl Answers {
    /// No answers.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Sets one answer.
    pub fn set(&mut self, id: &str, answer: Answer) {
        self.0.insert(id.to_string(), answer);
    }

    /// Sets a one-code answer.
    pub fn set_one(&mut self, id: &str, code: &str) {
        self.set(id, Answer::One(code.to_string()));
    }

    /// The answer to a question.
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.0.get(id)
    }

    /// Removes an answer.
    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.0.remove(id)
    }

    /// Whether the question (or, for a checklist, any of its items) has an answer.
    pub fn has(&self, protocol: &Protocol, id: &str) -> bool {
        match protocol.question(id) {
            Some(q) if q.kind == Kind::Checklist => q
                .sections
                .iter()
                .flat_map(|(_, items)| items.iter())
                .filter_map(|&i| protocol.questions.get(i))
                .any(|item| self.0.contains_key(&item.id)),
            _ => self.0.contains_key(id),
        }
    }

    /// Answers a checklist: each listed item gets its code, every other item `no`.
    pub fn set_checklist(
        &mut self,
        protocol: &Protocol,
        id: &str,
        ticked: &LiteMap<String, String>,
    ) {
        if let Some(q) = protocol.question(id) {
            for &i in q.sections.iter().flat_map(|(_, items)| items.iter()) {
                if let Some(item) = protocol.questions.get(i) {
                    let code = ticked.get(&item.id).map(String::as_str).unwrap_or("no");
                    self.set_one(&item.id, code);
                }
            }
        }
    }

    /// Clears a question's answer (for a checklist, every item's).
    pub fn clear(&mut self, protocol: &Protocol, id: &str) {
        if let Some(q) = protocol.question(id) {
            for &i in q.sections.iter().flat_map(|(_, items)| items.iter()) {
                if let Some(item) = protocol.questions.get(i) {
                    self.0.remove(&item.id);
                }
            }
        }
        self.0.remove(id);
    }
}

/// The three dispositions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Call the emergency number now.
    Emergency,
    /// Call the clinic (now or today).
    CallClinic,
    /// Normal and passing.
    SelfCare,
}

impl Disposition {
    /// The code used in data attributes and case files.
    pub fn code(self) -> &'static str {
        match self {
            Disposition::Emergency => "emergency",
            Disposition::CallClinic => "call_clinic",
            Disposition::SelfCare => "self_care",
        }
    }
}

/// How soon to call the clinic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// Now (the after-hours line if closed).
    Now,
    /// Today, or when the clinic next opens.
    Today,
}

impl Urgency {
    /// The code used in data attributes and case files.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::Now => "now",
            Urgency::Today => "today",
        }
    }
}

/// A rule that fired, with the level it gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fired {
    /// The rule's ID.
    pub id: String,
    /// The level it gave (self-care for clearing and note rules).
    pub level: Level,
    /// What it did.
    pub effect: Effect,
    /// It fired (or reached its level) only through answers read the
    /// cautious way ("not sure", or none): with those answers unknown, it
    /// would not be certain. The result then gives its `why_unsure`.
    pub unsure: bool,
    /// The therapy pack whose rule it is (`None`: the shared core's).
    pub pack: Option<String>,
}

/// The result of the check: what to do, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The highest level any rule gave.
    pub level: Level,
    /// The disposition.
    pub disposition: Disposition,
    /// For `call_clinic`: how soon.
    pub urgency: Option<Urgency>,
    /// The rules that fired, highest level first.
    pub fired: Vec<Fired>,
    /// Questions where the engine read "not sure" (or no answer) the cautious way.
    pub assumed: Vec<String>,
}

impl Outcome {
    fn new(level: Level, mut fired: Vec<Fired>, assumed: Vec<String>) -> Outcome {
        // Precedence in one place: the highest level wins (P2).
        let (disposition, urgency) = match level {
            Level::Emergency => (Disposition::Emergency, None),
            Level::CallNow => (Disposition::CallClinic, Some(Urgency::Now)),
            Level::CallToday => (Disposition::CallClinic, Some(Urgency::Today)),
            Level::SelfCare => (Disposition::SelfCare, None),
        };
        // Highest level first, in firing order within a level (a stable
        // bucket pass over the four levels: no sort code in the wasm).
        let mut sorted = Vec::with_capacity(fired.len());
        for l in Level::ALL.into_iter().rev() {
            let (at, rest) = fired.into_iter().partition(|f| f.level == l);
            sorted.extend::<Vec<Fired>>(at);
            fired = rest;
        }
        Outcome {
            level,
            disposition,
            urgency,
            fired: sorted,
            assumed,
        }
    }

    /// The IDs of the rules that fired, highest level first.
    pub fn fired_ids(&self) -> Vec<&str> {
        self.fired.iter().map(|f| f.id.as_str()).collect()
    }

    /// Whether a rule fired.
    pub fn has_fired(&self, id: &str) -> bool {
        self.fired.iter().any(|f| f.id == id)
    }
}

/// What the flow does next.
#[derive(Clone, Debug)]
pub enum Step<'p> {
    /// Show this question (or checklist).
    Ask(&'p Question),
    /// The flow is over.
    Done(Outcome),
}

/// What to ask next, or the outcome when nothing more is needed.
pub fn next_step<'p>(protocol: &'p Protocol, answers: &Answers) -> Step<'p> {
    match walk(protocol, answers, Mode::StopAtMissing) {
        Walked::Ask(q) => Step::Ask(q),
        Walked::Done(o) => Step::Done(o),
    }
}

/// The outcome of a set of answers. A question the flow would ask but that has
/// no answer counts as "not sure", resolved the cautious way.
pub fn triage(protocol: &Protocol, answers: &Answers) -> Outcome {
    match walk(protocol, answers, Mode::AssumeMissing) {
        Walked::Done(o) => o,
        // INVARIANT: AssumeMissing never stops at a question; this arm is the
        // safe default all the same.
        Walked::Ask(q) => Outcome::new(Level::Emergency, Vec::new(), vec![q.id.clone()]),
    }
}

/// How far along the flow is: (screens answered, the most screens that can
/// still be left, the one shown now included). The second number is an upper
/// bound that never grows as answers are added: it counts every screen still
/// to come that may yet be asked, and a screen that cannot be asked (or can no
/// longer change the outcome) stays so when more is known.
pub fn progress(protocol: &Protocol, answers: &Answers) -> (usize, usize) {
    let mut ev = Eval::new(protocol, false);
    let mut done = 0;
    let mut screens = protocol.screens.iter();
    // The answered part of the path, as the flow walks it.
    let first_open = loop {
        let Some(&s) = screens.next() else {
            return (done, 0);
        };
        let Some(q) = protocol.questions.get(s) else {
            continue;
        };
        if ev.applies(q) == Some(false) || !ev.relevant(s) {
            ev.mark_not_asked(q);
            continue;
        }
        if !answers.has(protocol, &q.id) {
            break s;
        }
        done += 1;
        ev.record(q, answers, Mode::StopAtMissing);
        if ev.early_stop().is_some() {
            return (done, 0);
        }
    };
    // What is left: the screen shown now, and every later one that may still
    // be asked given what is known (an unknown `ask_when` may hold).
    let mut left = 1;
    let start = protocol.screens.iter().position(|&s| s == first_open);
    for &s in protocol
        .screens
        .iter()
        .skip(start.map_or(usize::MAX, |i| i + 1))
    {
        if let Some(q) = protocol.questions.get(s) {
            if ev.applies(q) != Some(false) && ev.relevant(s) {
                left += 1;
            }
        }
    }
    (done, left)
}

/// The tailored advice that applies to these answers: the protocol's advice
/// entries whose condition holds, then the advice of the rules that fired.
/// Questions not answered yet match nothing.
pub fn advice_for<'p>(
    protocol: &'p Protocol,
    answers: &Answers,
    outcome: &Outcome,
) -> Vec<&'p Text> {
    advice_worded(protocol, answers, outcome, false)
}

/// [`advice_for`], said to someone answering for the patient when
/// `for_them` (each text's "they" variant where it has one).
pub fn advice_worded<'p>(
    protocol: &'p Protocol,
    answers: &Answers,
    outcome: &Outcome,
    for_them: bool,
) -> Vec<&'p Text> {
    let ev = replay(protocol, answers);
    let mut out: Vec<&Text> = protocol
        .advice
        .iter()
        .filter(|a| ev.cond(&a.when, 0) == Some(true))
        .map(|a| they(&a.text, &a.text_they, for_them))
        .collect();
    for text in rule_advice(protocol, outcome, for_them) {
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The advice of the rules that fired, each once, in firing order (X01's
/// "call the emergency number if you can't reach us", T02's and M09's
/// emergency signs ...): the result puts it first in "what to do now".
pub fn rule_advice<'p>(protocol: &'p Protocol, outcome: &Outcome, for_them: bool) -> Vec<&'p Text> {
    let mut out: Vec<&Text> = Vec::new();
    for f in &outcome.fired {
        if let Some(r) = protocol.rule(&f.id) {
            if let Some(text) = &r.advice {
                let text = they(text, &r.advice_they, for_them);
                if !out.contains(&text) {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// Replays the answered screens as the flow walks them, without stopping
/// (what is not answered yet stays pending): the evaluation state.
fn replay<'p>(protocol: &'p Protocol, answers: &Answers) -> Eval<'p> {
    let mut ev = Eval::new(protocol, false);
    for &s in &protocol.screens {
        let Some(q) = protocol.questions.get(s) else {
            continue;
        };
        if ev.applies(q) == Some(false) || !ev.relevant(s) {
            ev.mark_not_asked(q);
            continue;
        }
        if answers.has(protocol, &q.id) {
            ev.record(q, answers, Mode::StopAtMissing);
        }
    }
    ev
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    StopAtMissing,
    AssumeMissing,
}

enum Walked<'p> {
    Ask(&'p Question),
    Done(Outcome),
}

/// The screens the flow shows for these answers (missing answers read as
/// "not sure"), in order, up to where it ends.
pub fn asked_screens(protocol: &Protocol, answers: &Answers) -> Vec<String> {
    let mut trace = Vec::new();
    walk_traced(protocol, answers, Mode::AssumeMissing, true, &mut trace);
    trace
}

/// The flow as it was before it skipped questions that cannot change the
/// outcome: every question whose `ask_when` holds is asked (missing answers
/// read as "not sure"). The screens it shows and the outcome. This is the
/// reference the skipping flow is tested against (the same disposition and
/// urgency for every answer set), and what the protocol check uses to find
/// rules that can never fire.
pub fn triage_asking_all(protocol: &Protocol, answers: &Answers) -> (Vec<String>, Outcome) {
    let mut trace = Vec::new();
    let outcome = match walk_traced(protocol, answers, Mode::AssumeMissing, false, &mut trace) {
        Walked::Done(o) => o,
        Walked::Ask(q) => Outcome::new(Level::Emergency, Vec::new(), vec![q.id.clone()]),
    };
    (trace, outcome)
}

fn walk<'p>(protocol: &'p Protocol, answers: &Answers, mode: Mode) -> Walked<'p> {
    walk_traced(protocol, answers, mode, true, &mut Vec::new())
}

fn walk_traced<'p>(
    protocol: &'p Protocol,
    answers: &Answers,
    mode: Mode,
    skip: bool,
    trace: &mut Vec<String>,
) -> Walked<'p> {
    let mut ev = Eval::new(protocol, false);
    for &s in &protocol.screens {
        let Some(q) = protocol.questions.get(s) else {
            continue;
        };
        // Unknown counts as "ask" (cautious); the checker makes ask_when read
        // only earlier questions, so it is always known here.
        if ev.applies(q) == Some(false) {
            ev.mark_not_asked(q);
            continue;
        }
        // No answer to it could change the outcome: not asked (see `relevant`).
        if skip && !ev.relevant(s) {
            ev.mark_not_asked(q);
            continue;
        }
        if mode == Mode::StopAtMissing && !answers.has(protocol, &q.id) {
            return Walked::Ask(q);
        }
        trace.push(q.id.clone());
        ev.record(q, answers, mode);
        if let Some(outcome) = ev.early_stop() {
            return Walked::Done(outcome);
        }
    }
    Walked::Done(ev.finish())
}

#[derive(Clone, Debug)]
enum Slot {
    /// Not answered yet and may still be asked.
    Pending,
    /// Its `ask_when` is false.
    NotAsked,
    /// Answered (or assumed): the codes rules test.
    Value(Vec<String>),
}

struct Eval<'p> {
    p: &'p Protocol,
    /// Question ID → index, for the many look-ups of a walk: natively (the
    /// property tests walk hundreds of thousands of times). The browser walks
    /// once a tap and looks IDs up in the protocol (`index_of`): the map's
    /// code would cost it more bytes than the time it saves.
    #[cfg(not(target_arch = "wasm32"))]
    index: LiteMap<&'p str, usize>,
    slots: Vec<Slot>,
    assumed: Vec<String>,
    fired: Vec<Fired>,
    level: Level,
    // Sets, as maps to (): one small map type in the wasm, not two.
    groups: LiteMap<String, ()>,
    /// `group owner`: a self-care rule of `owner` (a pack's ID, or empty for
    /// the core) cleared `group`.
    cleared: LiteMap<String, ()>,
    final_pass: bool,
    /// While set, an answer read the cautious way counts as unknown (and a
    /// rule that fired only through one as not known to have fired): how
    /// `finish` tells which rules fired only through "not sure".
    doubt: bool,
}

impl<'p> Eval<'p> {
    fn new(p: &'p Protocol, final_pass: bool) -> Eval<'p> {
        #[cfg(not(target_arch = "wasm32"))]
        let index = p
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        Eval {
            p,
            #[cfg(not(target_arch = "wasm32"))]
            index,
            slots: vec![Slot::Pending; p.questions.len()],
            assumed: Vec::new(),
            fired: Vec::new(),
            level: Level::SelfCare,
            groups: LiteMap::new(),
            cleared: LiteMap::new(),
            final_pass,
            doubt: false,
        }
    }

    /// Whether a symptom group is cleared: every owner (each pack, and the
    /// core) that has a self-care rule for it cleared it. Clearing is a
    /// conjunction across packs, so adding a pack never clears what another
    /// left to P7 (clinical/packs/README.md); within one owner any of its
    /// rules clears.
    fn is_cleared(&self, group: &str) -> bool {
        let mut any = false;
        for r in &self.p.rules {
            if r.effect != Effect::Clear || !r.clears.contains_key(group) {
                continue;
            }
            any = true;
            if !self.cleared.contains_key(&cleared_key(group, r)) {
                return false;
            }
        }
        any
    }

    fn applies(&self, q: &Question) -> Option<bool> {
        match &q.ask_when {
            None => Some(true),
            Some(c) => self.cond(c, 0),
        }
    }

    fn set(&mut self, id: &str, slot: Slot) {
        if let Some(s) = self.pos(id).and_then(|i| self.slots.get_mut(i)) {
            *s = slot;
        }
    }

    fn items(&self, q: &Question) -> Vec<&'p Question> {
        q.sections
            .iter()
            .flat_map(|(_, items)| items.iter())
            .filter_map(|&i| self.p.questions.get(i))
            .collect()
    }

    fn mark_not_asked(&mut self, q: &Question) {
        for item in self.items(q) {
            self.set(&item.id, Slot::NotAsked);
        }
        let at = self.pos(&q.id);
        for c in at.map(|i| self.companions(i)).unwrap_or_default() {
            self.set(&c.id, Slot::NotAsked);
        }
        self.set(&q.id, Slot::NotAsked);
    }

    /// Records a screen's answers (resolving "not sure").
    fn record(&mut self, q: &Question, answers: &Answers, mode: Mode) {
        match q.kind {
            Kind::Checklist => {
                let answered = answers.has(self.p, &q.id);
                for item in self.items(q) {
                    let raw = match (answers.get(&item.id), answered) {
                        (Some(a), _) => Some(a.clone()),
                        // Unticked on an answered checklist means "no".
                        (None, true) => Some(Answer::One("no".into())),
                        (None, false) => None,
                    };
                    self.record_one(item, raw.as_ref(), mode);
                }
                self.set(&q.id, Slot::Value(Vec::new()));
            }
            Kind::Text => self.set(&q.id, Slot::Value(Vec::new())),
            _ => self.record_one(q, answers.get(&q.id), mode),
        }
        // Questions answered on the same screen; missing, they are read the
        // cautious way (their `if_not_sure`) in either mode.
        let at = self.pos(&q.id);
        for c in at.map(|i| self.companions(i)).unwrap_or_default() {
            self.record_one(c, answers.get(&c.id), Mode::AssumeMissing);
        }
    }

    fn record_one(&mut self, q: &Question, raw: Option<&Answer>, mode: Mode) {
        let given: Option<Vec<String>> = match raw {
            None => None,
            Some(Answer::One(c)) => Some(vec![c.clone()]),
            Some(Answer::Many(v)) => Some(v.clone()),
        };
        let unsure = match &given {
            None => true,
            // An unknown code, or "not sure", is read the cautious way.
            Some(codes) => codes
                .iter()
                .any(|c| !q.accepts(c) || (c == "not_sure" && q.if_not_sure.is_some())),
        };
        if given.is_none() && mode == Mode::StopAtMissing {
            self.set(&q.id, Slot::Pending);
            return;
        }
        let codes = match (unsure, &q.if_not_sure, given) {
            (true, Some(assume), _) => assume.clone(),
            (true, None, _) => vec!["not_sure".to_string()],
            (false, _, Some(codes)) => codes,
            (false, _, None) => Vec::new(),
        };
        let literal_not_sure = codes.iter().any(|c| c == "not_sure");
        if unsure || literal_not_sure {
            self.assumed.push(q.id.clone());
        }
        self.set(&q.id, Slot::Value(codes));
    }

    fn slot(&self, id: &str) -> Option<&Slot> {
        self.pos(id).and_then(|i| self.slots.get(i))
    }

    /// The index of a question or item (the same answer either way).
    #[cfg(not(target_arch = "wasm32"))]
    fn pos(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    #[cfg(target_arch = "wasm32")]
    fn pos(&self, id: &str) -> Option<usize> {
        self.p.index_of(id)
    }

    /// Three-valued evaluation: `None` is "not known yet".
    fn cond(&self, c: &Cond, depth: usize) -> Option<bool> {
        if depth > 64 {
            // INVARIANT: the checker rejects cyclic defs; unknown is the safe reading.
            return None;
        }
        match c {
            Cond::Is(map) => {
                let mut result = Some(true);
                for (id, codes) in map {
                    let this = match self.slot(id) {
                        Some(Slot::Value(_)) if self.doubt && self.assumed.contains(id) => None,
                        Some(Slot::Value(vals)) => Some(vals.iter().any(|v| codes.contains(v))),
                        Some(Slot::NotAsked) | None => Some(false),
                        Some(Slot::Pending) => None,
                    };
                    result = and(result, this);
                }
                result
            }
            Cond::All(list) => {
                // Three-valued: unknown does not short-circuit, false does.
                let mut acc = Some(true);
                for c in list {
                    acc = and(acc, self.cond(c, depth + 1));
                }
                acc
            }
            Cond::Any(list) => {
                let mut acc = Some(false);
                for c in list {
                    acc = or(acc, self.cond(c, depth + 1));
                }
                acc
            }
            Cond::Not(inner) => self.cond(inner, depth + 1).map(|b| !b),
            Cond::AtLeast { n, of } => {
                let (mut yes, mut unknown) = (0, 0);
                for c in of {
                    match self.cond(c, depth + 1) {
                        Some(true) => yes += 1,
                        None => unknown += 1,
                        Some(false) => {}
                    }
                }
                if yes >= *n {
                    Some(true)
                } else if yes + unknown < *n {
                    Some(false)
                } else {
                    None
                }
            }
            Cond::Def(name) => self.p.defs.get(name).and_then(|d| self.cond(d, depth + 1)),
            // Before the final pass, a rule named here fired if its condition
            // is already known to hold (rules read only earlier rules, so in
            // the final pass it fires exactly when that condition holds).
            Cond::Fired(ids) if !self.final_pass => {
                let mut acc = Some(false);
                for id in ids {
                    let this = self
                        .p
                        .rule(id)
                        .map_or(Some(false), |r| self.cond(&r.when, depth + 1));
                    acc = or(acc, this);
                }
                acc
            }
            _ if !self.final_pass => None,
            Cond::Fired(ids) => {
                let mut acc = Some(false);
                for f in self.fired.iter().filter(|f| ids.contains(&f.id)) {
                    acc = or(
                        acc,
                        if self.doubt && f.unsure {
                            None
                        } else {
                            Some(true)
                        },
                    );
                }
                acc
            }
            Cond::LevelBelow(level) => Some(self.level < *level),
            Cond::GroupsFired(n) => Some(self.groups.len() >= *n),
            Cond::Assumed(b) => Some(self.assumed.is_empty() != *b),
            Cond::Uncleared(b) => {
                let picked: Vec<String> = match self.slot(GROUPS_QUESTION) {
                    Some(Slot::Value(v)) => v.clone(),
                    _ => Vec::new(),
                };
                let uncleared = picked.iter().any(|g| !self.is_cleared(g));
                Some(uncleared == *b)
            }
            Cond::Cleared(g) => Some(self.is_cleared(g)),
        }
    }

    /// Whether some answer to this screen could still change the outcome
    /// (disposition and urgency), given what is known now. `false` only when
    /// that is certain, so not asking it is harmless (the property test
    /// `a_question_not_asked_could_not_change_the_outcome` checks it):
    ///
    /// - every rule whose result is already fixed (three-valued: its
    ///   condition, its raises and its clears are known whatever the pending
    ///   questions say) fires or not whatever this screen's answer is; the
    ///   fixed rules that fire give a level the outcome cannot go below;
    /// - a rule that is still open and reads this screen's questions (directly
    ///   or through a named condition) is "affected", and so is any open rule
    ///   that reads what affected rules do (`fired`, the level so far, the
    ///   groups for A1, the cleared groups for P7, the assumed answers);
    /// - the screen matters if an affected rule could give a level above that
    ///   floor, ends the flow when it holds (`stop`), or is marked
    ///   `ask_for_advice` (its advice changes whom to call); or if a later
    ///   question's `ask_when` still depends on it.
    ///
    /// The outcome is the highest level of the rules that fire, so with every
    /// affected rule capped at the floor, the answer cannot move it.
    fn relevant(&self, screen: usize) -> bool {
        let Some(q) = self.p.questions.get(screen) else {
            return true;
        };
        // The symptom groups decide which modules exist; free text ("tell us
        // in a few words") is for the nurse, never read by a rule: both are
        // always asked when their `ask_when` holds.
        if q.id == GROUPS_QUESTION || q.kind == Kind::Text {
            return true;
        }
        let mut targets: Vec<&str> = vec![q.id.as_str()];
        targets.extend(self.items(q).iter().map(|i| i.id.as_str()));
        targets.extend(self.companions(screen).iter().map(|c| c.id.as_str()));
        // A later question asked or not depending on this one.
        let later = self.p.screens.iter().skip_while(|&&s| s != screen).skip(1);
        for &s in later {
            if let Some(c) = self.p.questions.get(s).and_then(|l| l.ask_when.as_ref()) {
                if self.cond(c, 0).is_none() && self.reads(c, &targets, 0) {
                    return true;
                }
            }
        }
        let mut floor = Level::SelfCare;
        let mut open: Vec<&RuleData> = Vec::new();
        for rule in &self.p.rules {
            match self.fixed(rule) {
                Some(level) => floor = floor.max(level),
                None => open.push(rule),
            }
        }
        // Affected rules, to a fixed point (a rule may read a later one's
        // firing only through `fired`, which the checker orders, but a
        // second pass costs little and needs no such promise).
        let mut affected: Vec<&RuleData> = Vec::new();
        loop {
            let before = affected.len();
            for rule in &open {
                if affected.iter().any(|a| a.id == rule.id) {
                    continue;
                }
                if self.rule_reads(rule, &targets) || self.reads_affected(rule, &affected) {
                    affected.push(rule);
                }
            }
            if affected.len() == before {
                break;
            }
        }
        affected.iter().any(|rule| {
            // A rule that ends the flow (T01, "still at the clinic") decides
            // what else is asked, so its questions are asked while it is open.
            rule.stop
                || rule.ask_for_advice
                || (rule.effect == Effect::Raise
                    && rule
                        .raise
                        .iter()
                        .map(|r| r.then)
                        .fold(rule.then, Level::max)
                        > floor)
        })
    }

    /// A rule's level when its result is already known whatever the pending
    /// questions say (`SelfCare` when it certainly does not fire or does not
    /// raise); `None` while it is open.
    fn fixed(&self, rule: &RuleData) -> Option<Level> {
        match self.cond(&rule.when, 0)? {
            false => Some(Level::SelfCare),
            true => {
                let mut level = rule.then;
                for r in &rule.raise {
                    if self.cond(&r.when, 0)? {
                        level = level.max(r.then);
                    }
                }
                for (_, c) in &rule.clears {
                    self.cond(c, 0)?;
                }
                Some(if rule.effect == Effect::Raise {
                    level
                } else {
                    Level::SelfCare
                })
            }
        }
    }

    /// Whether any of a rule's conditions reads one of these questions.
    fn rule_reads(&self, rule: &RuleData, ids: &[&str]) -> bool {
        self.reads(&rule.when, ids, 0)
            || rule.raise.iter().any(|r| self.reads(&r.when, ids, 0))
            || rule.clears.iter().any(|(_, c)| self.reads(c, ids, 0))
    }

    /// Whether an open rule reads what the affected rules do.
    fn reads_affected(&self, rule: &RuleData, affected: &[&RuleData]) -> bool {
        if affected.is_empty() {
            return false;
        }
        let conds = std::iter::once(&rule.when)
            .chain(rule.raise.iter().map(|r| &r.when))
            .chain(rule.clears.iter().map(|(_, c)| c));
        let mut hit = false;
        for c in conds {
            self.visit(c, 0, &mut |c| match c {
                Cond::Fired(ids) => hit |= affected.iter().any(|a| ids.contains(&a.id)),
                // The level so far, the assumed answers: any affected rule.
                Cond::LevelBelow(_) | Cond::Assumed(_) => hit = true,
                Cond::GroupsFired(_) => {
                    hit |= affected
                        .iter()
                        .any(|a| a.group.is_some() || !a.count_groups.is_empty())
                }
                Cond::Uncleared(_) | Cond::Cleared(_) => {
                    hit |= affected.iter().any(|a| a.effect == Effect::Clear)
                }
                _ => {}
            });
        }
        hit
    }

    /// Whether a condition reads one of these questions (through named
    /// conditions too). `uncleared` and `groups_fired` read the symptom groups.
    fn reads(&self, c: &Cond, ids: &[&str], depth: usize) -> bool {
        let mut hit = false;
        self.visit(c, depth, &mut |c| match c {
            Cond::Is(map) => hit |= map.iter().any(|(id, _)| ids.contains(&id.as_str())),
            Cond::Uncleared(_) | Cond::Cleared(_) | Cond::GroupsFired(_) => {
                hit |= ids.contains(&GROUPS_QUESTION)
            }
            _ => {}
        });
        hit
    }

    /// Calls `f` on a condition and every condition inside it (named ones
    /// opened; a cycle, which the checker refuses, stops at a depth).
    fn visit(&self, c: &Cond, depth: usize, f: &mut dyn FnMut(&Cond)) {
        if depth > 64 {
            return;
        }
        f(c);
        match c {
            Cond::All(list) | Cond::Any(list) | Cond::AtLeast { of: list, .. } => {
                for c in list {
                    self.visit(c, depth + 1, f);
                }
            }
            Cond::Not(inner) => self.visit(inner, depth + 1, f),
            Cond::Def(name) => {
                if let Some(d) = self.p.defs.get(name) {
                    self.visit(d, depth + 1, f);
                }
            }
            _ => {}
        }
    }

    /// Questions answered on this screen besides its own (the "answering for
    /// someone else" switch on the first screen: `ctx_respondent`).
    fn companions(&self, screen: usize) -> Vec<&'p Question> {
        self.p
            .questions
            .iter()
            .filter(|q| q.shown_with == Some(screen))
            .collect()
    }

    fn rule_level(&self, rule: &RuleData) -> Level {
        rule.raise
            .iter()
            .filter(|r| self.cond(&r.when, 0) == Some(true))
            .map(|r| r.then)
            .fold(rule.then, Level::max)
    }

    /// When a rule marked `stop` is certainly true, the outcome now: every
    /// rule that is already certain (pending questions are unknown) fires,
    /// so aggregation and notes (A2, A3) still show.
    fn early_stop(&self) -> Option<Outcome> {
        let any_certain = self
            .p
            .rules
            .iter()
            .any(|r| r.stop && self.cond(&r.when, 0) == Some(true));
        if !any_certain {
            return None;
        }
        let view = Eval {
            p: self.p,
            #[cfg(not(target_arch = "wasm32"))]
            index: self.index.clone(),
            slots: self.slots.clone(),
            assumed: self.assumed.clone(),
            fired: Vec::new(),
            level: Level::SelfCare,
            groups: LiteMap::new(),
            cleared: LiteMap::new(),
            final_pass: true,
            doubt: false,
        };
        Some(view.finish())
    }

    /// Every rule, in order; the highest level wins.
    fn finish(mut self) -> Outcome {
        self.final_pass = true;
        for rule in &self.p.rules {
            if self.cond(&rule.when, 0) != Some(true) {
                continue;
            }
            // Fired only through answers read the cautious way: with them
            // unknown, the rule (or the raise that gave its level) is not
            // certain.
            self.doubt = true;
            let sure = self.cond(&rule.when, 0) == Some(true);
            let sure_level = if sure {
                self.rule_level(rule)
            } else {
                Level::SelfCare
            };
            self.doubt = false;
            match rule.effect {
                Effect::Raise => {
                    let l = self.rule_level(rule);
                    let unsure = !sure || sure_level < l;
                    self.level = self.level.max(l);
                    if l >= Level::CallToday {
                        if let Some(g) = &rule.group {
                            self.groups.insert(g.clone(), ());
                        }
                        let picked: Vec<String> = match self.slot(GROUPS_QUESTION) {
                            Some(Slot::Value(v)) => v.clone(),
                            _ => Vec::new(),
                        };
                        for g in rule.count_groups.iter().filter(|g| picked.contains(g)) {
                            self.groups.insert(g.clone(), ());
                        }
                    }
                    self.fired.push(Fired {
                        id: rule.id.clone(),
                        level: l,
                        effect: Effect::Raise,
                        unsure,
                        pack: rule.pack.clone(),
                    });
                }
                Effect::Clear => {
                    let cleared: Vec<String> = rule
                        .clears
                        .iter()
                        .filter(|(_, c)| self.cond(c, 0) == Some(true))
                        .map(|(g, _)| cleared_key(g, rule))
                        .collect();
                    for c in cleared {
                        self.cleared.insert(c, ());
                    }
                    self.fired.push(Fired {
                        id: rule.id.clone(),
                        level: Level::SelfCare,
                        effect: Effect::Clear,
                        unsure: !sure,
                        pack: rule.pack.clone(),
                    });
                }
                Effect::Note => self.fired.push(Fired {
                    id: rule.id.clone(),
                    level: Level::SelfCare,
                    effect: Effect::Note,
                    unsure: !sure,
                    pack: rule.pack.clone(),
                }),
            }
        }
        Outcome::new(self.level, self.fired, self.assumed)
    }
}

/// The key of `cleared`: the group and the rule's owner (its pack, or empty
/// for the core).
fn cleared_key(group: &str, rule: &RuleData) -> String {
    format!("{group} {}", rule.pack.as_deref().unwrap_or_default())
}

fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}
