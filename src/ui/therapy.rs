//! The therapy screen: what was in the drip, when the clinic gives several
//! (`therapies`). Asked after the first screen (its red flags are the same
//! for every drip, and an emergency there needs no more questions), kept
//! like any answer under [`THERAPY`]; "I'm not sure" is every drip offered
//! (the cautious reading). The check then runs with those packs' file.

use crate::i18n::Strings;
use crate::protocol::{Answer, Answers, Cond, Kind, Lang, OptionData, Question, Text};
pub use crate::session::THERAPY;
use std::cell::RefCell;

/// "I'm not sure what was in it".
pub const NOT_SURE: &str = "not_sure";

/// The packs a confirmed pick means (`None`: not picked yet): the picked
/// ones of `offered`, or all of them for "I'm not sure" (or a pick that
/// names none of them: a check kept from another configuration).
pub fn picked(history: &[String], answers: &Answers, offered: &[String]) -> Option<Vec<String>> {
    if !history.iter().any(|s| s == THERAPY) {
        return None;
    }
    let codes = match answers.get(THERAPY) {
        Some(Answer::Many(v)) if !v.iter().any(|c| c == NOT_SURE) => v.clone(),
        _ => Vec::new(),
    };
    let some: Vec<String> = offered
        .iter()
        .filter(|o| codes.contains(o))
        .cloned()
        .collect();
    Some(if some.is_empty() {
        offered.to_vec()
    } else {
        some
    })
}

/// The selection (language files) the check runs with for a confirmed
/// pick: the drip picked, or every drip offered ("I'm not sure", and a pick
/// of some of several: a file for each such set would be a request the site
/// could read the pick from; asking about more drips never lowers the
/// outcome, `tests/packs.rs`). Every one of them is fetched with the first
/// screen ([`candidates`]), so a pick sends nothing.
pub fn selection_for(pick: &[String], offered: &[String]) -> Option<&'static str> {
    let list = if pick.len() == 1 { pick } else { offered };
    crate::files::selection_of(list.iter().map(String::as_str))
}

// (used by the mount, in the browser only)
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
/// Every selection a pick of `offered` can need ([`selection_for`]): each
/// drip alone, and all of them.
pub fn candidates(offered: &[String]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = offered
        .iter()
        .filter_map(|p| crate::files::selection_of([p.as_str()]))
        .collect();
    out.extend(crate::files::selection_of(
        offered.iter().map(String::as_str),
    ));
    out.dedup();
    out
}

/// Whether `q` belongs to the first screen's part of the check: a question
/// asked only on the first screen's answers (the faint follow-ups; "can
/// they talk to you?" when answering for someone else), which comes before
/// the therapy screen.
pub fn follows_first(q: &Question, p: &crate::protocol::Protocol) -> bool {
    let first = p.screens.first().copied();
    // (an item of the first screen's checklist, or a switch shown on it:
    // "I am answering for someone else")
    let on_first = |i: &Question| first.is_some() && (i.parent == first || i.shown_with == first);
    matches!(&q.ask_when, Some(Cond::Is(m)) if !m.is_empty()
        && m.iter().all(|(id, _)| p.question(id).is_some_and(on_first)))
}

thread_local! {
    /// The screen's question in each language and for each list offered
    /// (made once: a page has one configuration).
    static QUESTIONS: RefCell<Vec<(Lang, Vec<String>, &'static Question)>> = const { RefCell::new(Vec::new()) };
}

/// The screen as a multi-choice question (shown like any other: the packs
/// offered in plain words, then "or" and "I'm not sure", which clears them).
pub fn question(t: &'static Strings, lang: Lang, offered: &[String]) -> &'static Question {
    let text = |s: &str| Text {
        en: s.to_string(),
        es: s.to_string(),
    };
    QUESTIONS.with(|q| {
        if let Some((.., found)) = q
            .borrow()
            .iter()
            .find(|(l, o, _)| *l == lang && o.as_slice() == offered)
        {
            return *found;
        }
        let option = |id: &str, label: &str, hint: &str, exclusive: bool| OptionData {
            id: id.to_string(),
            label: text(label),
            hint: (!hint.is_empty()).then(|| text(hint)),
            exclusive,
            pack: None,
        };
        let mut options: Vec<OptionData> = offered
            .iter()
            .map(|id| match id.as_str() {
                "magnesium" => option(id, t.therapy_magnesium, "", false),
                "iron" => option(id, t.therapy_iron, t.therapy_iron_hint, false),
                "vitamin-c" => option(id, t.therapy_vitamin_c, t.therapy_vitamin_c_hint, false),
                "vitamin-drip" => option(
                    id,
                    t.therapy_vitamin_drip,
                    t.therapy_vitamin_drip_hint,
                    false,
                ),
                other => option(id, other, "", false),
            })
            .collect();
        options.push(option(
            NOT_SURE,
            t.therapy_not_sure,
            t.therapy_not_sure_hint,
            true,
        ));
        let made: &'static Question = Box::leak(Box::new(Question {
            id: THERAPY.to_string(),
            kind: Kind::Multi,
            text: text(t.therapy_q),
            text_they: None,
            hint: Some(text(t.therapy_hint)),
            ask_when: None,
            offers_not_sure: false,
            if_not_sure: None,
            ordered: false,
            options,
            sections: Vec::new(),
            parent: None,
            shown_with: None,
            code: None,
        }));
        q.borrow_mut().push((lang, offered.to_vec(), made));
        made
    })
}

/// The packs of a selection's protocol ID (`magnesium+iron`; the shared
/// core alone has none).
pub fn packs_of(id: &str) -> Vec<String> {
    id.split('+')
        .filter(|p| crate::files::PACKS.contains(p))
        .map(str::to_string)
        .collect()
}

/// What was in the drip, in the patient's words (for "what was in it
/// (…)" when the clinic did not write it in `infusion`): the therapy
/// screen's names of what was picked (or "I'm not sure"), joined by " + ".
pub fn contents(t: &Strings, packs: &[String]) -> String {
    let mut out = String::new();
    for p in packs {
        let name = match p.as_str() {
            "magnesium" => t.therapy_magnesium,
            "iron" => t.therapy_iron,
            "vitamin-c" => t.therapy_vitamin_c,
            "vitamin-drip" => t.therapy_vitamin_drip,
            NOT_SURE => {
                out.push_str(if out.is_empty() { "" } else { " + " });
                out.push_str(t.therapy_not_sure);
                continue;
            }
            other => other,
        };
        if !out.is_empty() {
            out.push_str(" + ");
        }
        // (within a sentence: "what was in it (iron + vitamin C, a large dose)")
        // (ASCII only: every name starts with an ASCII letter, and Unicode's
        // case tables would cost the wasm 12 kB)
        let mut chars = name.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_lowercase());
            out.push_str(chars.as_str());
        }
    }
    out
}
