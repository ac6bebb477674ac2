//! Checking a protocol: every ID referenced exists, every answer code used is
//! declared, questions only read earlier questions, every text is translated,
//! and (by a seeded search over generated answers) every rule can fire and
//! every question can be reached. Each problem names its place.

use super::engine::{triage_asking_all, Answer, Answers};
use super::model::{Cond, Effect, Kind, Lang, Level, Recheck, RolesData, Text};
use super::{Protocol, Question, GROUPS_QUESTION};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The placeholders patient texts may use; the widget fills them from the
/// clinic's configuration.
pub const PLACEHOLDERS: [&str; 5] = [
    "EMERGENCY_NUMBER",
    "CLINIC_NAME",
    "CLINIC_PHONE",
    "AFTER_HOURS_LINE",
    "INFUSION_CONTENTS",
];

/// The most choices one multi-choice or checklist screen may have: the
/// read-back code (`src/readback.rs`) ranks a screen's ticks among all the
/// ways to tick it in 32 bits, and C(35, 17) is past `u32::MAX`.
pub const MAX_CHOICES: usize = 34;

/// One problem in a protocol file, with the place it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProtocolError {
    /// Where: `rules.C05.when`, `questions.fl_course.text.es`, ...
    pub place: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl ProtocolError {
    pub(crate) fn new(place: impl Into<String>, message: String) -> ProtocolError {
        ProtocolError {
            place: place.into(),
            message,
        }
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// The static checks run on every load.
pub fn check(p: &Protocol) -> Vec<ProtocolError> {
    let mut c = Checker {
        p,
        problems: Vec::new(),
        position: BTreeMap::new(),
        rule_position: BTreeMap::new(),
    };
    c.run();
    c.problems
}

/// A question kind as the data file writes it.
fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::YesNo => "yes_no",
        Kind::Single => "single",
        Kind::Multi => "multi",
        Kind::Checklist => "checklist",
        Kind::Text => "text",
    }
}

/// The IDs the shell names (`roles` in the data): each is in this protocol
/// (a selection: every selection is checked, the shared core alone
/// included, so a role may not be a pack's), of the kind the shell reads.
pub fn check_roles(roles: &RolesData, p: &Protocol) -> Vec<ProtocolError> {
    let mut problems = Vec::new();
    let mut problem = |place: &str, message: String| {
        problems.push(ProtocolError::new(format!("roles.{place}"), message));
    };
    for (place, id) in [
        ("at_clinic_rule", &roles.at_clinic_rule),
        ("unsure_rule", &roles.unsure_rule),
    ] {
        if p.rule(id).is_none() {
            problem(
                place,
                format!("names the rule \"{id}\", which is not in the core"),
            );
        }
    }
    // A question of that kind with these options (in this order, when
    // `exactly`; every other option is "not_sure").
    let mut question = |place: &str, id: &str, kind: Kind, options: &[&str], exactly: bool| {
        let Some(q) = p.question(id) else {
            problem(
                place,
                format!("names the question \"{id}\", which is not in the core"),
            );
            return;
        };
        if q.kind != kind {
            problem(
                place,
                format!(
                    "\"{id}\" is a {} question; the shell reads a {} one",
                    kind_name(q.kind),
                    kind_name(kind)
                ),
            );
        }
        for o in options {
            if !q.options.iter().any(|x| x.id == *o) {
                problem(place, format!("\"{id}\" has no option \"{o}\""));
            }
        }
        let listed: Vec<&str> = q
            .options
            .iter()
            .map(|o| o.id.as_str())
            .filter(|o| *o != "not_sure")
            .collect();
        if exactly && listed != options {
            problem(
                place,
                format!(
                    "lists {}, but \"{id}\" has the options {} (every one but \"not_sure\", in order)",
                    options.join(", "),
                    listed.join(", ")
                ),
            );
        }
    };
    let r = &roles.respondent;
    question(
        "respondent",
        &r.question,
        Kind::Single,
        &[&r.me, &r.helper],
        false,
    );
    let t = &roles.time_since_end;
    let codes: Vec<&str> = t.bands.iter().map(|b| b.code.as_str()).collect();
    question("time_since_end", &t.question, Kind::Single, &codes, true);
    question("repeat_use", &roles.repeat_use, Kind::YesNo, &[], false);
    question(
        "symptom_none",
        GROUPS_QUESTION,
        Kind::Multi,
        &[&roles.symptom_none, &roles.symptom_other],
        false,
    );
    // Bands: increasing, each with its bound but the last.
    let mut last = 0.0;
    for (i, b) in t.bands.iter().enumerate() {
        let end = i + 1 == t.bands.len();
        match b.under_hours {
            Some(h) if !end && h > last => last = h,
            None if end => {}
            _ => problem(
                "time_since_end.bands",
                format!("band \"{}\": every band but the last has `under_hours`, each greater than the one before; the last has none", b.code),
            ),
        }
    }
    problems
}

