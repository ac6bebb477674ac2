#![cfg(not(target_arch = "wasm32"))]
//! What the widget keeps in session storage (`infusion_check::session`): the
//! stored text reads back exactly, anything damaged or foreign is refused
//! (never a panic), and a stored state that does not fit the real protocol
//! starts a new check.

mod common;

use common::{answers_from_bytes, magnesium};
use infusion_check::protocol::{triage, Answer, Answers, Disposition, Lang, Protocol};
use infusion_check::session::{decode, encode, Saved};
use proptest::prelude::*;
use std::sync::OnceLock;

fn protocol() -> &'static Protocol {
    static P: OnceLock<Protocol> = OnceLock::new();
    P.get_or_init(magnesium)
}

fn screen_ids(p: &Protocol) -> Vec<String> {
    p.screens
        .iter()
        .filter_map(|&i| p.questions.get(i))
        .map(|q| q.id.clone())
        .collect()
}

fn stored(s: &Saved) -> String {
    encode(&s.answers, &s.history, s.lang, &s.one_by_one)
}

/// A state of the kind a real check stores: single and multiple answers, an
/// empty multiple answer, free text with accents and emoji, a draft tick.
fn example() -> Saved {
    let mut answers = Answers::new();
    answers.set_one("red_flags", "no");
    answers.set_one("rf_chest", "no");
    answers.set(
        "symptoms",
        Answer::Many(vec!["g_flush".into(), "g_stomach".into()]),
    );
    answers.set("gn_what", Answer::Many(Vec::new()));
    answers.set_one("ot_text", "Me duele la cabeza 🤕 \"mucho\" <b>");
    Saved {
        answers,
        history: vec!["red_flags".into(), "ctx_at_clinic".into()],
        lang: Lang::Es,
        one_by_one: vec!["red_flags".into()],
    }
}

