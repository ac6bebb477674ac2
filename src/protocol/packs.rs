//! Therapy packs: the data file holds the shared post-infusion core and one
//! pack per therapy (every question, option, checklist item, rule and advice
//! entry that names a `pack` is that pack's; the rest is the core's). A
//! selection keeps the core and the chosen packs (and the packs they bring,
//! `vitamin-drip` → `magnesium`) and drops the rest, so the engine runs the
//! selection as one protocol: a question shared by packs is one question,
//! asked once; every selected pack's rules are evaluated; the highest level
//! wins. What the selection drops, the conditions that remain read as "not
//! asked" (they match nothing), which is what the engine gives a question
//! whose `ask_when` is false.

use super::check::ProtocolError;
use super::model::{Cond, OptionData, OptionsSpec, ProtocolData};
use super::GROUPS_QUESTION;
use litemap::LiteMap;
use std::collections::BTreeSet;

/// A condition that never holds (a question or rule the selection dropped).
fn never() -> Cond {
    Cond::Any(Vec::new())
}

/// What a selection dropped, for pruning the conditions that remain.
#[derive(Default)]
struct Dropped {
    /// Questions and checklist items.
    questions: BTreeSet<String>,
    /// (question, option) pairs.
    options: BTreeSet<(String, String)>,
    /// Rules.
    rules: BTreeSet<String>,
}

/// A condition that always holds.
fn always() -> Cond {
    Cond::All(Vec::new())
}

fn is_never(c: &Cond) -> bool {
    matches!(c, Cond::Any(l) if l.is_empty())
}

fn is_always(c: &Cond) -> bool {
    matches!(c, Cond::All(l) if l.is_empty())
}

impl Dropped {
    /// Reads what was dropped as "not asked" (matches nothing); `true` when
    /// something changed. A changed `all`, `any` or `not` is simplified, so a
    /// branch a pack added to a core condition leaves nothing behind when
    /// the pack is not selected (the core's data as written).
    fn prune(&self, c: &mut Cond) -> bool {
        match c {
            Cond::Is(map) => {
                let mut holds = true;
                let mut changed = false;
                let mut kept: Vec<(String, Vec<String>)> = Vec::new();
                for (q, codes) in map.iter() {
                    if self.questions.contains(q) {
                        holds = false;
                        continue;
                    }
                    let left: Vec<String> = codes
                        .iter()
                        .filter(|code| !self.options.contains(&(q.clone(), (*code).clone())))
                        .cloned()
                        .collect();
                    changed |= left.len() != codes.len();
                    if left.is_empty() && !codes.is_empty() {
                        holds = false;
                    }
                    kept.push((q.clone(), left));
                }
                if !holds {
                    *c = never();
                    return true;
                }
                if changed {
                    *map = kept.into_iter().collect::<LiteMap<_, _>>();
                }
                changed
            }
            Cond::All(list) => {
                let mut changed = false;
                for c in list.iter_mut() {
                    changed |= self.prune(c);
                }
                if changed {
                    if list.iter().any(is_never) {
                        *c = never();
                    } else {
                        list.retain(|c| !is_always(c));
                        if let [one] = list.as_mut_slice() {
                            let one = std::mem::replace(one, always());
                            *c = one;
                        }
                    }
                }
                changed
            }
            Cond::Any(list) => {
                let mut changed = false;
                for c in list.iter_mut() {
                    changed |= self.prune(c);
                }
                if changed {
                    if list.iter().any(is_always) {
                        *c = always();
                    } else {
                        list.retain(|c| !is_never(c));
                        if let [one] = list.as_mut_slice() {
                            let one = std::mem::replace(one, always());
                            *c = one;
                        }
                    }
                }
                changed
            }
            Cond::AtLeast { of: list, .. } => {
                let mut changed = false;
                for c in list.iter_mut() {
                    changed |= self.prune(c);
                }
                changed
            }
            Cond::Not(inner) => {
                let changed = self.prune(inner);
                if changed && is_never(inner) {
                    *c = always();
                } else if changed && is_always(inner) {
                    *c = never();
                }
                changed
            }
            Cond::Fired(ids) => {
                let before = ids.len();
                ids.retain(|id| !self.rules.contains(id));
                if ids.is_empty() && before > 0 {
                    *c = never();
                }
                ids_changed(before, c)
            }
            Cond::Cleared(g) => {
                if self
                    .options
                    .contains(&(GROUPS_QUESTION.to_string(), g.clone()))
                {
                    *c = never();
                    true
                } else {
                    false
                }
            }
            Cond::Def(_)
            | Cond::LevelBelow(_)
            | Cond::GroupsFired(_)
            | Cond::Assumed(_)
            | Cond::Uncleared(_) => false,
        }
    }
}

