//! Patient case files (`infusion-check-cases/1`, see shared/cases/README.md):
//! reading them strictly, turning each case's answers into engine answers, and
//! scoring the engine's outcome against the expected one.

use super::engine::{asked_screens, triage, Answer, Answers, Disposition, Outcome, Urgency};
use super::model::Kind;
use super::Protocol;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The format this build reads.
pub const CASES_FORMAT: &str = "infusion-check-cases/1";

/// A case file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// Always `infusion-check-cases/1`.
    pub format: String,
    /// The protocol the cases are for: the whole protocol
    /// (`infusion-check`), each case naming its packs, or one pack
    /// (`magnesium`), the pack of every case that names none.
    pub protocol: String,
    /// About the file.
    #[serde(default)]
    pub note: Option<String>,
    /// The cases.
    pub cases: Vec<Case>,
}

/// One patient story with its expected outcome.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Stable ID (V01 ...).
    pub id: String,
    /// What was in the drip: the packs' IDs (several for a mixed drip);
    /// `[]` for a patient who is not sure (every pack the clinic offers).
    /// Absent, the file's pack (magnesium).
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// `false`: the patient is not sure what was in the drip (every pack
    /// the clinic offers, whatever `packs` says).
    #[serde(default)]
    pub packs_known: Option<bool>,
    /// The patient's own words.
    pub story: String,
    /// Question ID → answer code (or list; or, for a checklist, item → code).
    pub answers: BTreeMap<String, serde_json::Value>,
    /// What published guidance gives.
    pub expect: Expect,
    /// Why.
    pub reason: String,
    /// Source tags.
    pub source: String,
    /// How sure the case's author is.
    pub confidence: String,
    /// How an unclear part of the story was entered.
    #[serde(default)]
    pub note: Option<String>,
}

/// The expected outcome.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The disposition.
    pub disposition: Disposition,
    /// The urgency, where the guidance is clear about it.
    #[serde(default)]
    pub urgency: Option<Urgency>,
}

impl Expect {
    /// The range of acceptable ranks (see [`rank`]).
    pub fn ranks(&self) -> (u8, u8) {
        match (self.disposition, self.urgency) {
            (Disposition::Emergency, _) => (3, 3),
            (Disposition::CallClinic, Some(Urgency::Now)) => (2, 2),
            (Disposition::CallClinic, Some(Urgency::Today)) => (1, 1),
            (Disposition::CallClinic, None) => (1, 2),
            (Disposition::SelfCare, _) => (0, 0),
        }
    }

    /// In words: `emergency`, `call_clinic/now`, `call_clinic` ...
    pub fn label(&self) -> String {
        label(self.disposition, self.urgency)
    }
}

/// `emergency`, `call_clinic/now`, `call_clinic/today`, `self_care`.
pub fn label(d: Disposition, u: Option<Urgency>) -> String {
    match u {
        Some(u) => format!("{}/{}", d.code(), u.code()),
        None => d.code().to_string(),
    }
}

/// The place of an outcome in the order emergency > now > today > self-care.
pub fn rank(o: &Outcome) -> u8 {
    match (o.disposition, o.urgency) {
        (Disposition::Emergency, _) => 3,
        (Disposition::CallClinic, Some(Urgency::Now)) => 2,
        (Disposition::CallClinic, _) => 1,
        (Disposition::SelfCare, _) => 0,
    }
}

/// How an outcome compares with the expectation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// As expected.
    Exact,
    /// Higher than expected.
    Over,
    /// Lower than expected: a safety failure.
    Under,
}

impl Verdict {
    /// `exact`, `OVER`, `UNDER`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Exact => "exact",
            Verdict::Over => "over-triage",
            Verdict::Under => "UNDER-TRIAGE",
        }
    }
}

/// A case run through the engine.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// The case's ID.
    pub id: String,
    /// The expected outcome, in words.
    pub expected: String,
    /// The engine's outcome.
    pub outcome: Outcome,
    /// The comparison.
    pub verdict: Verdict,
    /// The question screens the flow showed for this case, in order (the
    /// first screen, the red-flag checklist, included).
    pub asked: Vec<String>,
}

