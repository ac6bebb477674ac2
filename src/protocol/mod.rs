//! The clinical core: the protocol as typed, checked data, and the engine that
//! decides what to ask next and what the outcome is.
//!
//! Pure Rust: no yew, web-sys or gloo. Everything here is tested natively with
//! `cargo test`. Nothing in this module may panic (clippy denies `unwrap`,
//! `expect`, `panic!` and indexing here).

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

pub mod cases;
mod check;
mod engine;
pub mod model;
mod packs;
pub mod table;
pub mod wire;

pub use check::{
    check, check_reachability, random_answers, ProtocolError, Rng, MAX_CHOICES, PLACEHOLDERS,
};
pub use engine::{
    advice_for, advice_worded, asked_screens, next_step, progress, rule_advice, triage,
    triage_asking_all, Answer, Answers, Disposition, Fired, Outcome, Step, Urgency,
};
pub use model::{they, they_list, Cond, Effect, Kind, Lang, Level, OptionData, Recheck, Text};

use litemap::LiteMap;
use model::{AdviceData, NotSureData, Outcomes, ProtocolData, QuestionData, RuleData};

/// The built-in protocol data, as written: the shared post-infusion core and
/// every therapy pack (see `packs.rs`).
pub const PROTOCOL_JSON: &str = include_str!("../protocols/infusion-check.json");

/// The built-in protocol data (its name from before there were packs: the
/// file is now the core and every pack; [`Protocol::magnesium`] selects the
/// magnesium pack).
pub const MAGNESIUM_JSON: &str = PROTOCOL_JSON;

/// The whole protocol's ID (the core and every pack), as case files name it.
pub const PROTOCOL_ID: &str = "infusion-check";

/// The question whose options are the symptom groups.
pub const GROUPS_QUESTION: &str = "symptoms";

/// The data format this build reads.
pub const FORMAT: &str = "infusion-check-protocol/1";

/// The fingerprint of a compiled language file (64-bit FNV-1a, as 16 hex
/// digits): the build records each file's, and the widget refuses a file that
/// is not the one built with it (a stale cache, another version or layout).
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn damaged() -> LoadError {
    LoadError::Binary("it is damaged, or was written by another version".into())
}

/// A question, with its options resolved and its checklist items flattened.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable ID.
    pub id: String,
    /// How it is answered (checklist items are `YesNo`).
    pub kind: Kind,
    /// Wording for the patient.
    pub text: Text,
    /// Wording when someone answers for the patient.
    pub text_they: Option<Text>,
    /// A line under the question.
    pub hint: Option<Text>,
    /// Asked only when this holds.
    pub ask_when: Option<Cond>,
    /// Offer "Not sure" (yes/no questions and checklist items).
    pub offers_not_sure: bool,
    /// What an unsure or missing answer is taken to be (`None`: rules read `not_sure`).
    pub if_not_sure: Option<Vec<String>>,
    /// The options go from least to most worrying.
    pub ordered: bool,
    /// Options (single and multi-choice; yes/no gets `yes` / `no`).
    pub options: Vec<OptionData>,
    /// Checklist sections: a heading and the indexes of its items.
    pub sections: Vec<(Text, Vec<usize>)>,
    /// The checklist this item belongs to.
    pub parent: Option<usize>,
    /// The screen it is answered on, when not a screen of its own.
    pub shown_with: Option<usize>,
    /// PROTOCOL.md's short code (B1 ... B8).
    pub code: Option<String>,
}

impl Question {
    /// The wording for the person answering.
    pub fn wording(&self, for_someone_else: bool) -> &Text {
        match (&self.text_they, for_someone_else) {
            (Some(they), true) => they,
            _ => &self.text,
        }
    }

    /// The answer codes a patient (or a case file) may give.
    pub fn accepts(&self, code: &str) -> bool {
        code == "not_sure" || self.options.iter().any(|o| o.id == code)
    }

