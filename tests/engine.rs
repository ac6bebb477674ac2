#![cfg(not(target_arch = "wasm32"))]
//! The engine and the checker on the real protocol data.

mod common;

use common::magnesium;
use infusion_check::protocol::{
    check_reachability, next_step, triage, Answer, Answers, Disposition, LoadError, Protocol, Step,
    Urgency, MAGNESIUM_JSON,
};
use litemap::LiteMap;

fn ask_id(p: &Protocol, a: &Answers) -> String {
    match next_step(p, a) {
        Step::Ask(q) => q.id.clone(),
        Step::Done(o) => panic!("expected a question, got the outcome {o:?}"),
    }
}

fn none_ticked(p: &Protocol, a: &mut Answers, list: &str) {
    a.set_checklist(p, list, &LiteMap::new());
}

fn tick(p: &Protocol, a: &mut Answers, list: &str, item: &str, code: &str) {
    let mut m = LiteMap::new();
    m.insert(item.to_string(), code.to_string());
    a.set_checklist(p, list, &m);
}

/// Answers every context and risk question with the benign answer.
fn benign_context(p: &Protocol) -> Answers {
    let mut a = Answers::new();
    none_ticked(p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    a.set_one("ctx_at_clinic", "no");
    a.set_one("ctx_time_since_end", "1_to_6h");
    a.set_one("ctx_repeat_use", "no");
    for m in [
        "mod_kidney",
        "mod_pregnant",
        "mod_heart",
        "mod_heart_meds",
        "mod_nerve_muscle",
        "mod_lung",
        "mod_sedating",
        "mod_other_meds",
        "mod_age65",
        "mod_anaphylaxis_hx",
    ] {
        a.set_one(m, "no");
    }
    a
}

fn groups(a: &mut Answers, g: &[&str]) {
    a.set(
        "symptoms",
        Answer::Many(g.iter().map(|s| s.to_string()).collect()),
    );
}

#[test]
fn the_red_flag_checklist_comes_first_and_one_tick_ends_the_flow() {
    let p = magnesium();
    let mut a = Answers::new();
    assert_eq!(ask_id(&p, &a), "red_flags");
    tick(&p, &mut a, "red_flags", "rf_chest", "yes");
    match next_step(&p, &a) {
        Step::Done(o) => {
            assert_eq!(o.disposition, Disposition::Emergency);
            assert!(o.has_fired("E01"));
        }
        Step::Ask(q) => panic!("asked {} after a red flag", q.id),
    }
}

#[test]
fn not_sure_on_a_breathing_red_flag_is_emergency_and_on_worry_is_call_now() {
    let p = magnesium();
    let mut a = Answers::new();
    tick(&p, &mut a, "red_flags", "rf_breath_slow", "not_sure");
    let o = triage(&p, &a);
    assert_eq!(o.disposition, Disposition::Emergency);
    assert!(o.has_fired("E02") && o.has_fired("A3"));
    assert!(o.assumed.contains(&"rf_breath_slow".to_string()));

    let mut a = benign_context(&p);
    tick(&p, &mut a, "red_flags", "rf_worried", "not_sure");
    groups(&mut a, &["g_none"]);
    a.set_one("gn_what", "expected_effect");
    let o = triage(&p, &a);
    assert_eq!(
        (o.disposition, o.urgency),
        (Disposition::CallClinic, Some(Urgency::Now))
    );
    assert!(o.has_fired("X01"));
}

#[test]
fn the_flow_goes_red_flags_context_groups_modules_then_only_the_risks_that_matter() {
    let p = magnesium();
    let mut a = Answers::new();
    // The first screen: no red flag, answering for themselves (the switch).
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    let mut order = Vec::new();
    loop {
        match next_step(&p, &a) {
            Step::Done(o) => {
                assert_eq!(o.disposition, Disposition::SelfCare, "{o:?}");
                break;
            }
            Step::Ask(q) => {
                order.push(q.id.clone());
                let id = q.id.clone();
                match id.as_str() {
                    "ctx_time_since_end" => a.set_one(&id, "1_to_6h"),
                    "symptoms" => groups(&mut a, &["g_headache"]),
                    "ha_severity" => a.set_one(&id, "mild"),
                    "ha_usual" => a.set_one(&id, "yes"),
                    "ha_course" => a.set_one(&id, "better"),
                    "ha_with" => a.set("ha_with", Answer::Many(vec![])),
                    _ => a.set_one(&id, "no"),
                }
            }
        }
        assert!(order.len() < 40);
    }
    // "Who is answering?" is on the first screen; risk questions come after
    // the symptoms, and only those a rule still open for a headache reads:
    // pregnancy (M02, M02b), not kidneys, heart, age or the rest.
    assert_eq!(
        order,
        [
            "ctx_time_since_end",
            "ctx_at_clinic",
            "symptoms",
            "ha_severity",
            "ha_usual",
            "ha_course",
            "ha_with",
            "ctx_repeat_use",
            "mod_pregnant",
        ]
    );
}

#[test]
fn still_at_the_clinic_is_asked_only_soon_after_the_drip() {
    let p = magnesium();
    let mut a = Answers::new();
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    for (time, asked) in [
        ("under_1h", true),
        ("1_to_6h", true),
        ("not_sure", true),
        ("6_to_24h", false),
        ("1_to_4_days", false),
        ("over_4_days", false),
    ] {
        a.set_one("ctx_time_since_end", time);
        assert_eq!(ask_id(&p, &a) == "ctx_at_clinic", asked, "{time}");
    }
}

#[test]
fn a_risk_question_that_cannot_change_the_outcome_is_not_asked() {
    let p = magnesium();
    // Dizzy even when sitting: call-now by C03. No risk question can raise
    // it (a faint with a heart condition, E05, needs a faint), so none is
    // asked, and the answers given anyway change nothing.
    let mut a = Answers::new();
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    a.set_one("ctx_time_since_end", "6_to_24h");
    groups(&mut a, &["g_dizzy"]);
    a.set_one("dz_severity", "moderate");
    a.set_one("dz_pattern", "sitting_too");
    a.set_one("dz_course", "same");
    a.set_one("dz_spin", "no");
    match next_step(&p, &a) {
        Step::Done(o) => assert_eq!(o.urgency, Some(Urgency::Now)),
        Step::Ask(q) => panic!("asked {}", q.id),
    }
    let screens = infusion_check::protocol::asked_screens(&p, &a);
    assert!(
        !screens.iter().any(|s| s.starts_with("mod_")),
        "{screens:?}"
    );
    a.set_one("mod_heart", "yes");
    a.set_one("mod_age65", "yes");
    assert_eq!(triage(&p, &a).urgency, Some(Urgency::Now));
}

#[test]
fn a_faint_opens_the_follow_ups_and_a_recovered_faint_is_call_now() {
    let p = magnesium();
    let mut a = Answers::new();
    tick(&p, &mut a, "red_flags", "rf_fainted", "yes");
    assert_eq!(ask_id(&p, &a), "faint_followup");
    a.set_one("ctx_respondent", "me");
    none_ticked(&p, &mut a, "faint_followup");
    assert_eq!(ask_id(&p, &a), "ctx_time_since_end");
    let mut full = benign_context(&p);
    tick(&p, &mut full, "red_flags", "rf_fainted", "yes");
    none_ticked(&p, &mut full, "faint_followup");
    groups(&mut full, &["g_none"]);
    full.set_one("gn_what", "expected_effect");
    let o = triage(&p, &full);
    assert_eq!(
        (o.disposition, o.urgency),
        (Disposition::CallClinic, Some(Urgency::Now))
    );
    assert!(o.has_fired("C04"));
    // The same faint with a heart condition is an emergency (E05).
    full.set_one("mod_heart", "yes");
    assert_eq!(triage(&p, &full).disposition, Disposition::Emergency);
}

#[test]
fn helping_someone_asks_whether_they_can_talk_and_no_is_emergency() {
    let p = magnesium();
    let mut a = Answers::new();
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "helping_someone");
    assert_eq!(ask_id(&p, &a), "ctx_can_talk");
    a.set_one("ctx_can_talk", "not_sure");
    match next_step(&p, &a) {
        Step::Done(o) => assert!(o.disposition == Disposition::Emergency && o.has_fired("E02")),
        Step::Ask(q) => panic!("asked {}", q.id),
    }
}

