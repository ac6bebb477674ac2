//! Helpers shared by the native tests.
#![allow(dead_code)]

use infusion_check::protocol::cases::rank;
use infusion_check::protocol::{Answer, Answers, Kind, Protocol};
use std::path::PathBuf;

/// The real, built-in protocol.
pub fn magnesium() -> Protocol {
    match Protocol::magnesium() {
        Ok(p) => p,
        Err(e) => panic!("the built-in protocol does not load: {e}"),
    }
}

/// `shared/cases`, beside the repository.
pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/cases")
}

/// The outcome's place: emergency 3 > now 2 > today 1 > self-care 0.
pub fn rank_of(p: &Protocol, a: &Answers) -> u8 {
    rank(&infusion_check::protocol::triage(p, a))
}

/// A whole answer set from bytes (each question reads one or more bytes; a
/// zero byte is the least worrying answer, so shrinking goes towards benign).
pub fn answers_from_bytes(p: &Protocol, bytes: &[u8]) -> Answers {
    // The first byte sets how benign the whole set is (50% to 100% of the
    // graded answers are the least worrying one), so that sets where every
    // answer but one is benign, the hardest for the rules, are common.
    let benign = 128 + usize::from(bytes.first().copied().unwrap_or(0)) / 2;
    let mut it = bytes.iter().copied().skip(1).cycle();
    let mut next = move || it.next().unwrap_or(0);
    let mut answers = Answers::new();
    for q in &p.questions {
        if q.parent.is_some() {
            // Items: mostly unticked; 250+ ticked, 245..250 not sure.
            let b = next();
            let code = match b {
                0..=244 => "no",
                245..=249 => "not_sure",
                _ => "yes",
            };
            answers.set_one(&q.id, code);
            continue;
        }
        match q.kind {
            Kind::Checklist => {}
            Kind::Text => answers.set_one(&q.id, "free text"),
            Kind::Multi => {
                let mut picked = Vec::new();
                for o in q.options.iter().filter(|o| !o.exclusive) {
                    if next() >= 205 {
                        picked.push(o.id.clone());
                    }
                }
                if picked.is_empty() {
                    if let Some(ex) = q.options.iter().find(|o| o.exclusive) {
                        picked.push(ex.id.clone());
                    }
                }
                answers.set(&q.id, Answer::Many(picked));
            }
            Kind::YesNo | Kind::Single => {
                let mut codes: Vec<String> = if q.kind == Kind::YesNo {
                    vec!["no".into(), "yes".into()]
                } else {
                    q.options.iter().map(|o| o.id.clone()).collect()
                };
                if q.offers_not_sure {
                    codes.push("not_sure".into());
                }
                let b = next() as usize;
                // Half the time the first (least worrying) answer.
                let i = if b < benign { 0 } else { b % codes.len() };
                answers.set_one(&q.id, &codes[i]);
            }
        }
    }
    answers
}

/// Yes/no questions where "yes" is the reassuring answer, and ones that route
/// rather than grade (answering yes to "still at the clinic?" sends you to the
/// nurse there, whatever else is true).
pub const YES_IS_REASSURING: &[&str] = &["pn_before", "ctx_can_talk"];
pub const ROUTING: &[&str] = &["ctx_at_clinic", "ctx_respondent"];

/// Red-flag items where PROTOCOL.md §3B gives "not sure" a lower level than
/// "yes" (NS → call-now with the emergency number shown; rule X01).
pub const NOT_SURE_IS_CALL_NOW: &[&str] = &[
    "rf_heart_plus",
    "rf_headache_sudden",
    "rf_arm_circulation",
    "rf_sepsis",
    "rf_bleeding",
    "rf_worried",
];

/// Every way to make one answer worse: (question, worse answers set).
pub fn worsenings(p: &Protocol, a: &Answers) -> Vec<(String, Answer)> {
    let mut out = Vec::new();
    for q in &p.questions {
        if ROUTING.contains(&q.id.as_str()) {
            continue;
        }
        let current = a.get(&q.id).cloned();
        match q.kind {
            Kind::YesNo => {
                let (good, bad) = if YES_IS_REASSURING.contains(&q.id.as_str()) {
                    ("yes", "no")
                } else {
                    ("no", "yes")
                };
                if current == Some(Answer::One(good.into())) {
                    out.push((q.id.clone(), Answer::One(bad.into())));
                }
            }
            Kind::Single if q.ordered => {
                if let Some(Answer::One(code)) = &current {
                    if let Some(i) = q.options.iter().position(|o| &o.id == code) {
                        for worse in q.options.iter().skip(i + 1) {
                            out.push((q.id.clone(), Answer::One(worse.id.clone())));
                        }
                    }
                }
            }
            Kind::Multi => {
                // Adding an option; replacing an exclusive one ("Nothing now")
                // is a different answer, not a worse one.
                if let Some(Answer::Many(picked)) = &current {
                    if picked
                        .iter()
                        .any(|c| q.option(c).is_some_and(|o| o.exclusive))
                    {
                        continue;
                    }
                    for o in q
                        .options
                        .iter()
                        .filter(|o| !o.exclusive && !picked.contains(&o.id))
                    {
                        let mut more = picked.clone();
                        more.push(o.id.clone());
                        out.push((q.id.clone(), Answer::Many(more)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}