/// The search for rules that never fire and questions never asked, over
/// `samples` generated answer sets (seeded, so the same every run).
pub fn check_reachability(p: &Protocol, samples: usize) -> Vec<ProtocolError> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut fired: BTreeSet<String> = BTreeSet::new();
    let mut asked: BTreeSet<String> = BTreeSet::new();
    for _ in 0..samples {
        let answers = random_answers(p, &mut rng);
        // Without the skipping of questions that cannot change the outcome:
        // a rule that another rule always outweighs (M06 under C09) still
        // has to be able to fire, and its questions to be reachable.
        let (screens, outcome) = triage_asking_all(p, &answers);
        asked.extend(screens);
        fired.extend(outcome.fired.into_iter().map(|f| f.id));
    }
    let mut problems = Vec::new();
    for &s in &p.screens {
        if let Some(q) = p.questions.get(s) {
            if !asked.contains(&q.id) {
                problems.push(ProtocolError::new(
                    format!("questions.{}", q.id),
                    format!(
                        "was never asked in {samples} generated answer sets: it may be unreachable"
                    ),
                ));
            }
        }
    }
    for rule in &p.rules {
        if !fired.contains(&rule.id) {
            problems.push(ProtocolError::new(
                format!("rules.{}", rule.id),
                format!("never fired in {samples} generated answer sets: it may never fire"),
            ));
        }
    }
    problems
}

/// A small deterministic generator (xorshift64*), so checks need no crate.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A whole answer set, leaning towards benign answers so that the deeper
/// modules are reached; every question gets an answer (the flow ignores the
/// ones it does not ask).
pub fn random_answers(p: &Protocol, rng: &mut Rng) -> Answers {
    let mut answers = Answers::new();
    // Half the sets tick almost nothing on the checklists and pick few
    // symptom groups, with more worrying answers to the rest, so that deep
    // paths past the red flags (a module's worst answers with a risk
    // question, as E07 needs) are common.
    let quiet = rng.chance(50);
    for q in &p.questions {
        if q.parent.is_some() {
            // Checklist items: mostly unticked.
            let code = match (rng.below(100), quiet) {
                (0..=98, true) | (0..=87, false) => "no",
                (99, true) | (88..=95, false) => "yes",
                _ => "not_sure",
            };
            answers.set_one(&q.id, code);
            continue;
        }
        match q.kind {
            Kind::Checklist => {}
            Kind::Text => answers.set_one(&q.id, "generated"),
            Kind::Multi => {
                let picked: Vec<String> = q
                    .options
                    .iter()
                    .filter(|o| !o.exclusive && rng.chance(if quiet { 8 } else { 18 }))
                    .map(|o| o.id.clone())
                    .collect();
                let exclusive = q.options.iter().find(|o| o.exclusive);
                let picked = match (picked.is_empty(), exclusive) {
                    (true, Some(ex)) => vec![ex.id.clone()],
                    _ => picked,
                };
                answers.set(&q.id, Answer::Many(picked));
            }
            Kind::YesNo | Kind::Single => {
                let mut codes: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
                if q.offers_not_sure {
                    codes.push("not_sure");
                }
                let benign = if q.kind == Kind::YesNo {
                    "no"
                } else {
                    codes.first().copied().unwrap_or("not_sure")
                };
                let code = if rng.chance(if quiet { 30 } else { 55 }) {
                    benign
                } else {
                    codes.get(rng.below(codes.len())).copied().unwrap_or(benign)
                };
                answers.set_one(&q.id, code);
            }
        }
    }
    answers
}