#[test]
fn still_at_the_clinic_ends_with_tell_a_nurse_now() {
    let p = magnesium();
    let mut a = Answers::new();
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    a.set_one("ctx_time_since_end", "under_1h");
    a.set_one("ctx_at_clinic", "yes");
    match next_step(&p, &a) {
        Step::Done(o) => {
            assert_eq!(o.urgency, Some(Urgency::Now));
            assert!(o.has_fired("T01"));
        }
        Step::Ask(q) => panic!("asked {}", q.id),
    }
}

#[test]
fn an_unknown_drip_time_is_never_self_care_whatever_else_is_picked() {
    // Regression: C23 once fired only when every symptom was an expected
    // effect, so adding a benign IV-spot answer lowered call-today to self-care.
    let p = magnesium();
    let mut a = benign_context(&p);
    a.set_one("ctx_time_since_end", "not_sure");
    groups(&mut a, &["g_site"]);
    for q in [
        "iv_pain",
        "iv_red",
        "iv_swell",
        "iv_bruise",
        "iv_numb",
        "iv_bleed",
    ] {
        a.set_one(q, if q == "iv_pain" { "none" } else { "no" });
    }
    for q in ["iv_hard", "iv_hot", "iv_pus", "iv_cool_pale"] {
        a.set_one(q, "no");
    }
    a.set_one("iv_course", "better");
    let o = triage(&p, &a);
    assert_eq!(
        (o.disposition, o.urgency),
        (Disposition::CallClinic, Some(Urgency::Today)),
        "{o:?}"
    );
    assert!(o.has_fired("C23"));
}

#[test]
fn an_uncleared_symptom_is_at_least_call_today() {
    let p = magnesium();
    let mut a = benign_context(&p);
    groups(&mut a, &["g_flush"]);
    a.set_one("fl_itch", "no");
    a.set_one("fl_course", "same");
    a.set_one("fl_sweat_heavy", "no");
    let o = triage(&p, &a);
    assert_eq!(o.urgency, Some(Urgency::Today));
    assert!(o.has_fired("P7"), "{o:?}");
    a.set_one("fl_course", "better");
    assert_eq!(triage(&p, &a).disposition, Disposition::SelfCare);
}

#[test]
fn pregnancy_with_an_earlier_effect_that_has_gone_is_call_now() {
    // Review finding: M02 ("any symptom" in pregnancy) did not cover "nothing
    // now, I had an expected effect earlier", which gave self-care (SC07).
    let p = magnesium();
    for pregnant in ["yes", "not_sure"] {
        for what in ["expected_effect", "other_symptom"] {
            let mut a = benign_context(&p);
            a.set_one("mod_pregnant", pregnant);
            groups(&mut a, &["g_none"]);
            a.set_one("gn_what", what);
            let o = triage(&p, &a);
            assert_eq!(o.urgency, Some(Urgency::Now), "{pregnant} {what}: {o:?}");
            // Another earlier symptom is call-now already (X02): pregnancy
            // is then not asked, as no answer to it changes the outcome.
            let rule = if what == "expected_effect" {
                "M02"
            } else {
                "X02"
            };
            assert!(o.has_fired(rule), "{pregnant} {what}: {o:?}");
        }
    }
    let mut a = benign_context(&p);
    groups(&mut a, &["g_none"]);
    a.set_one("gn_what", "expected_effect");
    assert_eq!(triage(&p, &a).disposition, Disposition::SelfCare);
}

