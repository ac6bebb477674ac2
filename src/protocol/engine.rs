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

use super::model::{Cond, Effect, Kind, Level, RuleData, Text};
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

/// How far along the flow is: (screens answered, screens expected in all).
/// The total is an estimate that can grow as answers open modules.
pub fn progress(protocol: &Protocol, answers: &Answers) -> (usize, usize) {
    let (_, done, total) = replay(protocol, answers);
    (done, total.max(done + 1))
}

/// The tailored advice that applies to these answers: the protocol's advice
/// entries whose condition holds, then the advice of the rules that fired.
/// Questions not answered yet match nothing.
pub fn advice_for<'p>(
    protocol: &'p Protocol,
    answers: &Answers,
    outcome: &Outcome,
) -> Vec<&'p Text> {
    let (ev, _, _) = replay(protocol, answers);
    let mut out: Vec<&Text> = protocol
        .advice
        .iter()
        .filter(|a| ev.cond(&a.when, 0) == Some(true))
        .map(|a| &a.text)
        .collect();
    for f in &outcome.fired {
        if let Some(text) = protocol.rule(&f.id).and_then(|r| r.advice.as_ref()) {
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// Replays the answered screens, without stopping (what is not answered yet
/// stays pending): the evaluation state, the screens answered, and the screens
/// known to be asked.
fn replay<'p>(protocol: &'p Protocol, answers: &Answers) -> (Eval<'p>, usize, usize) {
    let mut ev = Eval::new(protocol, false);
    let (mut done, mut total) = (0, 0);
    for &s in &protocol.screens {
        let Some(q) = protocol.questions.get(s) else {
            continue;
        };
        match ev.applies(q) {
            Some(false) => {
                ev.mark_not_asked(q);
                continue;
            }
            // Depends on an answer not given yet (a module of a group not
            // picked yet): not counted until it is known.
            None => continue,
            Some(true) => {}
        }
        total += 1;
        if answers.has(protocol, &q.id) {
            done += 1;
            ev.record(q, answers, Mode::StopAtMissing);
        }
    }
    (ev, done, total)
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
    walk_traced(protocol, answers, Mode::AssumeMissing, &mut trace);
    trace
}

fn walk<'p>(protocol: &'p Protocol, answers: &Answers, mode: Mode) -> Walked<'p> {
    walk_traced(protocol, answers, mode, &mut Vec::new())
}

fn walk_traced<'p>(
    protocol: &'p Protocol,
    answers: &Answers,
    mode: Mode,
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
    slots: Vec<Slot>,
    assumed: Vec<String>,
    fired: Vec<Fired>,
    level: Level,
    // Sets, as maps to (): one small map type in the wasm, not two.
    groups: LiteMap<String, ()>,
    cleared: LiteMap<String, ()>,
    final_pass: bool,
}

impl<'p> Eval<'p> {
    fn new(p: &'p Protocol, final_pass: bool) -> Eval<'p> {
        Eval {
            p,
            slots: vec![Slot::Pending; p.questions.len()],
            assumed: Vec::new(),
            fired: Vec::new(),
            level: Level::SelfCare,
            groups: LiteMap::new(),
            cleared: LiteMap::new(),
            final_pass,
        }
    }

    fn applies(&self, q: &Question) -> Option<bool> {
        match &q.ask_when {
            None => Some(true),
            Some(c) => self.cond(c, 0),
        }
    }

    fn set(&mut self, id: &str, slot: Slot) {
        if let Some(s) = self.p.index_of(id).and_then(|i| self.slots.get_mut(i)) {
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
        self.p.index_of(id).and_then(|i| self.slots.get(i))
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
            _ if !self.final_pass => None,
            Cond::Fired(ids) => Some(self.fired.iter().any(|f| ids.contains(&f.id))),
            Cond::LevelBelow(level) => Some(self.level < *level),
            Cond::GroupsFired(n) => Some(self.groups.len() >= *n),
            Cond::Assumed(b) => Some(self.assumed.is_empty() != *b),
            Cond::Uncleared(b) => {
                let picked: Vec<String> = match self.slot(GROUPS_QUESTION) {
                    Some(Slot::Value(v)) => v.clone(),
                    _ => Vec::new(),
                };
                let uncleared = picked.iter().any(|g| !self.cleared.contains_key(g));
                Some(uncleared == *b)
            }
        }
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
            slots: self.slots.clone(),
            assumed: self.assumed.clone(),
            fired: Vec::new(),
            level: Level::SelfCare,
            groups: LiteMap::new(),
            cleared: LiteMap::new(),
            final_pass: true,
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
            match rule.effect {
                Effect::Raise => {
                    let l = self.rule_level(rule);
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
                    });
                }
                Effect::Clear => {
                    let cleared: Vec<String> = rule
                        .clears
                        .iter()
                        .filter(|(_, c)| self.cond(c, 0) == Some(true))
                        .map(|(g, _)| g.clone())
                        .collect();
                    for c in cleared {
                        self.cleared.insert(c, ());
                    }
                    self.fired.push(Fired {
                        id: rule.id.clone(),
                        level: Level::SelfCare,
                        effect: Effect::Clear,
                    });
                }
                Effect::Note => self.fired.push(Fired {
                    id: rule.id.clone(),
                    level: Level::SelfCare,
                    effect: Effect::Note,
                }),
            }
        }
        Outcome::new(self.level, self.fired, self.assumed)
    }
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