struct Checker<'p> {
    p: &'p Protocol,
    problems: Vec<ProtocolError>,
    /// Flow position of each question (items share their checklist's).
    position: BTreeMap<String, usize>,
    rule_position: BTreeMap<String, usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    /// `ask_when`: only earlier questions, no rule-state conditions.
    AskWhen(usize),
    /// A rule at this position.
    Rule(usize),
    /// A def or advice: any question, no rule-state conditions.
    Plain,
}

impl<'p> Checker<'p> {
    fn problem(&mut self, place: impl Into<String>, message: String) {
        self.problems.push(ProtocolError::new(place, message));
    }

    fn run(&mut self) {
        let p = self.p;
        for (pos, &s) in p.screens.iter().enumerate() {
            if let Some(q) = p.questions.get(s) {
                self.position.insert(q.id.clone(), pos);
                for (_, items) in &q.sections {
                    for &i in items {
                        if let Some(item) = p.questions.get(i) {
                            self.position.insert(item.id.clone(), pos);
                        }
                    }
                }
                // Questions answered on this screen share its position.
                for c in p.questions.iter().filter(|c| c.shown_with == Some(s)) {
                    self.position.insert(c.id.clone(), pos);
                }
            }
        }
        // The read-back code ranks a screen's ticks among all the ways to
        // tick it, in 32 bits: a list longer than this has no code.
        for q in &p.questions {
            let choices = match q.kind {
                Kind::Multi => q.options.len() + usize::from(q.offers_not_sure),
                Kind::Checklist => q.sections.iter().map(|(_, items)| items.len()).sum(),
                _ => 0,
            };
            if choices > MAX_CHOICES {
                self.problem(
                    format!("questions.{}", q.id),
                    format!("has {choices} choices; the read-back code can carry at most {MAX_CHOICES} on one screen (split the list)"),
                );
            }
        }
        match p.question(GROUPS_QUESTION) {
            Some(q) if q.kind == Kind::Multi => {}
            _ => self.problem(
                format!("questions.{GROUPS_QUESTION}"),
                "the symptom-group question must exist and be multi-choice".into(),
            ),
        }
        self.check_texts_top();
        for q in &p.questions {
            self.check_question(q);
        }
        self.check_defs();
        let mut can_be_unsure: BTreeSet<String> = BTreeSet::new();
        for (pos, rule) in p.rules.iter().enumerate() {
            let place = format!("rules.{}", rule.id);
            if self.rule_position.insert(rule.id.clone(), pos).is_some() {
                self.problem(&place, "this rule ID is used twice".into());
            }
            self.cond(&rule.when, &format!("{place}.when"), Ctx::Rule(pos));
            for (i, r) in rule.raise.iter().enumerate() {
                self.cond(&r.when, &format!("{place}.raise[{i}].when"), Ctx::Rule(pos));
                if r.then <= rule.then {
                    self.problem(
                        format!("{place}.raise[{i}].then"),
                        format!(
                            "\"{}\" does not raise the rule's own level \"{}\"",
                            r.then.code(),
                            rule.then.code()
                        ),
                    );
                }
            }
            match (rule.effect, rule.clears.is_empty()) {
                (Effect::Clear, true) => self.problem(
                    &place,
                    "a clearing rule must list the groups it clears".into(),
                ),
                (Effect::Clear, false) => {
                    let groups: Vec<String> = p
                        .question(GROUPS_QUESTION)
                        .map(|q| q.options.iter().map(|o| o.id.clone()).collect())
                        .unwrap_or_default();
                    for (g, c) in &rule.clears {
                        if !groups.contains(g) {
                            self.problem(
                                format!("{place}.clears.{g}"),
                                format!("\"{g}\" is not a symptom group of \"{GROUPS_QUESTION}\""),
                            );
                        }
                        self.cond(c, &format!("{place}.clears.{g}"), Ctx::Rule(pos));
                    }
                }
                (_, false) => self.problem(
                    format!("{place}.clears"),
                    "only clearing (self-care) rules clear groups".into(),
                ),
                (_, true) => {}
            }
            for g in &rule.count_groups {
                let known = p
                    .question(GROUPS_QUESTION)
                    .is_some_and(|q| q.option(g).is_some());
                if !known {
                    self.problem(
                        format!("{place}.count_groups"),
                        format!("\"{g}\" is not a symptom group of \"{GROUPS_QUESTION}\""),
                    );
                }
            }
            if rule.stop && uses_rule_state(&rule.when, p, 0) {
                self.problem(&place, "a stop rule cannot read other rules (it is checked while the flow is still running), so it would never stop the flow".into());
            }
            if rule.sources.is_empty() {
                self.problem(
                    format!("{place}.sources"),
                    "every rule needs at least one source tag".into(),
                );
            }
            self.text(&rule.why, &format!("{place}.why"));
            let optional = [
                (&rule.why_they, "why_they"),
                (&rule.why_unsure, "why_unsure"),
                (&rule.why_unsure_they, "why_unsure_they"),
                (&rule.advice, "advice"),
                (&rule.advice_they, "advice_they"),
            ];
            for (t, name) in optional {
                if let Some(t) = t {
                    self.text(t, &format!("{place}.{name}"));
                }
            }
            // A rule that can fire through a "not sure" answer says so in
            // its reason ("you weren't sure whether ..."): the result shows
            // `why_unsure` when it fired only that way.
            let unsure = rule.effect == Effect::Raise
                && std::iter::once(&rule.when)
                    .chain(rule.raise.iter().map(|r| &r.when))
                    .any(|c| fires_on_not_sure(c, p, true, &can_be_unsure, 0));
            if unsure {
                can_be_unsure.insert(rule.id.clone());
            }
            match (unsure, &rule.why_unsure) {
                (true, None) => self.problem(
                    format!("{place}.why_unsure"),
                    "this rule can fire through a \"not sure\" answer: say so in why_unsure (\"you weren't sure whether ...\")".into(),
                ),
                (false, Some(_)) => self.problem(
                    format!("{place}.why_unsure"),
                    "this rule cannot fire through a \"not sure\" answer".into(),
                ),
                _ => {}
            }
            // Spoken to a helper throughout: a rule worded for "them" has its
            // unsure reason worded so too.
            if rule.why_unsure.is_some()
                && rule.why_they.is_some()
                && rule.why_unsure_they.is_none()
            {
                self.problem(
                    format!("{place}.why_unsure_they"),
                    "a rule with why_they and why_unsure needs why_unsure_they".into(),
                );
            }
            if rule.why_unsure.is_none() && rule.why_unsure_they.is_some() {
                self.problem(
                    format!("{place}.why_unsure_they"),
                    "a \"they\" variant of a why_unsure the rule does not have".into(),
                );
            }
            if rule.advice.is_none() && rule.advice_they.is_some() {
                self.problem(
                    format!("{place}.advice_they"),
                    "a \"they\" variant of advice the rule does not have".into(),
                );
            }
        }
        let mut advice_ids = BTreeSet::new();
        for a in &p.advice {
            let place = format!("advice.{}", a.id);
            if !advice_ids.insert(a.id.clone()) {
                self.problem(&place, "this advice ID is used twice".into());
            }
            self.cond(&a.when, &format!("{place}.when"), Ctx::Plain);
            self.text(&a.text, &format!("{place}.text"));
            if let Some(t) = &a.text_they {
                self.text(t, &format!("{place}.text_they"));
            }
        }
        self.check_not_sure_handled();
    }

