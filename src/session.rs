//! What the widget keeps in session storage (this tab only, gone when it
//! closes): every answer (ticks not yet confirmed too), the screens
//! confirmed, the language, and the checklists answered item by item.
//!
//! Written in the protocol's wire format (`protocol::wire`) as hex, so the
//! wasm needs no JSON parser. Read back only if every byte reads, and kept
//! only if it fits the protocol loaded (`sanitized`); anything else starts a
//! new check. Plain Rust (no browser), so it is tested natively
//! (`tests/session.rs`). Nothing here may panic: clippy denies it, as in the
//! protocol code.

#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable
)]

use crate::protocol::wire::{from_hex, Reader, Writer};
use crate::protocol::{Answer, Answers, Lang, Protocol};

/// The longest stored text read back (about 100 kB of state; a real check
/// stores well under 2 kB).
const MAX_HEX: usize = 200_000;

/// The therapy screen's answer and screen ID (the widget's own screen, not
/// the protocol's: what was in the drip, when the clinic gives several).
pub const THERAPY: &str = "therapy";

/// The state kept across reloads in this tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// Every answer given, confirmed or not.
    pub answers: Answers,
    /// The screens confirmed, in order.
    pub history: Vec<String>,
    /// The language shown.
    pub lang: Lang,
    /// The checklists answered item by item.
    pub one_by_one: Vec<String>,
}

/// The stored text of this state: `(answers, (history, (lang, one_by_one)))`,
/// an answer as `(many, codes)`, in the wire format, as lowercase hex.
pub fn encode(answers: &Answers, history: &[String], lang: Lang, one_by_one: &[String]) -> String {
    let mut out = Writer::default();
    out.len(answers.0.len());
    for (k, a) in answers.0.iter() {
        out.str(k);
        match a {
            Answer::One(c) => {
                out.0.push(0);
                out.strs(std::slice::from_ref(c));
            }
            Answer::Many(v) => {
                out.0.push(1);
                out.strs(v);
            }
        }
    }
    out.strs(history);
    out.varint(lang as u32);
    out.strs(one_by_one);
    out.hex()
}

/// Reads what [`encode`] wrote: `None` unless every byte reads (odd length,
/// not hex, too long, cut short, trailing bytes, an unknown language, a
/// single answer without exactly one code).
pub fn decode(s: &str) -> Option<Saved> {
    type Stored = (
        Vec<(String, (bool, Vec<String>))>,
        (Vec<String>, (Lang, Vec<String>)),
    );
    let bytes = from_hex(s, MAX_HEX);
    let (stored, (history, (lang, one_by_one))): Stored = Reader::read_all(&bytes?)?;
    let mut answers = Answers::new();
    for (k, (many, v)) in stored {
        let a = match (many, v.as_slice()) {
            (true, _) => Answer::Many(v),
            (false, [one]) => Answer::One(one.clone()),
            _ => return None,
        };
        answers.set(&k, a);
    }
    Some(Saved {
        answers,
        history,
        lang,
        one_by_one,
    })
}

impl Saved {
    /// Drops stored state that does not fit the protocol: `None` if a
    /// confirmed screen or an answered question is unknown to it (a stale or
    /// tampered session never breaks the check: it starts anew); screens
    /// confirmed twice are kept once, unknown item-by-item checklists are
    /// dropped. Answer codes are not checked here: the engine reads a code it
    /// does not know the cautious way.
    pub fn sanitized(mut self, p: &Protocol) -> Option<Saved> {
        let known = |id: &str| id == THERAPY || p.question(id).is_some();
        if !self.history.iter().all(|s| {
            s == THERAPY
                || p.screens
                    .iter()
                    .any(|&i| p.questions.get(i).is_some_and(|q| &q.id == s))
        }) {
            return None;
        }
        if !self.answers.0.keys().all(|k| known(k)) {
            return None;
        }
        self.one_by_one.retain(|s| known(s));
        let mut seen = litemap::LiteMap::new_vec();
        self.history
            .retain(|s| seen.insert(s.clone(), ()).is_none());
        Some(self)
    }
}