/// Whether a `fired` condition lost an ID (it may now be `never`).
fn ids_changed(before: usize, c: &Cond) -> bool {
    match c {
        Cond::Fired(ids) => ids.len() != before,
        _ => true,
    }
}

/// The named conditions a condition uses (directly).
fn defs_used(c: &Cond, out: &mut BTreeSet<String>) {
    match c {
        Cond::Def(name) => {
            out.insert(name.clone());
        }
        Cond::All(list) | Cond::Any(list) | Cond::AtLeast { of: list, .. } => {
            list.iter().for_each(|c| defs_used(c, out));
        }
        Cond::Not(inner) => defs_used(inner, out),
        _ => {}
    }
}

impl ProtocolData {
    /// The declared packs' IDs, in the file's order.
    pub fn pack_ids(&self) -> Vec<String> {
        self.packs.iter().map(|p| p.id.clone()).collect()
    }

    /// Every `pack` a question, option, item, rule or advice entry names is
    /// declared, once, and what a pack brings is declared.
    pub fn check_packs(&self) -> Vec<ProtocolError> {
        let mut problems = Vec::new();
        let declared: Vec<&str> = self.packs.iter().map(|p| p.id.as_str()).collect();
        let mut seen = BTreeSet::new();
        for p in &self.packs {
            if !seen.insert(p.id.as_str()) {
                problems.push(ProtocolError::new(
                    format!("packs.{}", p.id),
                    "this pack ID is declared twice".into(),
                ));
            }
            for b in &p.brings {
                if !declared.contains(&b.as_str()) {
                    problems.push(ProtocolError::new(
                        format!("packs.{}.brings", p.id),
                        format!("names the pack \"{b}\", which is not declared in packs"),
                    ));
                }
            }
        }
        let mut tag = |place: String, pack: &Option<String>| {
            let names = pack.as_deref().unwrap_or_default();
            if pack.is_some() && names.split_whitespace().next().is_none() {
                problems.push(ProtocolError::new(
                    format!("{place}.pack"),
                    "is empty: name a pack, or leave it out for the core".into(),
                ));
            }
            for name in names.split_whitespace() {
                if !declared.contains(&name) {
                    problems.push(ProtocolError::new(
                        format!("{place}.pack"),
                        format!("names the pack \"{name}\", which is not declared in packs"),
                    ));
                }
            }
        };
        let options = |place: &str, spec: &Option<OptionsSpec>| -> Vec<(String, Option<String>)> {
            match spec {
                Some(OptionsSpec::List(list)) => list
                    .iter()
                    .map(|o| (format!("{place}.options.{}", o.id), o.pack.clone()))
                    .collect(),
                _ => Vec::new(),
            }
        };
        for q in &self.questions {
            let place = format!("questions.{}", q.id);
            tag(place.clone(), &q.pack);
            for (p, pack) in options(&place, &q.options) {
                tag(p, &pack);
            }
            for s in q.sections.iter().flatten() {
                for item in &s.items {
                    tag(format!("{place}.{}", item.id), &item.pack);
                }
            }
        }
        for (name, list) in &self.option_sets {
            for o in list {
                tag(format!("option_sets.{name}.{}", o.id), &o.pack);
            }
        }
        for r in &self.rules {
            tag(format!("rules.{}", r.id), &r.pack);
        }
        for a in &self.advice {
            tag(format!("advice.{}", a.id), &a.pack);
        }
        // (build-time and native only: see `wording`)
        #[cfg(not(target_arch = "wasm32"))]
        problems.extend(self.check_wording());
        problems
    }

    /// The packs `named` and every pack they bring, in the file's order; an
    /// unknown name is an error naming it.
    pub fn expand(&self, named: &[&str]) -> Result<Vec<String>, ProtocolError> {
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<String> = named.iter().map(|s| s.to_string()).collect();
        while let Some(id) = todo.pop() {
            let Some(pack) = self.packs.iter().find(|p| p.id == id) else {
                return Err(ProtocolError::new(
                    "packs",
                    format!(
                        "there is no pack \"{id}\"; the packs are: {}",
                        self.pack_ids().join(", ")
                    ),
                ));
            };
            if wanted.insert(id) {
                todo.extend(pack.brings.iter().cloned());
            }
        }
        Ok(self
            .packs
            .iter()
            .filter(|p| wanted.contains(&p.id))
            .map(|p| p.id.clone())
            .collect())
    }