    fn check_texts_top(&mut self) {
        let p = self.p;
        self.text(&p.title, "title");
        self.text(&p.status, "status");
        for level in super::model::Level::ALL {
            let o = p.outcomes.get(level);
            let place = format!("outcomes.{}", level.code());
            let one = [
                (Some(&o.title), "title"),
                (o.title_they.as_ref(), "title_they"),
                (Some(&o.lead), "lead"),
                (o.lead_they.as_ref(), "lead_they"),
                (Some(&o.at_clinic), "at_clinic"),
                (o.at_clinic_they.as_ref(), "at_clinic_they"),
            ];
            for (t, name) in one {
                if let Some(t) = t {
                    self.text(t, &format!("{place}.{name}"));
                }
            }
            let lists = [
                (&o.do_now, "do_now"),
                (&o.do_now_they, "do_now_they"),
                (&o.get_help, "get_help"),
                (&o.get_help_they, "get_help_they"),
            ];
            for (list, name) in lists {
                for (i, t) in list.iter().enumerate() {
                    self.text(t, &format!("{place}.{name}[{i}]"));
                }
            }
            self.check_recheck(level, o.recheck.as_ref(), &place);
            for (list, they, name) in [
                (&o.do_now, &o.do_now_they, "do_now_they"),
                (&o.get_help, &o.get_help_they, "get_help_they"),
            ] {
                if !they.is_empty() && they.len() != list.len() {
                    self.problem(
                        format!("{place}.{name}"),
                        format!(
                            "has {} items; the patient's list has {}",
                            they.len(),
                            list.len()
                        ),
                    );
                }
            }
        }
    }