#[test]
fn a_missing_who_is_answering_is_read_the_worrying_way() {
    // Only case files and the command line meet missing answers (the widget
    // asks). Read as "me", "can they talk?" was skipped and E02 never fired.
    let p = magnesium();
    let mut a = benign_context(&p);
    a.0.remove("ctx_respondent");
    groups(&mut a, &["g_none"]);
    a.set_one("gn_what", "expected_effect");
    let o = triage(&p, &a);
    assert_eq!(o.disposition, Disposition::Emergency, "{o:?}");
    assert!(o.has_fired("E02"), "{o:?}");
    assert!(o.assumed.iter().any(|q| q == "ctx_respondent"), "{o:?}");
}

#[test]
fn every_rule_fires_and_every_question_is_reached_in_generated_answers() {
    let p = magnesium();
    let problems = check_reachability(&p, 40_000);
    assert!(problems.is_empty(), "{problems:#?}");
}

// ---- The checker, on broken copies of the real file.

fn broken(edit: impl Fn(&mut serde_json::Value)) -> Result<Protocol, LoadError> {
    let mut v: serde_json::Value = serde_json::from_str(MAGNESIUM_JSON).unwrap_or_default();
    edit(&mut v);
    Protocol::load(&v.to_string())
}

fn rule_mut<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["rules"]
        .as_array_mut()
        .and_then(|r| r.iter_mut().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn question_mut<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["questions"]
        .as_array_mut()
        .and_then(|r| r.iter_mut().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no question {id}"))
}

fn problems(r: Result<Protocol, LoadError>) -> String {
    match r {
        Ok(_) => panic!("the broken protocol loaded"),
        Err(LoadError::Invalid(list)) => list
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        Err(LoadError::Parse(m) | LoadError::Binary(m)) => format!("parse: {m}"),
    }
}

#[test]
fn the_real_protocol_loads_clean() {
    let p = magnesium();
    assert_eq!(p.id, "magnesium");
    assert!(!p.version.is_empty() && p.review_date.len() == 10);
}

#[test]
fn an_unknown_question_in_a_rule_is_named() {
    let e = problems(broken(|v| {
        rule_mut(v, "C11")["when"] = serde_json::json!({"is": {"br_levle": ["a_bit"]}})
    }));
    assert!(
        e.contains("rules.C11.when") && e.contains("unknown question \"br_levle\""),
        "{e}"
    );
}

#[test]
fn an_undeclared_option_is_named() {
    let e = problems(broken(|v| {
        rule_mut(v, "C11")["when"] = serde_json::json!({"is": {"br_level": ["a_little"]}})
    }));
    assert!(
        e.contains("rules.C11.when") && e.contains("\"a_little\""),
        "{e}"
    );
}

#[test]
fn a_missing_translation_is_named() {
    let e = problems(broken(|v| {
        question_mut(v, "fl_course")["text"]["es"] = serde_json::json!("")
    }));
    assert!(
        e.contains("questions.fl_course.text.es: missing translation"),
        "{e}"
    );
}

#[test]
fn an_unknown_placeholder_is_named() {
    let e = problems(broken(|v| {
        rule_mut(v, "C11")["why"]["en"] = serde_json::json!("Call {CLINIC_FAX}.")
    }));
    assert!(
        e.contains("rules.C11.why.en") && e.contains("CLINIC_FAX"),
        "{e}"
    );
}

#[test]
fn a_question_that_reads_a_later_one_is_named() {
    let e = problems(broken(|v| {
        question_mut(v, "fl_itch")["ask_when"] = serde_json::json!({"is": {"iv_pain": ["mild"]}})
    }));
    assert!(
        e.contains("questions.fl_itch.ask_when") && e.contains("not asked before"),
        "{e}"
    );
}

#[test]
fn an_unknown_field_is_a_load_error() {
    let e = problems(broken(|v| {
        rule_mut(v, "C11")["then_level"] = serde_json::json!("call_now")
    }));
    assert!(
        e.contains("unknown field") && e.contains("then_level"),
        "{e}"
    );
}

#[test]
fn a_rule_reading_a_later_rule_is_named() {
    let e = problems(broken(|v| {
        rule_mut(v, "E01")["when"] = serde_json::json!({"fired": ["C01"]})
    }));
    assert!(e.contains("rules.E01"), "{e}");
}

#[test]
fn a_rule_that_can_never_fire_and_an_unreachable_question_are_found() {
    let p = broken(|v| {
        rule_mut(v, "C11")["when"] = serde_json::json!({"all": [{"is": {"br_level": ["a_bit"]}}, {"is": {"br_level": ["a_lot"]}}]});
        question_mut(v, "br_course")["ask_when"] = serde_json::json!({"all": [{"is": {"symptoms": ["g_breath"]}}, {"not": {"is": {"symptoms": ["g_breath"]}}}]});
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<String> = check_reachability(&p, 20_000)
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("rules.C11: never fired")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("questions.br_course: was never asked")),
        "{found:?}"
    );
}

#[test]
fn not_json_is_a_clear_error() {
    match Protocol::load("{ not json") {
        Err(LoadError::Parse(m)) => assert!(m.contains("line 1")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_compiled_protocol_the_browser_reads_decides_exactly_like_the_json() {
    let json = magnesium();
    let compiled =
        Protocol::from_bytes(infusion_check::MAGNESIUM_COMPILED).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compiled.version, json.version);
    let mut rng = infusion_check::protocol::Rng(7);
    for _ in 0..3_000 {
        let a = infusion_check::protocol::random_answers(&json, &mut rng);
        assert_eq!(triage(&json, &a), triage(&compiled, &a));
    }
    assert!(matches!(
        Protocol::from_bytes(&[1, 2, 3]),
        Err(LoadError::Binary(_))
    ));
}

#[test]
fn each_language_file_holds_its_language_only_and_decides_like_the_full_protocol() {
    let full = magnesium();
    let full_json = serde_json::to_value(&full).unwrap_or_default();
    for ((lang, bytes), (_, reasons)) in infusion_check::MAGNESIUM_PACKS
        .into_iter()
        .zip(infusion_check::MAGNESIUM_REASONS)
    {
        let (mut pack, words) =
            Protocol::from_language_file(bytes).unwrap_or_else(|e| panic!("{e}"));
        // The reasons come in their own file; with them, the whole language.
        assert!(pack.put_reasons(lang, reasons), "{lang:?}");
        assert_eq!(pack.key(), infusion_check::PROTOCOL_KEY);
        // The widget's words in this language follow the protocol.
        assert_eq!(
            infusion_check::i18n::Strings::from_words(words).as_ref(),
            Some(infusion_check::i18n::strings(lang))
        );
        // Same decisions, and the patient reads the same words: the result's
        // advice, reasons and whole summary, in this file's language.
        let cfg = infusion_check::config::Config::default();
        let mut rng = infusion_check::protocol::Rng(11);
        let mut advice_seen = 0;
        for _ in 0..2_000 {
            let a = infusion_check::protocol::random_answers(&full, &mut rng);
            let (o_full, o_pack) = (triage(&full, &a), triage(&pack, &a));
            assert_eq!(o_full, o_pack);
            let words = |p: &Protocol, o| {
                infusion_check::protocol::advice_for(p, &a, o)
                    .iter()
                    .map(|t| t.get(lang).to_string())
                    .collect::<Vec<_>>()
            };
            let advice = words(&full, &o_full);
            assert_eq!(advice, words(&pack, &o_pack), "{lang:?}: advice");
            advice_seen += advice.len();
            assert_eq!(
                infusion_check::summary::summary_text(&full, &a, &o_full, &cfg, lang),
                infusion_check::summary::summary_text(&pack, &a, &o_pack, &cfg, lang),
                "{lang:?}: summary"
            );
        }
        assert!(advice_seen > 1_000, "{advice_seen}");
        // Every text of this language is there, word for word; every text of
        // the other language is empty.
        let (mut same, mut blank) = (0, 0);
        fn walk(
            full: &serde_json::Value,
            pack: &serde_json::Value,
            lang: &str,
            same: &mut usize,
            blank: &mut usize,
        ) {
            match (full, pack) {
                (serde_json::Value::Object(f), serde_json::Value::Object(p)) => {
                    let is_text = f.keys().all(|k| k == "en" || k == "es") && !f.is_empty();
                    for (k, fv) in f {
                        let pv = &p[k];
                        if is_text && k == lang {
                            assert_eq!(fv, pv);
                            *same += 1;
                        } else if is_text {
                            assert_eq!(pv, "", "{fv}");
                            *blank += 1;
                        } else {
                            walk(fv, pv, lang, same, blank);
                        }
                    }
                }
                (serde_json::Value::Array(f), serde_json::Value::Array(p)) => {
                    assert_eq!(f.len(), p.len());
                    f.iter()
                        .zip(p)
                        .for_each(|(f, p)| walk(f, p, lang, same, blank));
                }
                (f, p) => assert_eq!(f, p),
            }
        }
        // The sources and the spec line are left out (the widget never shows
        // them); everything else is the same.
        let pack_json = serde_json::to_value(&pack).unwrap_or_default();
        let mut full_json = full_json.clone();
        assert_eq!(pack_json["spec"], "");
        assert_ne!(full_json["spec"], "");
        let mut sources = 0;
        for list in ["rules", "advice"] {
            for item in pack_json[list].as_array().into_iter().flatten() {
                assert_eq!(item["sources"], serde_json::json!([]), "{}", item["id"]);
            }
            for item in full_json[list].as_array_mut().into_iter().flatten() {
                sources += item["sources"].as_array().map_or(0, Vec::len);
                item["sources"] = serde_json::json!([]);
            }
        }
        assert!(sources > 60, "{sources}");
        full_json["spec"] = "".into();
        walk(&full_json, &pack_json, lang.code(), &mut same, &mut blank);
        assert!(
            same > 500 && same == blank,
            "{lang:?}: {same} texts kept, {blank} emptied"
        );
    }
}

#[test]
fn progress_gives_the_most_screens_left_and_it_never_grows() {
    use infusion_check::protocol::progress;
    let p = magnesium();
    let (done, left) = progress(&p, &Answers::new());
    assert_eq!(done, 0);
    // Before anything is known, every screen may be asked (the faint
    // follow-ups, "can they talk?", every module, every risk question).
    assert_eq!(left, p.screens.len());
    // Walk a headache story to its end: at each screen, the bound is at
    // least the screens really left, and it never grows.
    let mut a = Answers::new();
    none_ticked(&p, &mut a, "red_flags");
    a.set_one("ctx_respondent", "me");
    let mut seen: Vec<(usize, usize)> = Vec::new();
    loop {
        let now = progress(&p, &a);
        let Step::Ask(q) = next_step(&p, &a) else {
            break;
        };
        seen.push(now);
        let id = q.id.clone();
        match id.as_str() {
            "ctx_time_since_end" => a.set_one(&id, "6_to_24h"),
            "symptoms" => groups(&mut a, &["g_headache"]),
            "ha_severity" => a.set_one(&id, "moderate"),
            "ha_course" => a.set_one(&id, "same"),
            "ha_with" => a.set("ha_with", Answer::Many(vec![])),
            _ => a.set_one(&id, "no"),
        }
    }
    let total = seen.len();
    for (i, &(done, left)) in seen.iter().enumerate() {
        assert_eq!(done, i + 1, "the red-flag screen is done: {seen:?}");
        assert!(left >= total - i, "fewer left than asked: {seen:?}");
        if let Some(&(_, before)) = i.checked_sub(1).and_then(|j| seen.get(j)) {
            assert!(left <= before, "the count grew: {seen:?}");
        }
    }
    // The last question knows it is the last.
    assert_eq!(seen.last().map(|s| s.1), Some(1), "{seen:?}");
}

#[test]
fn advice_follows_the_picked_groups_and_the_rules_that_fired() {
    use infusion_check::protocol::advice_for;
    let p = magnesium();
    let mut a = benign_context(&p);
    groups(&mut a, &["g_other"]);
    a.set_one("ot_related", "something_else");
    a.set_one("ot_text", "a cold");
    let o = triage(&p, &a);
    let advice: Vec<String> = advice_for(&p, &a, &o)
        .iter()
        .map(|t| t.en.clone())
        .collect();
    assert!(
        advice.iter().any(|t| t.contains("pharmacist")),
        "SC08's signposting: {advice:?}"
    );
    groups(&mut a, &["g_headache"]);
    let advice: Vec<String> = advice_for(&p, &a, &triage(&p, &a))
        .iter()
        .map(|t| t.en.clone())
        .collect();
    assert!(
        advice.iter().any(|t| t.contains("quiet place"))
            && !advice.iter().any(|t| t.contains("pharmacist")),
        "{advice:?}"
    );
}

// ---- Regressions from the safety review.

fn mild_flush_and_headache(p: &Protocol, time: &str) -> Answers {
    let mut a = benign_context(p);
    a.set_one("ctx_time_since_end", time);
    groups(&mut a, &["g_flush", "g_headache"]);
    for (q, c) in [
        ("fl_itch", "no"),
        ("fl_course", "better"),
        ("fl_sweat_heavy", "no"),
        ("ha_severity", "mild"),
        ("ha_usual", "yes"),
        ("ha_course", "better"),
    ] {
        a.set_one(q, c);
    }
    a.set("ha_with", Answer::Many(vec![]));
    a
}

#[test]
fn an_unknown_drip_time_never_gives_less_than_a_known_late_one() {
    let p = magnesium();
    let late = triage(&p, &mild_flush_and_headache(&p, "1_to_4_days"));
    let unknown = triage(&p, &mild_flush_and_headache(&p, "not_sure"));
    assert_eq!(late.urgency, Some(Urgency::Now), "{late:?}");
    assert_eq!(unknown.urgency, Some(Urgency::Now), "{unknown:?}");
}

#[test]
fn next_day_effects_in_two_groups_add_up_to_call_now() {
    let p = magnesium();
    let mut a = benign_context(&p);
    a.set_one("ctx_time_since_end", "1_to_4_days");
    groups(&mut a, &["g_dizzy", "g_headache"]);
    for (q, c) in [
        ("dz_severity", "mild"),
        ("dz_pattern", "only_standing"),
        ("dz_course", "better"),
        ("dz_spin", "no"),
        ("ha_severity", "mild"),
        ("ha_usual", "yes"),
        ("ha_course", "better"),
    ] {
        a.set_one(q, c);
    }
    a.set("ha_with", Answer::Many(vec![]));
    let o = triage(&p, &a);
    assert_eq!(o.urgency, Some(Urgency::Now), "{o:?}");
    assert!(o.has_fired("T03") && o.has_fired("A1"));
}

#[test]
fn eye_symptoms_with_a_breathing_change_in_myasthenia_are_an_emergency() {
    let p = magnesium();
    let mut a = benign_context(&p);
    a.set_one("mod_nerve_muscle", "yes");
    groups(&mut a, &["g_eyes", "g_breath"]);
    a.set_one("ey_with", "no");
    a.set_one("br_level", "a_bit");
    a.set_one("br_course", "same");
    let o = triage(&p, &a);
    assert_eq!(o.disposition, Disposition::Emergency, "{o:?}");
    assert!(o.has_fired("E06"));
}

#[test]
fn the_fired_rules_come_highest_level_first_then_in_rule_order() {
    let p = magnesium();
    let position = |id: &str| p.rules.iter().position(|r| r.id == id);
    let mut rng = infusion_check::protocol::Rng(5);
    let mut mixed = 0;
    for _ in 0..2_000 {
        let a = infusion_check::protocol::random_answers(&p, &mut rng);
        let o = triage(&p, &a);
        for w in o.fired.windows(2) {
            let (x, y) = (&w[0], &w[1]);
            assert!(x.level >= y.level, "{:?}", o.fired_ids());
            if x.level == y.level {
                assert!(position(&x.id) < position(&y.id), "{:?}", o.fired_ids());
            } else {
                mixed += 1;
            }
        }
        assert_eq!(
            o.fired.first().map(|f| f.level),
            Some(o.level).filter(|_| !o.fired.is_empty())
        );
    }
    assert!(mixed > 100, "{mixed}");
}

#[test]
fn a_compiled_map_with_keys_out_of_order_is_refused() {
    use infusion_check::protocol::model::Cond;
    // Postcard writes `Cond::Is` as variant 0, then the map as a list of pairs.
    let bytes = |pairs: &[(&str, &str)]| {
        let list: Vec<(String, Vec<String>)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
            .collect();
        let mut b = vec![0u8];
        b.extend(postcard::to_allocvec(&list).unwrap_or_default());
        b
    };
    let good = postcard::from_bytes::<Cond>(&bytes(&[("a", "yes"), ("b", "no")]));
    assert!(matches!(good, Ok(Cond::Is(ref m)) if m.len() == 2 && m.get("b").is_some()));
    let wire = infusion_check::protocol::wire::Reader::read_all::<Cond>;
    assert_eq!(wire(&bytes(&[("a", "yes"), ("b", "no")])), good.ok());
    for bad in [
        &[("b", "no"), ("a", "yes")][..],
        &[("a", "no"), ("a", "yes")][..],
    ] {
        assert!(
            postcard::from_bytes::<Cond>(&bytes(bad)).is_err(),
            "{bad:?}"
        );
        assert!(wire(&bytes(bad)).is_none(), "{bad:?}");
    }
    // The data file (JSON) may list keys in any order.
    let json: Cond = serde_json::from_str(r#"{"is": {"b": ["no"], "a": ["yes"]}}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(json, Cond::Is(ref m) if m.len() == 2 && m.get("a").is_some()));
}

#[test]
fn the_browser_reads_each_compiled_file_back_exactly_as_it_was_written() {
    // The widget reads the compiled files with its own reader
    // (`protocol::wire`, much smaller in the wasm than serde's): it must give
    // the very protocol the build wrote, field for field and word for word.
    let full = magnesium();
    let by_wire =
        Protocol::from_bytes(infusion_check::MAGNESIUM_COMPILED).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json(&by_wire), json(&full));
    assert!(json(&by_wire).is_object());
    // The language files: the protocol in that language, then the widget's words.
    for ((lang, bytes), (_, reasons)) in infusion_check::MAGNESIUM_PACKS
        .into_iter()
        .zip(infusion_check::MAGNESIUM_REASONS)
    {
        let mut written = full.for_language(lang).unwrap_or_else(|e| panic!("{e}"));
        let whole = written.clone();
        // The reasons apart: the file leaves them out, the reasons' file is
        // them, and put back they give the whole language again.
        assert_eq!(written.take_reasons(lang), reasons, "{lang:?}");
        let (mut pack, words) =
            Protocol::from_language_file(bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json(&pack), json(&written), "{lang:?}");
        let mut back = pack.clone();
        assert!(back.put_reasons(lang, reasons));
        assert_eq!(json(&back), json(&whole), "{lang:?}");
        // A reasons file cut short, one text more or fewer: refused, unchanged.
        let longer = [reasons, b"x\0"].concat();
        for bad in [&reasons[..reasons.len() - 1], &longer[..], b"x\0"] {
            assert!(!pack.put_reasons(lang, bad), "{lang:?}");
        }
        assert_eq!(json(&pack), json(&written), "{lang:?}");
        let expected: Vec<&str> = infusion_check::i18n::strings(lang)
            .fields()
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, expected, "{lang:?}");
        assert!(words.len() > 50);
        // Written again, the same bytes (what the build wrote is what this
        // reader reads, and nothing else is in the file).
        assert_eq!(
            pack.to_language_file(&expected).ok().as_deref(),
            Some(bytes),
            "{lang:?}"
        );
    }
    // A text can hold any character but the separator.
    let mut p = full.clone();
    p.title.en.push('\0');
    assert!(matches!(p.to_bytes(), Err(LoadError::Binary(m)) if m.contains("NUL")));
}

/// A value as JSON (serde_json's form of a `Text` is its two strings).
fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

#[test]
fn a_damaged_compiled_file_is_refused_without_a_panic() {
    for (lang, bytes) in infusion_check::MAGNESIUM_PACKS {
        // Cut short anywhere: refused (every 7th length, and each of the last
        // 64, inside the texts).
        let cuts = (0..bytes.len())
            .step_by(7)
            .chain(bytes.len().saturating_sub(64)..bytes.len());
        for n in cuts {
            assert!(
                Protocol::from_language_file(&bytes[..n]).is_err(),
                "{lang:?}: cut at {n}"
            );
        }
        // A byte more at the end, a text more, a text fewer: refused.
        for extra in [&[0u8][..], b"x\0"] {
            let mut longer = bytes.to_vec();
            longer.extend(extra);
            assert!(Protocol::from_language_file(&longer).is_err());
        }
        let body = &bytes[..bytes.len() - 1];
        let last_text = body.iter().rposition(|&b| b == 0).map_or(0, |i| i + 1);
        assert!(last_text > 0 && last_text < body.len(), "{lang:?}");
        assert!(
            Protocol::from_language_file(&bytes[..last_text]).is_err(),
            "{lang:?}: the last text dropped"
        );
        // Bytes changed here and there, in the structure and in the texts:
        // refused, or read into some protocol, never a panic; one that is
        // read is written back to the very bytes it was read from.
        // (0xa5 sets the top bit: mostly refused; 0x01 mostly keeps a text
        // ASCII: mostly read.)
        let (mut refused, mut read) = (0, 0);
        for (i, mask) in (0..bytes.len())
            .step_by(13)
            .flat_map(|i| [(i, 0xa5u8), (i, 0x01)])
        {
            let mut b = bytes.to_vec();
            b[i] ^= mask;
            match Protocol::from_language_file(&b) {
                Err(_) => refused += 1,
                Ok((p, words)) => {
                    read += 1;
                    let words: Vec<&str> = words.iter().map(String::as_str).collect();
                    assert_eq!(
                        p.to_language_file(&words).ok().as_deref(),
                        Some(&b[..]),
                        "{lang:?}: byte {i} changed"
                    );
                }
            }
        }
        assert!(
            refused > 0 && read > 0,
            "{lang:?}: {refused} refused, {read} read"
        );
        // A text that is not UTF-8 (a byte inside the last one): refused.
        let mut b = bytes.to_vec();
        b[last_text] = 0xff;
        assert!(Protocol::from_language_file(&b).is_err(), "{lang:?}");
    }
    use infusion_check::protocol::model::Cond;
    // Conditions nested beyond any real protocol's depth: refused, not a stack overflow.
    let mut deep = vec![3u8; 100_000];
    deep.extend([1, 0]);
    assert!(infusion_check::protocol::wire::Reader::read_all::<Cond>(&deep).is_none());
}

#[test]
fn every_condition_kind_and_level_reads_back_as_postcard_wrote_it() {
    use infusion_check::protocol::model::{Cond, Effect, Kind};
    use infusion_check::protocol::wire::{Reader, Wire, Writer};
    use infusion_check::protocol::{Lang, Level};
    // One of each variant, in declaration order; the match fails to compile
    // when a variant is added, until it is listed here (and in wire.rs).
    let each = [
        Cond::Is(LiteMap::from_iter([(
            "q".to_string(),
            vec!["yes".to_string()],
        )])),
        Cond::All(vec![Cond::Def("d".into())]),
        Cond::Any(vec![]),
        Cond::Not(Box::new(Cond::Assumed(true))),
        Cond::AtLeast {
            n: 300,
            of: vec![Cond::Uncleared(false)],
        },
        Cond::Def("a_def".into()),
        Cond::Fired(vec!["E01".into(), "C02".into()]),
        Cond::LevelBelow(Level::CallNow),
        Cond::GroupsFired(2),
        Cond::Assumed(false),
        Cond::Uncleared(true),
        Cond::Cleared("g_flush".into()),
    ];
    for (i, c) in each.iter().enumerate() {
        let index = match c {
            Cond::Is(_) => 0,
            Cond::All(_) => 1,
            Cond::Any(_) => 2,
            Cond::Not(_) => 3,
            Cond::AtLeast { .. } => 4,
            Cond::Def(_) => 5,
            Cond::Fired(_) => 6,
            Cond::LevelBelow(_) => 7,
            Cond::GroupsFired(_) => 8,
            Cond::Assumed(_) => 9,
            Cond::Uncleared(_) => 10,
            Cond::Cleared(_) => 11,
        };
        assert_eq!(index, i);
        let bytes = postcard::to_allocvec(c).unwrap_or_default();
        assert_eq!(Reader::read_all::<Cond>(&bytes).as_ref(), Some(c));
    }
    fn same<T: serde::Serialize + Wire + PartialEq + std::fmt::Debug>(values: &[T]) {
        for v in values {
            let bytes = postcard::to_allocvec(v).unwrap_or_default();
            assert_eq!(Reader::read_all::<T>(&bytes).as_ref(), Some(v));
        }
    }
    same(&Level::ALL);
    same(&Lang::ALL);
    same(&[
        Kind::YesNo,
        Kind::Single,
        Kind::Multi,
        Kind::Checklist,
        Kind::Text,
    ]);
    same(&[Effect::Raise, Effect::Clear, Effect::Note]);
    same(&[0usize, 127, 128, 16_383, 16_384, u32::MAX as usize]);
    same(&[vec!["é".to_string(), String::new(), "x".repeat(200)]]);
    // Varints: five bytes at most, and the fifth carries only four bits.
    assert_eq!(
        Reader::read_all::<usize>(&[0xff, 0xff, 0xff, 0xff, 0x0f]),
        Some(u32::MAX as usize)
    );
    assert_eq!(
        Reader::read_all::<usize>(&[0xff, 0xff, 0xff, 0xff, 0x10]),
        None
    );
    assert_eq!(
        Reader::read_all::<usize>(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00]),
        None
    );
    assert_eq!(Reader::read_all::<bool>(&[2]), None);
    assert_eq!(Reader::read_all::<Option<bool>>(&[2, 1]), None);
    // Nesting: 32 levels read, 33 are refused.
    let nested = |depth: usize| {
        let mut b = vec![3u8; depth - 1];
        b.extend([9, 1]);
        b
    };
    assert!(Reader::read_all::<Cond>(&nested(32)).is_some());
    assert!(Reader::read_all::<Cond>(&nested(33)).is_none());
    // The writer (session storage) writes what postcard writes.
    let list = vec!["ctx_at_clinic".to_string(), "é".repeat(100)];
    let mut w = Writer::default();
    w.strs(&list);
    w.varint(300);
    let mut expected = postcard::to_allocvec(&list).unwrap_or_default();
    expected.extend(postcard::to_allocvec(&300u32).unwrap_or_default());
    assert_eq!(w.0, expected);
}

#[test]
fn a_repeat_check_is_call_today_when_better_and_call_now_when_not() {
    // P9 / C22 as revised on 2026-12-04: a reassurance check must not teach
    // patients to answer "no".
    let p = magnesium();
    let story = |course: &str, repeat: &str| {
        let mut a = benign_context(&p);
        a.set_one("ctx_repeat_use", repeat);
        groups(&mut a, &["g_flush"]);
        a.set_one("fl_itch", "no");
        a.set_one("fl_course", course);
        a.set_one("fl_sweat_heavy", "no");
        triage(&p, &a)
    };
    assert_eq!(story("better", "no").disposition, Disposition::SelfCare);
    let o = story("better", "yes");
    assert_eq!(o.urgency, Some(Urgency::Today), "{o:?}");
    assert!(o.has_fired("C22"));
    for course in ["same", "worse"] {
        let o = story(course, "yes");
        assert_eq!(o.urgency, Some(Urgency::Now), "{course}: {o:?}");
        // Worse is call-now by C20 already, so the repeat question is not
        // asked then (it cannot change the outcome); the same gives C22.
        assert_eq!(o.has_fired("C22"), course == "same", "{course}: {o:?}");
    }
    // Gone ("nothing now, an expected effect earlier"): call today.
    let mut a = benign_context(&p);
    a.set_one("ctx_repeat_use", "yes");
    groups(&mut a, &["g_none"]);
    a.set_one("gn_what", "expected_effect");
    assert_eq!(triage(&p, &a).urgency, Some(Urgency::Today));
    // A symptom whose course is not asked (fever): call now.
    groups(&mut a, &["g_fever"]);
    a.set_one("fv_temp", "no");
    assert_eq!(triage(&p, &a).urgency, Some(Urgency::Now));
}

#[test]
fn a_rule_that_fired_only_through_not_sure_says_so() {
    let p = magnesium();
    // New mild weakness, and a nerve or muscle disease: M05, certain.
    let mut a = weak_mildly(&p);
    a.set_one("mod_nerve_muscle", "yes");
    let sure = triage(&p, &a);
    let m05 = sure
        .fired
        .iter()
        .find(|f| f.id == "M05")
        .expect("M05 fired");
    assert!(!m05.unsure, "{:?}", sure.fired);
    // Not sure about the disease: M05 still fires (the cautious reading),
    // but only through "not sure".
    a.set_one("mod_nerve_muscle", "not_sure");
    let unsure = triage(&p, &a);
    let m05 = unsure
        .fired
        .iter()
        .find(|f| f.id == "M05")
        .expect("M05 fired");
    assert!(m05.unsure, "{:?}", unsure.fired);
    // Its reason in words that match: "you weren't sure whether ...".
    let rule = p.rule("M05").expect("M05");
    assert!(rule
        .why_for(true, false)
        .en
        .contains("weren't sure whether you have a nerve or muscle disease"));
    assert!(rule
        .why_for(true, true)
        .en
        .contains("weren't sure whether they have a nerve or muscle disease"));
    assert!(rule.why_for(false, true).en.starts_with("They have"));
    // A red flag ticked "yes" is certain; "not sure" is not.
    let mut a = Answers::new();
    tick(&p, &mut a, "red_flags", "rf_chest", "yes");
    assert!(triage(&p, &a)
        .fired
        .iter()
        .any(|f| f.id == "E01" && !f.unsure));
    let mut a = Answers::new();
    tick(&p, &mut a, "red_flags", "rf_chest", "not_sure");
    assert!(triage(&p, &a)
        .fired
        .iter()
        .any(|f| f.id == "E02" && f.unsure));
}

/// New mild weakness soon after the drip, getting better: not cleared (so
/// call today), and call now with a nerve or muscle disease (M05).
fn weak_mildly(p: &Protocol) -> Answers {
    let mut a = benign_context(p);
    groups(&mut a, &["g_weak_tired"]);
    for (q, c) in [
        ("wk_weak", "mild"),
        ("wk_sleepy", "normal"),
        ("wk_swallow", "no"),
        ("wk_course", "better"),
    ] {
        a.set_one(q, c);
    }
    a
}

#[test]
fn a_rule_that_can_fire_through_not_sure_needs_why_unsure() {
    let e = problems(broken(|v| {
        if let Some(r) = rule_mut(v, "M07").as_object_mut() {
            r.remove("why_unsure");
            r.remove("why_unsure_they");
        }
    }));
    assert!(
        e.contains("rules.M07.why_unsure") && e.contains("not sure"),
        "{e}"
    );
    // and only such a rule has one (C11 reads br_level, which offers no "not sure")
    let e = problems(broken(|v| {
        rule_mut(v, "C11")["why_unsure"] = serde_json::json!({"en": "x", "es": "x"})
    }));
    assert!(
        e.contains("rules.C11.why_unsure: this rule cannot fire"),
        "{e}"
    );
    // worded for a helper, its unsure reason is too
    let e = problems(broken(|v| {
        if let Some(r) = rule_mut(v, "M07").as_object_mut() {
            r.remove("why_unsure_they");
        }
    }));
    assert!(e.contains("rules.M07.why_unsure_they"), "{e}");
    // a "they" list as long as the patient's
    let e = problems(broken(|v| {
        v["outcomes"]["call_now"]["get_help_they"]
            .as_array_mut()
            .map(|l| l.pop());
    }));
    assert!(e.contains("outcomes.call_now.get_help_they"), "{e}");
}

#[test]
fn the_summary_leads_with_the_result_and_the_yes_answers_and_ends_with_the_no_answers() {
    use infusion_check::config::Config;
    use infusion_check::protocol::Lang;
    let p = magnesium();
    let mut a = weak_mildly(&p);
    a.set_one("mod_nerve_muscle", "not_sure");
    let o = triage(&p, &a);
    let (cfg, _) = Config::parse([("clinic-phone", "555 0100")], 0.0);
    let s = infusion_check::summary::summary(&p, &a, &o, &cfg, Lang::En);
    let text = infusion_check::summary::summary_text(&p, &a, &o, &cfg, Lang::En);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no {needle} in {text}"))
    };
    // The outcome, then why (in the words of a "not sure"), the symptoms
    // and the yes / not sure answers, then the other answers; the "no"
    // answers last, after a heading of their own.
    assert!(at("Result: Call the clinic now") < at("weren't sure whether you have a nerve"));
    assert!(at("weren't sure") < at("Answers:"));
    let answers = text.get(at("Answers:")..).unwrap_or_default();
    let after = |needle: &str| answers.find(needle).unwrap_or(usize::MAX);
    assert!(after("What are you feeling now?") < after("myasthenia gravis"));
    assert!(after("myasthenia gravis") < after("How weak do your muscles feel?"));
    assert!(after("How weak do your muscles feel?") < after("Answered no:"));
    assert!(after("Answered no:") < after("None of these"));
    assert!(after("None of these") < usize::MAX);
    assert!(!s.head.contains("None of these") && s.no.iter().any(|l| l.contains("None of these")));
    assert!(
        s.no.iter()
            .all(|l| l.ends_with(" No") || l.ends_with("None of these")),
        "{:?}",
        s.no
    );
}