    /// The codes that rules may test: the options, plus `not_sure` where an
    /// unsure answer reaches the rules as itself.
    pub fn rule_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.options.iter().map(|o| o.id.as_str()).collect();
        if self.if_not_sure.is_none() && !codes.contains(&"not_sure") {
            codes.push("not_sure");
        }
        codes
    }

    /// The option with this code.
    pub fn option(&self, code: &str) -> Option<&OptionData> {
        self.options.iter().find(|o| o.id == code)
    }
}

/// A checked protocol: every reference resolved, ready for the engine.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Protocol {
    /// The therapy (`magnesium`).
    pub id: String,
    /// Version shown on results and summaries.
    pub version: String,
    /// Review date (YYYY-MM-DD).
    pub review_date: String,
    /// The specification it encodes.
    pub spec: String,
    /// Title.
    pub title: Text,
    /// Sign-off status in words.
    pub status: Text,
    /// Every question and checklist item, in flow order.
    pub questions: Vec<Question>,
    /// The top-level screens (indexes into `questions`), in flow order.
    pub screens: Vec<usize>,
    /// Named conditions.
    #[serde(deserialize_with = "model::sorted_map")]
    pub defs: LiteMap<String, Cond>,
    /// The rules, in evaluation order.
    pub rules: Vec<RuleData>,
    /// Outcome texts.
    pub outcomes: Outcomes,
    /// Tailored advice.
    pub advice: Vec<AdviceData>,
}

/// Why a protocol could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LoadError {
    /// The file is not valid protocol JSON.
    #[error("the protocol file could not be read: {0}")]
    Parse(String),
    /// The compiled (binary) protocol could not be read.
    #[error("the compiled protocol could not be read: {0}")]
    Binary(String),
    /// The file was read but fails the checks.
    #[error("the protocol has {} problem(s); the first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Invalid(Vec<ProtocolError>),
}

/// Every set of these packs (at most 16 of them), with its bitset (bit `i`
/// is `ids[i]`), the empty set first: what `build.rs` compiles a file for,
/// and what `infusion-check check` checks.
pub fn pack_sets(ids: &[String]) -> Vec<(u32, Vec<&str>)> {
    let n = ids.len().min(16);
    (0..(1_u32 << n))
        .map(|mask| {
            let named = ids
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, p)| p.as_str())
                .collect();
            (mask, named)
        })
        .collect()
}

impl Protocol {
    /// Parses and checks protocol JSON. Any problem is an error naming its place.
    /// Every pack the file declares is selected (see [`Protocol::load_packs`]),
    /// with the file's own title and outcome texts (a pack's own, which name
    /// its drip, serve when it is selected alone: [`Protocol::load_packs`]).
    pub fn load(json: &str) -> Result<Protocol, LoadError> {
        Protocol::load_selected(json, None)
    }

    /// Parses protocol JSON and selects the shared core and these packs (and
    /// the packs they bring); then checks the selection. An unknown pack is
    /// an error naming it.
    pub fn load_packs(json: &str, packs: &[&str]) -> Result<Protocol, LoadError> {
        Protocol::load_selected(json, Some(packs))
    }

    /// The IDs the shell names, as a protocol file declares them (checked on
    /// every load: [`check::check_roles`]).
    pub fn roles(json: &str) -> Result<model::RolesData, LoadError> {
        let data: ProtocolData =
            serde_json::from_str(json).map_err(|e| LoadError::Parse(e.to_string()))?;
        Ok(data.roles)
    }

    /// The packs a protocol file declares, in its order.
    pub fn pack_ids(json: &str) -> Result<Vec<String>, LoadError> {
        let data: ProtocolData =
            serde_json::from_str(json).map_err(|e| LoadError::Parse(e.to_string()))?;
        Ok(data.pack_ids())
    }