    /// The re-check reminder: only where the patient is not told to call now
    /// (an emergency or call-now result has one thing to do: call), at a
    /// time that makes sense.
    fn check_recheck(&mut self, level: Level, recheck: Option<&Recheck>, place: &str) {
        let place = format!("{place}.recheck");
        match recheck {
            None => {}
            Some(_) if level >= Level::CallNow => self.problem(
                place,
                "a re-check reminder is offered only on call-today and self-care results: this result says to call now".into(),
            ),
            Some(Recheck::AfterHours(h)) if !(1..=24).contains(h) => self.problem(
                format!("{place}.after_hours"),
                format!("is {h}; give 1 to 24 hours"),
            ),
            Some(r @ Recheck::NextMorningAt(s)) if r.morning_minutes().is_none() => self.problem(
                format!("{place}.next_morning_at"),
                format!(
                    "is \"{}\"; give a morning time as HH:MM, 00:00 to 11:59",
                    s.escape_debug()
                ),
            ),
            Some(_) => {}
        }
    }

    fn check_question(&mut self, q: &Question) {
        let place = format!("questions.{}", q.id);
        self.text(&q.text, &format!("{place}.text"));
        if let Some(t) = &q.text_they {
            self.text(t, &format!("{place}.text_they"));
        }
        if let Some(t) = &q.hint {
            self.text(t, &format!("{place}.hint"));
        }
        for (i, (title, _)) in q.sections.iter().enumerate() {
            self.text(title, &format!("{place}.sections[{i}].title"));
        }
        let mut seen = BTreeSet::new();
        for o in &q.options {
            if !seen.insert(o.id.as_str()) {
                self.problem(
                    format!("{place}.options.{}", o.id),
                    "this option ID is used twice".into(),
                );
            }
            self.text(&o.label, &format!("{place}.options.{}.label", o.id));
            if let Some(h) = &o.hint {
                self.text(h, &format!("{place}.options.{}.hint", o.id));
            }
            if o.exclusive && q.kind != Kind::Multi {
                self.problem(
                    format!("{place}.options.{}", o.id),
                    "only multi-choice options can be exclusive".into(),
                );
            }
        }
        if let Some(assume) = &q.if_not_sure {
            if (q.kind == Kind::Single || q.kind == Kind::YesNo) && assume.len() != 1 {
                self.problem(format!("{place}.if_not_sure"), "must be one option".into());
            }
            for code in assume {
                if q.option(code).is_none() {
                    self.problem(
                        format!("{place}.if_not_sure"),
                        format!("\"{code}\" is not an option of this question"),
                    );
                }
            }
        }
        if q.offers_not_sure && q.kind != Kind::YesNo {
            self.problem(
                format!("{place}.not_sure"),
                "only yes/no questions offer \"Not sure\"; add a not_sure option instead".into(),
            );
        }
        if let Some(c) = &q.ask_when {
            if q.parent.is_some() {
                self.problem(
                    format!("{place}.ask_when"),
                    "checklist items are asked with their checklist".into(),
                );
            }
            let pos = self.position.get(&q.id).copied().unwrap_or(0);
            self.cond(c, &format!("{place}.ask_when"), Ctx::AskWhen(pos));
        }
    }