    /// The core and the packs `named` (and what they bring), everything else
    /// dropped, as a protocol of its own: its ID is the selected packs'
    /// IDs joined by `+` (`magnesium`, `iron+magnesium`), so anything kept
    /// for one selection is never read by another. With `pack_texts`, one
    /// pack named keeps its own title and outcome texts (they name the drip);
    /// otherwise the file's own serve.
    pub fn select(
        mut self,
        named: &[&str],
        pack_texts: bool,
    ) -> Result<ProtocolData, ProtocolError> {
        let selected = self.expand(named)?;
        // A `pack` may name several packs, space-separated (a question two
        // packs share): kept when any of them is selected.
        let keep = |pack: &Option<String>| {
            pack.as_ref().is_none_or(|p| {
                p.split_whitespace()
                    .any(|p| selected.iter().any(|s| s == p))
            })
        };
        let mut dropped = Dropped::default();

        // Questions, their options and checklist items.
        let mut questions = Vec::new();
        for mut q in std::mem::take(&mut self.questions) {
            let all_items = q.sections.iter().flatten().flat_map(|s| s.items.iter());
            if !keep(&q.pack) {
                dropped.questions.insert(q.id.clone());
                dropped
                    .questions
                    .extend(all_items.map(|item| item.id.clone()));
                continue;
            }
            if let Some(OptionsSpec::List(list)) = &mut q.options {
                let (kept, gone): (Vec<OptionData>, Vec<OptionData>) = std::mem::take(list)
                    .into_iter()
                    .partition(|o| keep(&o.pack));
                for o in gone {
                    dropped.options.insert((q.id.clone(), o.id));
                }
                *list = kept;
                list.iter_mut().for_each(|o| o.pack = None);
            }
            if let Some(sections) = &mut q.sections {
                for s in sections.iter_mut() {
                    let (kept, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut s.items)
                        .into_iter()
                        .partition(|i| keep(&i.pack));
                    dropped.questions.extend(gone.into_iter().map(|i| i.id));
                    s.items = kept;
                    s.items.iter_mut().for_each(|i| i.pack = None);
                }
                sections.retain(|s| !s.items.is_empty());
            }
            q.pack = None;
            questions.push(q);
        }
        self.questions = questions;
        // The selected packs' wording of core options, in the file's order
        // of packs (whether one pack or several is selected).
        #[cfg(not(target_arch = "wasm32"))]
        for pack in self.packs.iter().filter(|p| selected.contains(&p.id)) {
            for w in &pack.wording {
                wording::apply(&mut self.questions, w);
            }
        }
        for list in self.option_sets.iter_mut().map(|(_, v)| v) {
            list.retain(|o| keep(&o.pack));
            list.iter_mut().for_each(|o| o.pack = None);
        }

        // Rules and advice.
        let (rules, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut self.rules)
            .into_iter()
            .partition(|r| keep(&r.pack));
        dropped.rules.extend(gone.into_iter().map(|r| r.id));
        self.rules = rules;
        self.advice.retain(|a| keep(&a.pack));
        self.advice.iter_mut().for_each(|a| a.pack = None);

        // What remains reads what was dropped as "not asked".
        let groups: BTreeSet<String> = dropped
            .options
            .iter()
            .filter(|(q, _)| q == GROUPS_QUESTION)
            .map(|(_, o)| o.clone())
            .collect();
        for q in &mut self.questions {
            if let Some(c) = &mut q.ask_when {
                dropped.prune(c);
            }
        }
        for r in &mut self.rules {
            dropped.prune(&mut r.when);
            for x in r.raise.iter_mut() {
                dropped.prune(&mut x.when);
            }
            let clears = std::mem::take(&mut r.clears);
            r.clears = clears
                .into_iter()
                .filter(|(g, _)| !groups.contains(g))
                .map(|(g, mut c)| {
                    dropped.prune(&mut c);
                    (g, c)
                })
                .collect();
            r.count_groups.retain(|g| !groups.contains(g));
            if r.group.as_ref().is_some_and(|g| groups.contains(g)) {
                r.group = None;
            }
        }
        for a in &mut self.advice {
            dropped.prune(&mut a.when);
        }
        for (_, c) in self.defs.iter_mut() {
            dropped.prune(c);
        }
        // Named conditions only the dropped packs used.
        let mut used: BTreeSet<String> = BTreeSet::new();
        for q in &self.questions {
            if let Some(c) = &q.ask_when {
                defs_used(c, &mut used);
            }
        }
        for r in &self.rules {
            defs_used(&r.when, &mut used);
            r.raise.iter().for_each(|x| defs_used(&x.when, &mut used));
            r.clears.iter().for_each(|(_, c)| defs_used(c, &mut used));
        }
        for a in &self.advice {
            defs_used(&a.when, &mut used);
        }
        loop {
            let before = used.len();
            let mut more = BTreeSet::new();
            for name in &used {
                if let Some(c) = self.defs.get(name) {
                    defs_used(c, &mut more);
                }
            }
            used.extend(more);
            if used.len() == before {
                break;
            }
        }
        let defs = std::mem::take(&mut self.defs);
        self.defs = defs
            .into_iter()
            .filter(|(name, _)| used.contains(name))
            .collect();

        // The texts that name the drip, the ID and the specification.
        let named_packs: Vec<_> = self
            .packs
            .iter()
            .filter(|p| named.contains(&p.id.as_str()))
            .collect();
        if let (true, [only]) = (pack_texts, named_packs.as_slice()) {
            if let Some(o) = &only.outcomes {
                self.outcomes = o.clone();
            }
            if let Some(t) = &only.title {
                self.title = t.clone();
            }
        }
        let specs: Vec<String> = self
            .packs
            .iter()
            .filter(|p| selected.contains(&p.id))
            .map(|p| p.spec.clone())
            .collect();
        if !specs.is_empty() {
            self.spec = specs.join("; ");
        }
        if !selected.is_empty() {
            self.id = selected.join("+");
        }
        self.packs.clear();
        Ok(self)
    }
}