#[test]
fn a_stored_state_reads_back_exactly() {
    let s = example();
    let text = stored(&s);
    assert!(text
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(decode(&text), Some(s));
    let empty = Saved {
        answers: Answers::new(),
        history: Vec::new(),
        lang: Lang::En,
        one_by_one: Vec::new(),
    };
    assert_eq!(decode(&stored(&empty)), Some(empty));
}

#[test]
fn damaged_or_foreign_text_is_refused() {
    let good = stored(&example());
    assert!(good.starts_with("05"), "five answers first: {good:.8}");
    let mut cases: Vec<(String, &str)> = vec![
        (String::new(), "empty"),
        (good[..good.len() - 1].to_string(), "odd length"),
        (good[..good.len() - 2].to_string(), "cut short"),
        (format!("{good}00"), "a trailing byte"),
        (format!("zz{}", &good[2..]), "not hex"),
        // (from_str_radix alone would read "+5" as 5, the same count)
        (format!("+{}", &good[1..]), "a sign where a digit goes"),
        ("{\"answers\":{}}".to_string(), "JSON of an older version"),
    ];
    // Too long: a state that would read back, but whose text is over the limit.
    let mut huge = example();
    huge.answers.set_one("ot_text", &"x".repeat(100_001));
    let huge = stored(&huge);
    assert!(huge.len() > 200_000);
    cases.push((huge, "too long"));
    // The language (after answers and history) is 0 or 1: try 2.
    let empty_lang = |lang: u8| format!("0000{lang:02x}00");
    assert!(decode(&empty_lang(0)).is_some() && decode(&empty_lang(1)).is_some());
    cases.push((empty_lang(2), "an unknown language"));
    // A single answer with no code, or with two.
    let one = |n: u8, codes: &str| format!("0102{}00{n:02x}{codes}000000", hex("ab"));
    assert!(decode(&one(1, &format!("01{}", hex("x")))).is_some());
    cases.push((one(0, ""), "a single answer without a code"));
    cases.push((
        one(2, &format!("01{}01{}", hex("x"), hex("y"))),
        "a single answer with two codes",
    ));
    for (text, what) in cases {
        assert_eq!(decode(&text), None, "{what} was read: {text:.60}");
    }
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_state_that_does_not_fit_the_protocol_starts_anew() {
    let p = protocol();
    let ok = example();
    assert!(
        ok.clone().sanitized(p).is_some(),
        "the example fits the protocol"
    );
    let mut unknown_screen = ok.clone();
    unknown_screen.history.push("no_such_screen".into());
    assert_eq!(unknown_screen.sanitized(p), None);
    // An item is a question but not a screen of its own.
    let mut item_as_screen = ok.clone();
    item_as_screen.history.push("rf_chest".into());
    assert_eq!(item_as_screen.sanitized(p), None);
    let mut unknown_answer = ok.clone();
    unknown_answer.answers.set_one("no_such_question", "yes");
    assert_eq!(unknown_answer.sanitized(p), None);
    // Kept, tidied: a screen confirmed twice once, an unknown checklist dropped.
    let mut untidy = ok.clone();
    untidy.history.push("red_flags".into());
    untidy.one_by_one.push("no_such_checklist".into());
    let tidy = untidy.sanitized(p);
    assert_eq!(tidy.as_ref().map(|s| &s.history), Some(&ok.history));
    assert_eq!(tidy.map(|s| s.one_by_one), Some(ok.one_by_one));
}

#[test]
fn a_tampered_answer_code_is_read_the_cautious_way() {
    // Stored codes are not checked against the options: the engine reads a
    // code it does not know as "not sure", never as "no".
    let p = protocol();
    let mut tampered = Answers::new();
    let mut unsure = Answers::new();
    for (id, code) in [("red_flags", "no"), ("rf_breath_severe", "")] {
        tampered.set_one(id, code);
        unsure.set_one(id, if code.is_empty() { "not_sure" } else { code });
    }
    tampered.set_one("rf_breath_severe", "n0");
    let saved = Saved {
        answers: tampered.clone(),
        history: vec!["red_flags".into()],
        lang: Lang::En,
        one_by_one: Vec::new(),
    };
    let back = decode(&stored(&saved)).and_then(|s| s.sanitized(p));
    assert_eq!(back.map(|s| s.answers), Some(tampered.clone()));
    assert_eq!(triage(p, &tampered), triage(p, &unsure));
    // PROTOCOL.md §3A: rf_breath_severe (B1) Y/NS → emergency.
    assert_eq!(
        triage(p, &tampered).disposition,
        Disposition::Emergency,
        "a tampered red-flag answer lowered the result"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Any answer set of the real protocol, with any confirmed screens and
    /// item-by-item checklists, reads back exactly and still fits.
    #[test]
    fn any_real_state_reads_back(b in prop::collection::vec(any::<u8>(), 200..400), n in 0usize..8, es: bool) {
        let p = protocol();
        let screens = screen_ids(p);
        let s = Saved {
            answers: answers_from_bytes(p, &b),
            history: screens.iter().take(n).cloned().collect(),
            lang: if es { Lang::Es } else { Lang::En },
            one_by_one: screens.iter().skip(b[0] as usize % 3).take(1).cloned().collect(),
        };
        let back = decode(&stored(&s));
        prop_assert_eq!(back.clone(), Some(s.clone()));
        prop_assert_eq!(back.and_then(|x| x.sanitized(p)), Some(s));
    }

    /// Any text at all is either refused or read, never a panic; and a stored
    /// state with any byte changed is refused or reads as some state.
    #[test]
    fn any_text_is_refused_or_read(text in ".{0,300}", flip in any::<prop::sample::Index>(), to in any::<u8>()) {
        let _ = decode(&text);
        let mut bytes = stored(&example()).into_bytes();
        let i = flip.index(bytes.len());
        bytes[i] = b"0123456789abcdef"[usize::from(to % 16)];
        if let Ok(changed) = String::from_utf8(bytes) {
            let _ = decode(&changed).map(|s| s.sanitized(protocol()));
        }
    }
}