    fn check_defs(&mut self) {
        let p = self.p;
        for (name, c) in &p.defs {
            self.cond(c, &format!("defs.{name}"), Ctx::Plain);
            if def_cycle(name, c, p, 0) {
                self.problem(
                    format!("defs.{name}"),
                    "refers to itself (a cycle of defs)".into(),
                );
            }
        }
    }

    /// Every unsure answer that reaches the rules as `not_sure` must be read by a rule.
    fn check_not_sure_handled(&mut self) {
        let p = self.p;
        let mut read: BTreeSet<String> = BTreeSet::new();
        let mut collect = |c: &Cond| collect_not_sure(c, p, &mut read, 0);
        for r in &p.rules {
            if r.effect != Effect::Raise {
                continue;
            }
            collect(&r.when);
            for raise in &r.raise {
                collect(&raise.when);
            }
        }
        for q in &p.questions {
            if q.if_not_sure.is_some() || matches!(q.kind, Kind::Checklist | Kind::Text) {
                continue;
            }
            if !read.contains(&q.id) {
                self.problem(
                    format!("questions.{}", q.id),
                    "an unsure or missing answer reaches the rules as \"not_sure\", but no rule reads it: add if_not_sure or a rule".into(),
                );
            }
        }
    }

    fn text(&mut self, t: &Text, place: &str) {
        for lang in Lang::ALL {
            let s = t.get_exact(lang);
            if s.trim().is_empty() {
                self.problem(
                    format!("{place}.{}", lang.code()),
                    "missing translation".into(),
                );
                continue;
            }
            for ph in placeholders(s) {
                if !PLACEHOLDERS.contains(&ph.as_str()) {
                    self.problem(
                        format!("{place}.{}", lang.code()),
                        format!("unknown placeholder {{{ph}}}"),
                    );
                }
            }
        }
        let (en, es) = (placeholders(&t.en), placeholders(&t.es));
        if !t.es.is_empty() && en != es {
            self.problem(
                place.to_string(),
                "the English and Spanish texts use different placeholders".into(),
            );
        }
    }

