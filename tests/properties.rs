#![cfg(not(target_arch = "wasm32"))]
//! Properties over generated answer sets, on the real protocol.
//!
//! Each property runs `CASES` generated answer sets (proptest), so
//! 7 properties x 10,000 and one (the skipped-question property, which
//! tries every answer to every skipped question) x 2,500 = 72,500 generated
//! cases per test run.

mod common;

use common::{
    answers_from_bytes, magnesium, rank_of, worsenings, NOT_SURE_IS_CALL_NOW, ROUTING,
    YES_IS_REASSURING,
};
use infusion_check::protocol::{
    asked_screens, next_step, triage, triage_asking_all, Answer, Answers, Disposition, Kind,
    Protocol, Step,
};
use proptest::prelude::*;
use std::sync::OnceLock;

const CASES: u32 = 10_000;

fn protocol() -> &'static Protocol {
    static P: OnceLock<Protocol> = OnceLock::new();
    P.get_or_init(magnesium)
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 200..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// Any red flag answered yes gives emergency (rf_fainted leads to the
    /// faint follow-ups instead, as PROTOCOL.md §3B says).
    #[test]
    fn any_red_flag_yes_gives_emergency(b in bytes(), pick in any::<prop::sample::Index>()) {
        let p = protocol();
        let mut a = answers_from_bytes(p, &b);
        let list = p.question("red_flags").map(|q| q.sections.iter().flat_map(|(_, i)| i.clone()).collect::<Vec<_>>()).unwrap_or_default();
        let items: Vec<&str> = list.iter().filter_map(|&i| p.questions.get(i)).map(|q| q.id.as_str()).filter(|id| *id != "rf_fainted").collect();
        let item = items[pick.index(items.len())];
        a.set_one(item, "yes");
        let o = triage(p, &a);
        prop_assert_eq!(o.disposition, Disposition::Emergency, "{} yes gave {:?}", item, o);
    }

    /// Making one answer worse never lowers the outcome.
    #[test]
    fn a_worse_answer_never_lowers_the_outcome(b in bytes(), pick in any::<prop::sample::Index>()) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let before = rank_of(p, &a);
        let options = worsenings(p, &a);
        prop_assume!(!options.is_empty());
        let (id, worse) = options[pick.index(options.len())].clone();
        let mut a2 = a.clone();
        a2.set(&id, worse.clone());
        let after = rank_of(p, &a2);
        prop_assert!(after >= before, "{} -> {:?} lowered {} to {}: before {:?} after {:?}", id, worse, before, after, triage(p, &a).fired_ids(), triage(p, &a2).fired_ids());
    }

    /// "Not sure" never gives less than "yes" on the red-flag, faint,
    /// breathing, consciousness and risk questions (P3).
    #[test]
    fn not_sure_is_never_lower_than_yes(b in bytes(), pick in any::<prop::sample::Index>()) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let candidates: Vec<&str> = p.questions.iter()
            .filter(|q| q.kind == Kind::YesNo && (q.offers_not_sure || q.if_not_sure.is_some()))
            .map(|q| q.id.as_str())
            .filter(|id| !NOT_SURE_IS_CALL_NOW.contains(id) && !ROUTING.contains(id))
            .collect();
        let id = candidates[pick.index(candidates.len())];
        let bad = if YES_IS_REASSURING.contains(&id) { "no" } else { "yes" };
        let (mut with_yes, mut with_ns) = (a.clone(), a.clone());
        with_yes.set_one(id, bad);
        with_ns.set_one(id, "not_sure");
        prop_assert!(rank_of(p, &with_ns) >= rank_of(p, &with_yes), "{}: not sure gave less than {}", id, bad);
    }

    /// next_step always ends, within as many screens as the protocol has, and
    /// agrees with triage on the same answers.
    #[test]
    fn every_path_ends_within_the_screen_count(b in bytes()) {
        let p = protocol();
        let full = answers_from_bytes(p, &b);
        let mut given = Answers::new();
        let mut screens = 0;
        let outcome = loop {
            match next_step(p, &given) {
                Step::Done(o) => break o,
                Step::Ask(q) => {
                    screens += 1;
                    prop_assert!(screens <= p.screens.len(), "more than {} screens", p.screens.len());
                    // Copy the answer(s) of this screen from the full set.
                    let mut ids: Vec<String> = if q.kind == Kind::Checklist {
                        q.sections.iter().flat_map(|(_, i)| i.iter()).filter_map(|&i| p.questions.get(i)).map(|x| x.id.clone()).collect()
                    } else {
                        vec![q.id.clone()]
                    };
                    // Questions answered on the same screen (the "someone
                    // else" switch on the first one).
                    let at = p.index_of(&q.id);
                    ids.extend(p.questions.iter().filter(|c| c.shown_with.is_some() && c.shown_with == at).map(|c| c.id.clone()));
                    for id in ids {
                        if let Some(ans) = full.get(&id) { given.set(&id, ans.clone()); }
                    }
                }
            }
        };
        prop_assert_eq!(screens, asked_screens(p, &full).len());
        prop_assert_eq!(outcome, triage(p, &given));
    }

    /// Skipping is harmless: the flow that asks only what can change the
    /// outcome gives the same disposition and urgency as the flow that asks
    /// every question whose `ask_when` holds, on whole answer sets.
    #[test]
    fn skipping_questions_never_changes_the_outcome(b in bytes()) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let skipping = triage(p, &a);
        let (all_screens, asking_all) = triage_asking_all(p, &a);
        prop_assert_eq!(
            (skipping.disposition, skipping.urgency),
            (asking_all.disposition, asking_all.urgency),
            "skipping fired {:?}, asking all fired {:?}", skipping.fired_ids(), asking_all.fired_ids()
        );
        prop_assert!(asked_screens(p, &a).len() <= all_screens.len());
    }

    /// The same answers always give the same outcome.
    #[test]
    fn the_same_answers_give_the_same_outcome(b in bytes()) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let first = triage(p, &a);
        let again = triage(p, &a.clone());
        let reloaded = match Protocol::magnesium() { Ok(p2) => triage(&p2, &a), Err(e) => panic!("{e}") };
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &reloaded);
    }

    /// Self-care only when every picked group is cleared and no call rule fired (P7).
    #[test]
    fn self_care_only_when_every_check_passes(b in bytes()) {
        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let o = triage(p, &a);
        if o.disposition == Disposition::SelfCare {
            prop_assert!(o.fired.iter().all(|f| f.level == infusion_check::protocol::Level::SelfCare));
            prop_assert!(!o.has_fired("P7"));
        }
    }
}