    fn load_selected(json: &str, packs: Option<&[&str]>) -> Result<Protocol, LoadError> {
        let data: ProtocolData =
            serde_json::from_str(json).map_err(|e| LoadError::Parse(e.to_string()))?;
        let tags = data.check_packs();
        if !tags.is_empty() {
            return Err(LoadError::Invalid(tags));
        }
        let all = data.pack_ids();
        let named: Vec<&str> = match packs {
            Some(p) => p.to_vec(),
            None => all.iter().map(String::as_str).collect(),
        };
        let roles = data.roles.clone();
        let data = data
            .select(&named, packs.is_some())
            .map_err(|e| LoadError::Invalid(vec![e]))?;
        let (protocol, mut problems) = Protocol::build(data);
        problems.extend(check(&protocol));
        problems.extend(check::check_roles(&roles, &protocol));
        if problems.is_empty() {
            Ok(protocol)
        } else {
            Err(LoadError::Invalid(problems))
        }
    }

    /// Parses and checks the built-in protocol with the magnesium pack (what
    /// the widget ships).
    pub fn magnesium() -> Result<Protocol, LoadError> {
        Protocol::load_packs(PROTOCOL_JSON, &["magnesium"])
    }

    /// The built-in protocol with these packs.
    pub fn builtin(packs: &[&str]) -> Result<Protocol, LoadError> {
        Protocol::load_packs(PROTOCOL_JSON, packs)
    }

    /// The checked protocol in its compact binary form (see [`wire`]): what
    /// `build.rs` writes after checking, and what the browser reads, so the
    /// widget ships neither the JSON parser nor the checker.
    pub fn to_bytes(&self) -> Result<Vec<u8>, LoadError> {
        wire::write_split(self, &[]).map_err(LoadError::Binary)
    }

    /// Reads the compact form written by [`Protocol::to_bytes`] (with
    /// [`wire`], the reader the browser uses too).
    pub fn from_bytes(bytes: &[u8]) -> Result<Protocol, LoadError> {
        wire::Reader::read_split(bytes, <Protocol as wire::Wire>::read).ok_or_else(damaged)
    }

    /// A language file: this protocol (see [`Protocol::for_language`]) and
    /// then the widget's own words in that language (`i18n::Strings`, in
    /// field order).
    pub fn to_language_file(&self, words: &[&str]) -> Result<Vec<u8>, LoadError> {
        wire::write_split(&(self, words.len()), words).map_err(LoadError::Binary)
    }

    /// Reads a language file written by [`Protocol::to_language_file`]: the
    /// protocol and the widget's words.
    pub fn from_language_file(bytes: &[u8]) -> Result<(Protocol, Vec<String>), LoadError> {
        wire::Reader::read_split(bytes, |r| {
            let p = <Protocol as wire::Wire>::read(r);
            (p, r.texts())
        })
        .ok_or_else(damaged)
    }

    /// The texts only the result's reasons show (each rule's reason in its
    /// four wordings), in a fixed order.
    /// The browser's language file leaves them out ([`Protocol::take_reasons`])
    /// and they come in a file of their own ([`Protocol::put_reasons`]),
    /// fetched while the first screen is read: the first screen's bytes do
    /// not carry them. What to do (the outcome texts, a rule's urgent advice,
    /// the tailored advice) stays in the language file: a result without
    /// its reasons still says all of it.
    fn reasons_mut(&mut self) -> Vec<&mut Text> {
        let mut out = Vec::new();
        for r in &mut self.rules {
            out.push(&mut r.why);
            out.extend(r.why_they.as_mut());
            out.extend(r.why_unsure.as_mut());
            out.extend(r.why_unsure_they.as_mut());
        }
        out
    }

    /// Takes the reasons' texts out (in `lang`): what [`Protocol::put_reasons`]
    /// reads, each ended by a NUL.
    pub fn take_reasons(&mut self, lang: Lang) -> Vec<u8> {
        let mut out = Vec::new();
        for t in self.reasons_mut() {
            let s = match lang {
                Lang::En => std::mem::take(&mut t.en),
                Lang::Es => std::mem::take(&mut t.es),
            };
            out.extend_from_slice(s.as_bytes());
            out.push(0);
        }
        out
    }