#[test]
fn a_recheck_reminder_is_only_for_call_today_and_self_care_at_a_sensible_time() {
    use serde_json::json;
    let e = problems(broken(|v| {
        v["outcomes"]["call_now"]["recheck"] = json!({"after_hours": 2})
    }));
    assert!(
        e.contains("outcomes.call_now.recheck: a re-check reminder is offered only"),
        "{e}"
    );
    let e = problems(broken(|v| {
        v["outcomes"]["emergency"]["recheck"] = json!({"next_morning_at": "08:00"})
    }));
    assert!(e.contains("outcomes.emergency.recheck"), "{e}");
    let e = problems(broken(|v| {
        v["outcomes"]["call_today"]["recheck"] = json!({"after_hours": 0})
    }));
    assert!(
        e.contains("outcomes.call_today.recheck.after_hours: is 0"),
        "{e}"
    );
    for bad in ["8:00", "13:00", "08:75", "tomorrow"] {
        let e = problems(broken(|v| {
            v["outcomes"]["self_care"]["recheck"] = json!({"next_morning_at": bad})
        }));
        assert!(
            e.contains("outcomes.self_care.recheck.next_morning_at"),
            "{bad}: {e}"
        );
    }
    // one key, a known one
    let e = problems(broken(|v| {
        v["outcomes"]["self_care"]["recheck"] = json!({"next_week": 1})
    }));
    assert!(e.starts_with("parse:"), "{e}");
}