/// A pack's wording of core options (`PackData::wording`): checked and
/// merged when a selection is made from the data file, which happens at
/// build time and natively (the CLI, the tests); the browser reads the
/// compiled files, where the merged texts are ordinary option texts. Left
/// out of the wasm, so that it leaves no trace there.
#[cfg(not(target_arch = "wasm32"))]
mod wording {
    use super::super::check::ProtocolError;
    use super::super::model::{OptionsSpec, ProtocolData, QuestionData, Text, WordingData};
    use std::collections::BTreeSet;

    impl ProtocolData {
        /// Each pack's `wording` names a core question's core option, gives a
        /// label or sentences for its hint in every language, names its
        /// sources, and no two packs replace the same label (with both selected,
        /// which would it be?).
        pub(super) fn check_wording(&self) -> Vec<ProtocolError> {
            let mut problems = Vec::new();
            let mut labels: Vec<(&str, &str, &str)> = Vec::new();
            for p in &self.packs {
                let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
                for w in &p.wording {
                    let place = format!("packs.{}.wording.{}.{}", p.id, w.question, w.option);
                    let mut problem =
                        |m: String| problems.push(ProtocolError::new(place.clone(), m));
                    if !seen.insert((w.question.as_str(), w.option.as_str())) {
                        problem("this option's wording is given twice in this pack".into());
                    }
                    match self.questions.iter().find(|q| q.id == w.question) {
                        None => problem(format!("there is no question \"{}\"", w.question)),
                        Some(q) => {
                            if let Some(msg) = core_option(q, &w.option) {
                                problem(msg);
                            }
                        }
                    }
                    if w.label.is_none() && w.hint_add.is_none() {
                        problem("gives neither a `label` nor a `hint_add`".into());
                    }
                    if w.sources.iter().all(|s| s.trim().is_empty()) {
                        problem("names no source (the specification and its section)".into());
                    }
                    for (field, text) in [("label", &w.label), ("hint_add", &w.hint_add)] {
                        let Some(text) = text else { continue };
                        for (lang, s) in [("en", &text.en), ("es", &text.es)] {
                            if s.trim().is_empty() {
                                problem(format!("its {field} has no {lang} text"));
                            } else if field == "hint_add" && !whole_sentences(s) {
                                problem(format!(
                                    "its hint_add ({lang}) must be whole sentences, a capital letter first and a full stop last, so that several packs' sentences read in a row: \"{s}\""
                                ));
                            }
                        }
                    }
                    if w.label.is_some() {
                        if let Some((_, _, other)) = labels
                            .iter()
                            .find(|(q, o, _)| *q == w.question && *o == w.option)
                        {
                            problem(format!(
                                "the pack \"{other}\" replaces this label too: only one pack may replace a label (both may be selected); add sentences to its hint instead"
                            ));
                        }
                        labels.push((&w.question, &w.option, &p.id));
                    }
                }
            }
            problems
        }
    }