/// Why a case file could not be used.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CaseError {
    /// Not valid case JSON.
    #[error("the case file could not be read: {0}")]
    Parse(String),
    /// Another format.
    #[error("the case file's format is \"{0}\"; this build reads \"{CASES_FORMAT}\"")]
    Format(String),
    /// Cases for another protocol.
    #[error("the cases are for the \"{found}\" protocol, not \"{expected}\"")]
    Protocol {
        /// In the file.
        found: String,
        /// Loaded.
        expected: String,
    },
    /// A question the protocol does not have.
    #[error("case {case}: unknown question \"{question}\"")]
    UnknownQuestion {
        /// The case.
        case: String,
        /// The question.
        question: String,
    },
    /// An answer code the question does not have.
    #[error("case {case}: \"{code}\" is not an answer to \"{question}\"")]
    BadCode {
        /// The case.
        case: String,
        /// The question.
        question: String,
        /// The code.
        code: String,
    },
    /// An answer of the wrong shape.
    #[error("case {case}: the answer to \"{question}\" must be {expected}")]
    BadShape {
        /// The case.
        case: String,
        /// The question.
        question: String,
        /// What it must be.
        expected: &'static str,
    },
    /// The protocol, or a case's selection of packs, could not be loaded.
    #[error("{0}")]
    Load(String),
    /// Two cases with one ID.
    #[error("case ID \"{0}\" is used twice")]
    DuplicateId(String),
}