proptest! {
    // Each set tries every answer to every skipped question (dozens of whole
    // evaluations a set), so this one runs fewer sets.
    #![proptest_config(ProptestConfig { cases: CASES / 4, ..ProptestConfig::default() })]

    /// For every question the flow did not ask (but would have asked before
    /// it skipped), every possible answer to it gives the same disposition
    /// and urgency: each is tried in turn, in the flow that asks everything.
    #[test]
    fn a_question_not_asked_could_not_change_the_outcome(b in bytes()) {


        let p = protocol();
        let a = answers_from_bytes(p, &b);
        let o = triage(p, &a);
        let asked = asked_screens(p, &a);
        let (all_screens, _) = triage_asking_all(p, &a);
        for id in all_screens.iter().filter(|s| !asked.contains(s)) {
            let Some(q) = p.question(id) else { continue };
            // The question, or each item of a checklist, with every answer.
            let targets: Vec<&infusion_check::protocol::Question> = if q.kind == Kind::Checklist {
                q.sections.iter().flat_map(|(_, i)| i.iter()).filter_map(|&i| p.questions.get(i)).collect()
            } else {
                vec![q]
            };
            for t in targets {
                let mut answers: Vec<Answer> = match t.kind {
                    Kind::YesNo => vec![Answer::One("yes".into()), Answer::One("no".into())],
                    Kind::Single => t.options.iter().map(|o| Answer::One(o.id.clone())).collect(),
                    // Each option alone, none, and all of them.
                    Kind::Multi => {
                        let mut v: Vec<Answer> = t.options.iter().map(|o| Answer::Many(vec![o.id.clone()])).collect();
                        v.push(Answer::Many(vec![]));
                        v.push(Answer::Many(t.options.iter().filter(|o| !o.exclusive).map(|o| o.id.clone()).collect()));
                        v
                    }
                    _ => Vec::new(),
                };
                if t.offers_not_sure || t.if_not_sure.is_some() {
                    answers.push(Answer::One("not_sure".into()));
                }
                for v in answers {
                    let mut changed = a.clone();
                    changed.set(&t.id, v.clone());
                    let (_, other) = triage_asking_all(p, &changed);
                    prop_assert_eq!(
                        (other.disposition, other.urgency), (o.disposition, o.urgency),
                        "{} = {:?}, not asked, changes the outcome: {:?} -> {:?}", t.id, v, o.fired_ids(), other.fired_ids()
                    );
                }
            }
        }
    }
}