    /// `None` when `option` is one of the core question `q`'s own options (what
    /// a pack's wording may change); otherwise why not.
    fn core_option(q: &QuestionData, option: &str) -> Option<String> {
        if let Some(pack) = &q.pack {
            return Some(format!(
                "the question \"{}\" is the pack \"{pack}\"'s: a pack's wording changes only the core's options",
                q.id
            ));
        }
        let list = match &q.options {
            Some(OptionsSpec::List(list)) => list,
            Some(OptionsSpec::Set(set)) => {
                return Some(format!(
                    "the question \"{}\" takes the shared options \"{set}\": a pack's wording changes only a question's own options",
                    q.id
                ))
            }
            None => {
                return Some(format!("the question \"{}\" has no options", q.id));
            }
        };
        match list.iter().find(|o| o.id == option) {
            None => Some(format!(
                "the question \"{}\" has no option \"{option}\"",
                q.id
            )),
            Some(o) => o.pack.as_ref().map(|pack| {
                format!("the option \"{option}\" is the pack \"{pack}\"'s: a pack's wording changes only the core's options")
            }),
        }
    }

    /// Whether a text is whole sentences: not starting with a lower-case
    /// letter, ending with `.`, `!` or `?`.
    fn whole_sentences(s: &str) -> bool {
        let s = s.trim();
        s.chars().next().is_some_and(|c| !c.is_lowercase()) && s.ends_with(['.', '!', '?'])
    }

    /// The sentences of a text (each ends with `.`, `!` or `?` before a space or
    /// the end), trimmed.
    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let end = matches!(c, '.' | '!' | '?')
                && chars.peek().is_none_or(|(_, next)| next.is_whitespace());
            if end {
                let stop = i + c.len_utf8();
                if let Some(s) = text.get(start..stop) {
                    if !s.trim().is_empty() {
                        out.push(s.trim());
                    }
                }
                start = stop;
            }
        }
        if let Some(rest) = text.get(start..) {
            if !rest.trim().is_empty() {
                out.push(rest.trim());
            }
        }
        out
    }

    /// `base` and then each sentence of `add` that `base` (as it grows) does not
    /// already have, one space between sentences.
    fn add_sentences(base: &str, add: &str) -> String {
        let mut out = base.trim().to_string();
        for s in sentences(add) {
            if sentences(&out).contains(&s) {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(s);
        }
        out
    }

    /// One pack's wording of a core option, merged in (a name the checks refuse
    /// changes nothing).
    pub(super) fn apply(questions: &mut [QuestionData], w: &WordingData) {
        let Some(q) = questions.iter_mut().find(|q| q.id == w.question) else {
            return;
        };
        let Some(OptionsSpec::List(list)) = &mut q.options else {
            return;
        };
        let Some(o) = list.iter_mut().find(|o| o.id == w.option) else {
            return;
        };
        if let Some(label) = &w.label {
            o.label = label.clone();
        }
        if let Some(add) = &w.hint_add {
            let base = o.hint.take().unwrap_or_default();
            o.hint = Some(Text {
                en: add_sentences(&base.en, &add.en),
                es: add_sentences(&base.es, &add.es),
            });
        }
    }

    #[cfg(test)]
    mod tests {
        use super::{add_sentences, sentences};

        #[test]
        fn sentences_are_added_once_each() {
            assert_eq!(
                sentences("A mild headache. Thirst. ¿Sed? Un dolor (leve)."),
                ["A mild headache.", "Thirst.", "¿Sed?", "Un dolor (leve)."]
            );
            assert_eq!(
                add_sentences("A mild headache. Thirst.", "Thirst. A metal taste."),
                "A mild headache. Thirst. A metal taste."
            );
            assert_eq!(add_sentences("", "Thirst. Thirst."), "Thirst.");
        }
    }
}