/// Reads a case file for `protocol`, checking every question ID and answer code.
pub fn parse_cases(protocol: &Protocol, json: &str) -> Result<Vec<(Case, Answers)>, CaseError> {
    let file: CaseFile = serde_json::from_str(json).map_err(|e| CaseError::Parse(e.to_string()))?;
    if file.format != CASES_FORMAT {
        return Err(CaseError::Format(file.format));
    }
    if file.protocol != protocol.id {
        return Err(CaseError::Protocol {
            found: file.protocol,
            expected: protocol.id.clone(),
        });
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for case in file.cases {
        if !seen.insert(case.id.clone()) {
            return Err(CaseError::DuplicateId(case.id));
        }
        let answers = case_answers(protocol, &case)?;
        out.push((case, answers));
    }
    Ok(out)
}

/// A case's answers as engine answers. A checklist given by its ID lists the
/// ticked items (`{}` is "None of these"); items given one by one with some
/// left out leave those `not_sure` (the README's cautious reading).
pub fn case_answers(protocol: &Protocol, case: &Case) -> Result<Answers, CaseError> {
    let mut answers = Answers::new();
    let bad_code = |q: &str, code: &str| CaseError::BadCode {
        case: case.id.clone(),
        question: q.to_string(),
        code: code.to_string(),
    };
    for (id, value) in &case.answers {
        let Some(q) = protocol.question(id) else {
            return Err(CaseError::UnknownQuestion {
                case: case.id.clone(),
                question: id.clone(),
            });
        };
        let shape = |expected| CaseError::BadShape {
            case: case.id.clone(),
            question: id.clone(),
            expected,
        };
        match (q.kind, value) {
            (Kind::Checklist, serde_json::Value::Object(map)) => {
                let mut ticked = litemap::LiteMap::new();
                for (item_id, code) in map {
                    let item = protocol
                        .question(item_id)
                        .filter(|item| {
                            item.parent
                                .and_then(|p| protocol.questions.get(p))
                                .is_some_and(|p| p.id == *id)
                        })
                        .ok_or_else(|| CaseError::UnknownQuestion {
                            case: case.id.clone(),
                            question: format!("{id}.{item_id}"),
                        })?;
                    let code = code.as_str().ok_or_else(|| {
                        shape("an object of item → \"yes\" / \"no\" / \"not_sure\"")
                    })?;
                    if !item.accepts(code) {
                        return Err(bad_code(item_id, code));
                    }
                    ticked.insert(item_id.clone(), code.to_string());
                }
                answers.set_checklist(protocol, id, &ticked);
            }
            (Kind::Checklist, _) => {
                return Err(shape("an object of item → \"yes\" / \"no\" / \"not_sure\""))
            }
            (Kind::Text, serde_json::Value::String(s)) => answers.set_one(id, s),
            (Kind::Text, _) => return Err(shape("a text")),
            (Kind::Multi, serde_json::Value::Array(list)) => {
                let mut codes = Vec::new();
                for v in list {
                    let code = v.as_str().ok_or_else(|| shape("a list of answer codes"))?;
                    if !q.accepts(code) {
                        return Err(bad_code(id, code));
                    }
                    codes.push(code.to_string());
                }
                answers.set(id, Answer::Many(codes));
            }
            (_, serde_json::Value::String(code)) => {
                if !q.accepts(code) {
                    return Err(bad_code(id, code));
                }
                answers.set_one(id, code);
            }
            (Kind::Multi, _) => return Err(shape("a list of answer codes")),
            _ => return Err(shape("an answer code")),
        }
    }
    // Items given one by one: the ones left out are "not sure".
    for &s in &protocol.screens {
        let Some(list) = protocol.questions.get(s) else {
            continue;
        };
        if list.kind != Kind::Checklist || case.answers.contains_key(&list.id) {
            continue;
        }
        let items: Vec<&str> = list
            .sections
            .iter()
            .flat_map(|(_, items)| items.iter())
            .filter_map(|&i| protocol.questions.get(i))
            .map(|q| q.id.as_str())
            .collect();
        if items.iter().any(|i| answers.get(i).is_some()) {
            for i in items {
                if answers.get(i).is_none() {
                    answers.set_one(i, "not_sure");
                }
            }
        }
    }
    Ok(answers)
}

/// A case run with the packs it names.
#[derive(Clone, Debug)]
pub struct PackResult {
    /// The packs selected (the ones the case names and the ones they bring,
    /// or every pack offered for a patient who is not sure).
    pub packs: Vec<String>,
    /// The selected protocol's ID and version (`iron+magnesium/2026.12-…`).
    pub protocol: String,
    /// The result.
    pub result: CaseResult,
}

impl Case {
    /// The packs this case names: its `packs`; every pack `offered` when
    /// it is `[]` or `packs_known` is `false`; `default` when it names none.
    pub fn packs_named(&self, default: &[String], offered: &[String]) -> Vec<String> {
        match (&self.packs, self.packs_known) {
            (_, Some(false)) => offered.to_vec(),
            (Some(list), _) if list.is_empty() => offered.to_vec(),
            (Some(list), _) => list.clone(),
            (None, _) => default.to_vec(),
        }
    }
}

/// Runs a case file against a protocol file with packs: each case with the
/// core and the packs it names (a patient who is not sure: every pack the
/// file offers). Answers are checked against the whole protocol; answers to
/// questions of packs a case did not select are not used (a case may answer
/// every modifier whatever its drip held).
pub fn run_file(protocol_json: &str, cases_json: &str) -> Result<Vec<PackResult>, CaseError> {
    let load = |e: super::LoadError| CaseError::Load(e.to_string());
    let full = Protocol::load(protocol_json).map_err(load)?;
    let offered = Protocol::pack_ids(protocol_json).map_err(load)?;
    let file: CaseFile =
        serde_json::from_str(cases_json).map_err(|e| CaseError::Parse(e.to_string()))?;
    if file.format != CASES_FORMAT {
        return Err(CaseError::Format(file.format));
    }
    let default: Vec<String> = if offered.contains(&file.protocol) {
        vec![file.protocol.clone()]
    } else if file.protocol == super::PROTOCOL_ID {
        vec!["magnesium".to_string()]
    } else {
        return Err(CaseError::Protocol {
            found: file.protocol,
            expected: super::PROTOCOL_ID.to_string(),
        });
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut selections: Vec<(Vec<String>, Protocol)> = Vec::new();
    let mut out = Vec::new();
    for case in &file.cases {
        if !seen.insert(case.id.clone()) {
            return Err(CaseError::DuplicateId(case.id.clone()));
        }
        let all = case_answers(&full, case)?;
        let mut named = case.packs_named(&default, &offered);
        named.sort();
        named.dedup();
        let at = match selections.iter().position(|(n, _)| *n == named) {
            Some(i) => i,
            None => {
                let list: Vec<&str> = named.iter().map(String::as_str).collect();
                let p = Protocol::load_packs(protocol_json, &list)
                    .map_err(|e| CaseError::Load(format!("case {}: {e}", case.id)))?;
                selections.push((named.clone(), p));
                selections.len() - 1
            }
        };
        let Some((_, protocol)) = selections.get(at) else {
            return Err(CaseError::Load(format!("case {}: no protocol", case.id)));
        };
        let mut answers = Answers::new();
        for (id, a) in &all.0 {
            if protocol.index_of(id).is_some() {
                answers.set(id, a.clone());
            }
        }
        out.push(PackResult {
            packs: protocol.id.split('+').map(str::to_string).collect(),
            protocol: protocol.key(),
            result: run_case(protocol, case, &answers),
        });
    }
    Ok(out)
}

/// Runs one case.
pub fn run_case(protocol: &Protocol, case: &Case, answers: &Answers) -> CaseResult {
    let outcome = triage(protocol, answers);
    let (lo, hi) = case.expect.ranks();
    let got = rank(&outcome);
    let verdict = if got < lo {
        Verdict::Under
    } else if got > hi {
        Verdict::Over
    } else {
        Verdict::Exact
    };
    CaseResult {
        id: case.id.clone(),
        expected: case.expect.label(),
        outcome,
        verdict,
        asked: asked_screens(protocol, answers),
    }
}
