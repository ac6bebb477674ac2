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