    /// Puts back the reasons' texts [`Protocol::take_reasons`] wrote; `false`
    /// (and nothing changed) when the file does not fit this protocol.
    pub fn put_reasons(&mut self, lang: Lang, bytes: &[u8]) -> bool {
        let Ok(all) = std::str::from_utf8(bytes) else {
            return false;
        };
        let Some(all) = all.strip_suffix('\0') else {
            return false;
        };
        let texts: Vec<&str> = all.split('\0').collect();
        let mut slots = self.reasons_mut();
        if texts.len() != slots.len() {
            return false;
        }
        for (t, s) in slots.iter_mut().zip(texts) {
            match lang {
                Lang::En => t.en = s.to_string(),
                Lang::Es => t.es = s.to_string(),
            }
        }
        true
    }

    /// The same protocol with the patient-facing text of `lang` only (every
    /// other language's text emptied): what the browser loads, one file per
    /// language, so a patient downloads only the language shown. What the
    /// widget never shows is left out too: the rules' and advice's sources
    /// and the spec line (they are in the data file and the clinicians' rule
    /// table, `infusion-check table`).
    pub fn for_language(&self, lang: Lang) -> Result<Protocol, LoadError> {
        fn keep(v: &mut serde_json::Value, lang: &str) {
            match v {
                serde_json::Value::Object(map) => {
                    let is_text = !map.is_empty()
                        && map
                            .iter()
                            .all(|(k, v)| v.is_string() && Lang::ALL.iter().any(|l| l.code() == k));
                    for (k, v) in map.iter_mut() {
                        if is_text && k != lang {
                            *v = serde_json::Value::String(String::new());
                        } else {
                            keep(v, lang);
                        }
                    }
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| keep(v, lang)),
                _ => {}
            }
        }
        let mut v = serde_json::to_value(self).map_err(|e| LoadError::Binary(e.to_string()))?;
        keep(&mut v, lang.code());
        let mut p: Protocol =
            serde_json::from_value(v).map_err(|e| LoadError::Binary(e.to_string()))?;
        p.spec.clear();
        p.rules.iter_mut().for_each(|r| r.sources.clear());
        p.advice.iter_mut().for_each(|a| a.sources.clear());
        Ok(p)
    }

    /// The protocol's ID and version (`magnesium/2026.12-draft.4`): the key of
    /// anything stored for it.
    pub fn key(&self) -> String {
        format!("{}/{}", self.id, self.version)
    }