    fn cond(&mut self, c: &Cond, place: &str, ctx: Ctx) {
        match c {
            Cond::Is(map) => {
                if map.is_empty() {
                    self.problem(place, "an \"is\" condition must name a question".into());
                }
                for (id, codes) in map {
                    let Some(q) = self.p.question(id) else {
                        self.problem(place, format!("unknown question \"{id}\""));
                        continue;
                    };
                    if matches!(q.kind, Kind::Checklist | Kind::Text) {
                        self.problem(place, format!("\"{id}\" is a checklist or free text; test its items or options instead"));
                        continue;
                    }
                    if codes.is_empty() {
                        self.problem(
                            place,
                            format!("lists no answer for \"{id}\", so it can never hold"),
                        );
                    }
                    let allowed = q.rule_codes();
                    for code in codes {
                        if !allowed.contains(&code.as_str()) {
                            let why = if code == "not_sure" {
                                "its unsure answers are read as if_not_sure, so this can never hold"
                                    .to_string()
                            } else {
                                format!(
                                    "not an option of \"{id}\" (options: {})",
                                    allowed.join(", ")
                                )
                            };
                            self.problem(place, format!("answer \"{code}\" for \"{id}\": {why}"));
                        }
                    }
                    if let Ctx::AskWhen(pos) = ctx {
                        let qpos = self.position.get(id).copied().unwrap_or(usize::MAX);
                        if qpos >= pos {
                            self.problem(
                                place,
                                format!("reads \"{id}\", which is not asked before this question"),
                            );
                        }
                    }
                }
            }
            Cond::All(list) | Cond::Any(list) => {
                if matches!(c, Cond::Any(_)) && list.is_empty() {
                    self.problem(place, "an empty \"any\" can never hold".into());
                }
                for (i, c) in list.iter().enumerate() {
                    self.cond(c, &format!("{place}[{i}]"), ctx);
                }
            }
            Cond::Not(inner) => self.cond(inner, &format!("{place}.not"), ctx),
            Cond::AtLeast { n, of } => {
                if *n == 0 || *n > of.len() {
                    self.problem(
                        place,
                        format!("\"at least {n} of {}\" can never be a real test", of.len()),
                    );
                }
                for (i, c) in of.iter().enumerate() {
                    self.cond(c, &format!("{place}.of[{i}]"), ctx);
                }
            }
            Cond::Def(name) => {
                if !self.p.defs.contains_key(name) {
                    self.problem(place, format!("unknown def \"{name}\""));
                } else if let Ctx::AskWhen(_) = ctx {
                    self.problem(
                        place,
                        "ask_when cannot use defs (write the condition out)".into(),
                    );
                }
            }
            Cond::Fired(ids) => match ctx {
                Ctx::Rule(pos) => {
                    for id in ids {
                        match self.rule_position_of(id) {
                            None => self.problem(place, format!("unknown rule \"{id}\"")),
                            Some(rp) if rp >= pos => self.problem(
                                place,
                                format!("reads rule \"{id}\", which is evaluated later"),
                            ),
                            Some(_) => {}
                        }
                    }
                }
                _ => self.problem(place, "only rules can read which rules fired".into()),
            },
            Cond::Cleared(g) => {
                if !matches!(ctx, Ctx::Rule(_)) {
                    self.problem(place, "only rules can read the state of other rules".into());
                }
                let known = self
                    .p
                    .question(GROUPS_QUESTION)
                    .is_some_and(|q| q.options.iter().any(|o| o.id == *g));
                if !known {
                    self.problem(place, format!("\"{g}\" is not a symptom group"));
                }
            }
            Cond::LevelBelow(_) | Cond::GroupsFired(_) | Cond::Assumed(_) | Cond::Uncleared(_) => {
                if !matches!(ctx, Ctx::Rule(_)) {
                    self.problem(place, "only rules can read the state of other rules".into());
                }
                if let Cond::GroupsFired(0) = c {
                    self.problem(place, "groups_fired 0 always holds".into());
                }
            }
        }
    }

    fn rule_position_of(&self, id: &str) -> Option<usize> {
        self.p.rules.iter().position(|r| r.id == id)
    }
}

impl Text {
    /// The text in `lang`, with no fallback.
    pub fn get_exact(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// The `{NAME}` placeholders in a text, sorted.
pub fn placeholders(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start + 1..).unwrap_or("");
        match after.find('}') {
            Some(end) => {
                out.push(after.get(..end).unwrap_or("").to_string());
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    out.sort();
    out
}

fn uses_rule_state(c: &Cond, p: &Protocol, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    match c {
        Cond::Is(_) => false,
        Cond::All(l) | Cond::Any(l) => l.iter().any(|c| uses_rule_state(c, p, depth + 1)),
        Cond::AtLeast { of, .. } => of.iter().any(|c| uses_rule_state(c, p, depth + 1)),
        Cond::Not(c) => uses_rule_state(c, p, depth + 1),
        Cond::Def(n) => p
            .defs
            .get(n)
            .is_some_and(|c| uses_rule_state(c, p, depth + 1)),
        _ => true,
    }
}

fn def_cycle(start: &str, c: &Cond, p: &Protocol, depth: usize) -> bool {
    if depth > 64 {
        return true;
    }
    match c {
        Cond::All(l) | Cond::Any(l) => l.iter().any(|c| def_cycle(start, c, p, depth + 1)),
        Cond::AtLeast { of, .. } => of.iter().any(|c| def_cycle(start, c, p, depth + 1)),
        Cond::Not(c) => def_cycle(start, c, p, depth + 1),
        Cond::Def(n) => {
            n == start
                || p.defs
                    .get(n)
                    .is_some_and(|c| def_cycle(start, c, p, depth + 1))
        }
        _ => false,
    }
}

fn collect_not_sure(c: &Cond, p: &Protocol, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match c {
        Cond::Is(map) => {
            for (id, codes) in map {
                if codes.iter().any(|c| c == "not_sure") {
                    out.insert(id.clone());
                }
            }
        }
        Cond::All(l) | Cond::Any(l) => l
            .iter()
            .for_each(|c| collect_not_sure(c, p, out, depth + 1)),
        Cond::AtLeast { of, .. } => of
            .iter()
            .for_each(|c| collect_not_sure(c, p, out, depth + 1)),
        Cond::Not(c) => collect_not_sure(c, p, out, depth + 1),
        Cond::Def(n) => {
            if let Some(c) = p.defs.get(n) {
                collect_not_sure(c, p, out, depth + 1)
            }
        }
        _ => {}
    }
}

/// Whether a "not sure" answer the patient can give (a checklist item, a
/// yes/no question offering "Not sure", a `not_sure` option) can make this
/// condition hold (`positive`; under a `not`, fail), as the engine reads it
/// (its `if_not_sure`, or `not_sure` itself); or it reads a rule in
/// `unsure_rules` having fired.
fn fires_on_not_sure(
    c: &Cond,
    p: &Protocol,
    positive: bool,
    unsure_rules: &BTreeSet<String>,
    depth: usize,
) -> bool {
    if depth > 64 {
        return false;
    }
    let next =
        |c: &Cond, positive: bool| fires_on_not_sure(c, p, positive, unsure_rules, depth + 1);
    match c {
        Cond::Is(map) => map.iter().any(|(id, codes)| {
            let Some(q) = p.question(id) else {
                return false;
            };
            if !(q.offers_not_sure || q.option("not_sure").is_some()) {
                return false;
            }
            let read = q
                .if_not_sure
                .clone()
                .unwrap_or_else(|| vec!["not_sure".into()]);
            if positive {
                read.iter().any(|r| codes.contains(r))
            } else {
                !read.iter().all(|r| codes.contains(r))
            }
        }),
        Cond::All(l) | Cond::Any(l) | Cond::AtLeast { of: l, .. } => {
            l.iter().any(|c| next(c, positive))
        }
        Cond::Not(c) => next(c, !positive),
        Cond::Def(n) => p.defs.get(n).is_some_and(|c| next(c, positive)),
        Cond::Fired(ids) => positive && ids.iter().any(|id| unsure_rules.contains(id)),
        _ => false,
    }
}