    /// The index of a question or item by ID.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        // A search over about a hundred IDs: no map to carry in the compiled
        // file or the wasm (IDs are unique: the build refuses a repeat).
        self.questions.iter().position(|q| q.id == id)
    }

    /// A question or item by ID.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index_of(id).and_then(|i| self.questions.get(i))
    }

    /// A rule by ID.
    pub fn rule(&self, id: &str) -> Option<&RuleData> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Builds the indexed form; structural problems found on the way are returned.
    fn build(data: ProtocolData) -> (Protocol, Vec<ProtocolError>) {
        let mut problems = Vec::new();
        if data.format != FORMAT {
            problems.push(ProtocolError::new(
                "format",
                format!("is \"{}\"; this build reads \"{FORMAT}\"", data.format),
            ));
        }
        let yes_no = || {
            vec![
                OptionData {
                    id: "yes".into(),
                    label: Text {
                        en: "Yes".into(),
                        es: "Sí".into(),
                    },
                    hint: None,
                    exclusive: false,
                    pack: None,
                },
                OptionData {
                    id: "no".into(),
                    label: Text {
                        en: "No".into(),
                        es: "No".into(),
                    },
                    hint: None,
                    exclusive: false,
                    pack: None,
                },
            ]
        };
        let mut questions: Vec<Question> = Vec::new();
        let mut screens = Vec::new();
        let mut index = std::collections::BTreeSet::new();
        let mut add =
            |q: Question, questions: &mut Vec<Question>, problems: &mut Vec<ProtocolError>| {
                let at = questions.len();
                if !index.insert(q.id.clone()) {
                    problems.push(ProtocolError::new(
                        format!("questions.{}", q.id),
                        "this ID is used twice".into(),
                    ));
                }
                questions.push(q);
                at
            };
        for qd in data.questions {
            let QuestionData {
                id,
                kind,
                text,
                text_they,
                hint,
                ask_when,
                shown_with,
                not_sure,
                if_not_sure,
                ordered,
                options,
                sections,
                pack: _,
            } = qd;
            let place = format!("questions.{id}");
            let options = match (kind, options) {
                (Kind::YesNo, None) => yes_no(),
                (Kind::Single | Kind::Multi, Some(model::OptionsSpec::List(list))) => list,
                (Kind::Single | Kind::Multi, Some(model::OptionsSpec::Set(name))) => {
                    match data.option_sets.get(&name) {
                        Some(list) => list.clone(),
                        None => {
                            problems.push(ProtocolError::new(
                                format!("{place}.options"),
                                format!("names the option set \"{name}\", which is not declared in option_sets"),
                            ));
                            Vec::new()
                        }
                    }
                }
                (Kind::Single | Kind::Multi, None) => {
                    problems.push(ProtocolError::new(
                        &place,
                        "a single or multi-choice question needs options".into(),
                    ));
                    Vec::new()
                }
                (_, Some(_)) => {
                    problems.push(ProtocolError::new(
                        format!("{place}.options"),
                        "only single and multi-choice questions have options".into(),
                    ));
                    Vec::new()
                }
                (_, None) => Vec::new(),
            };
            let if_not_sure = if_not_sure.map(|v| match v {
                NotSureData::One(s) => vec![s],
                NotSureData::Many(v) => v,
            });
            let offers_not_sure = not_sure;
            let q = Question {
                id,
                kind,
                text,
                text_they,
                hint,
                ask_when,
                offers_not_sure,
                if_not_sure,
                ordered: ordered || kind == Kind::YesNo,
                options,
                sections: Vec::new(),
                parent: None,
                shown_with: None,
                code: None,
            };
            let at = add(q, &mut questions, &mut problems);
            match shown_with {
                // Answered on an earlier screen: not a screen of its own.
                Some(host) => match screens
                    .iter()
                    .find(|&&s| questions.get(s).is_some_and(|h: &Question| h.id == host))
                {
                    Some(&s) => {
                        if let Some(q) = questions.get_mut(at) {
                            q.shown_with = Some(s);
                        }
                    }
                    None => problems.push(ProtocolError::new(
                        format!("{place}.shown_with"),
                        format!("names \"{host}\", which is not an earlier screen"),
                    )),
                },
                None => screens.push(at),
            }
            match (kind, sections) {
                (Kind::Checklist, Some(sections)) if !sections.is_empty() => {
                    let mut built = Vec::new();
                    for s in sections {
                        let mut items = Vec::new();
                        for item in s.items {
                            let item_q = Question {
                                id: item.id,
                                kind: Kind::YesNo,
                                text: item.text,
                                text_they: item.text_they,
                                hint: item.hint,
                                ask_when: None,
                                offers_not_sure: true,
                                if_not_sure: item.if_not_sure.map(|s| vec![s]),
                                ordered: true,
                                options: yes_no(),
                                sections: Vec::new(),
                                parent: Some(at),
                                shown_with: None,
                                code: item.code,
                            };
                            items.push(add(item_q, &mut questions, &mut problems));
                        }
                        built.push((s.title, items));
                    }
                    if let Some(q) = questions.get_mut(at) {
                        q.sections = built;
                    }
                }
                (Kind::Checklist, _) => problems.push(ProtocolError::new(
                    &place,
                    "a checklist needs at least one section of items".into(),
                )),
                (_, Some(_)) => problems.push(ProtocolError::new(
                    format!("{place}.sections"),
                    "only checklists have sections".into(),
                )),
                (_, None) => {}
            }
        }
        let protocol = Protocol {
            id: data.id,
            version: data.version,
            review_date: data.review_date,
            spec: data.spec,
            title: data.title,
            status: data.status,
            questions,
            screens,
            defs: data.defs,
            rules: data.rules,
            outcomes: data.outcomes,
            advice: data.advice,
        };
        (protocol, problems)
    }
}
