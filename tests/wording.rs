#![cfg(not(target_arch = "wasm32"))]
//! A pack's wording of core options (PROTOCOL-NOTES FE-D4, VC-D14, VD-D8):
//! each pack's `wording` in the data file (a new label for `g_site`, sentences
//! added to the `gn_what` "expected effect" list), merged into every
//! selection that has the pack. Read back from the very language files
//! `build.rs` compiled for the browser, against the data file's own texts.

use infusion_check::config::Config;
use infusion_check::files::{PACKS, SELECTIONS};
use infusion_check::protocol::{
    triage, Answers, Lang, LoadError, Protocol, Question, PROTOCOL_JSON,
};
use infusion_check::summary::{answer_words, summary_text};
use serde_json::Value;
use std::collections::BTreeSet;

fn data() -> Value {
    serde_json::from_str(PROTOCOL_JSON).unwrap_or_else(|e| panic!("{e}"))
}

/// The data file's option `option` of question `question`, as written (the core's).
fn core_option(d: &Value, question: &str, option: &str) -> Value {
    d["questions"]
        .as_array()
        .and_then(|qs| qs.iter().find(|q| q["id"] == question))
        .and_then(|q| q["options"].as_array())
        .and_then(|os| os.iter().find(|o| o["id"] == option))
        .cloned()
        .unwrap_or_else(|| panic!("no option {question}.{option} in the data file"))
}

/// The `wording` entries of a pack for an option, as written.
fn pack_wording(d: &Value, pack: &str, question: &str, option: &str) -> Vec<Value> {
    d["packs"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == pack))
        .and_then(|p| p["wording"].as_array())
        .map(|ws| {
            ws.iter()
                .filter(|w| w["question"] == question && w["option"] == option)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Every language file the build compiled: (its selection's packs, in the
/// file's order, those they bring included; the language; the protocol).
fn compiled() -> Vec<(Vec<&'static str>, Lang, Protocol)> {
    let stems: BTreeSet<&str> = SELECTIONS.iter().map(|(_, stem)| *stem).collect();
    let mut out = Vec::new();
    for stem in stems {
        let packs: Vec<&str> = if stem == "core" {
            Vec::new()
        } else {
            stem.split('_').collect()
        };
        assert!(packs.iter().all(|p| PACKS.contains(p)), "{stem}");
        for lang in Lang::ALL {
            let path = format!("{}/{stem}-{}.bin", env!("OUT_DIR"), lang.code());
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let (p, _) = Protocol::from_language_file(&bytes).unwrap_or_else(|e| panic!("{e}"));
            out.push((packs.clone(), lang, p));
        }
    }
    assert!(out.len() >= 2 * 9, "{} files", out.len());
    out
}

fn text(v: &Value, lang: Lang) -> &str {
    v[lang.code()].as_str().unwrap_or_default()
}

fn option_texts(
    p: &Protocol,
    lang: Lang,
    question: &str,
    option: &str,
) -> (String, Option<String>) {
    let o = p
        .question(question)
        .and_then(|q| q.option(option))
        .unwrap_or_else(|| panic!("{}: no {question}.{option}", p.id));
    // (a language file holds its own language only)
    (
        o.label.get(lang).to_string(),
        o.hint.as_ref().map(|h| h.get(lang).to_string()),
    )
}

/// The sentences of a hint, as a reader meets them.
fn sentences(s: &str) -> Vec<String> {
    s.split_inclusive(['.', '?', '!'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

#[test]
fn every_compiled_selection_has_the_wording_of_its_packs_and_only_theirs() {
    let d = data();
    let site = core_option(&d, "symptoms", "g_site");
    let expected = core_option(&d, "gn_what", "expected_effect");
    let iron_site = pack_wording(&d, "iron", "symptoms", "g_site");
    assert_eq!(iron_site.len(), 1);
    for (packs, lang, p) in compiled() {
        // g_site: iron's label with iron, the core's without
        let (label, _) = option_texts(&p, lang, "symptoms", "g_site");
        let want = if packs.contains(&"iron") {
            text(&iron_site[0]["label"], lang)
        } else {
            text(&site["label"], lang)
        };
        assert_eq!(label, want, "{} {lang:?}", p.id);
        let brown = match lang {
            Lang::En => "brown mark",
            Lang::Es => "mancha café",
        };
        assert_eq!(label.contains(brown), packs.contains(&"iron"), "{label}");

        // gn_what's list: the core's sentences, then each selected pack's
        // (in the file's order), once each
        let (_, hint) = option_texts(&p, lang, "gn_what", "expected_effect");
        let hint = hint.unwrap_or_default();
        let mut want = text(&expected["hint"], lang).to_string();
        for pack in &packs {
            for w in pack_wording(&d, pack, "gn_what", "expected_effect") {
                want.push(' ');
                want.push_str(text(&w["hint_add"], lang));
            }
        }
        assert_eq!(hint, want, "{} {lang:?}", p.id);
        let all = sentences(&hint);
        let distinct: BTreeSet<&String> = all.iter().collect();
        assert_eq!(all.len(), distinct.len(), "a sentence twice: {hint}");
        assert!(!hint.contains("  ") && !hint.contains(".."), "{hint}");
        assert!(
            all.iter()
                .all(|s| s.chars().next().is_some_and(char::is_uppercase) || s.starts_with('¿')),
            "{hint}"
        );
    }
}

#[test]
fn iron_has_its_wording_and_the_core_and_magnesium_have_theirs_unchanged() {
    let d = data();
    let files = compiled();
    let find = |packs: &[&str], lang: Lang| {
        files
            .iter()
            .find(|(p, l, _)| p.as_slice() == packs && *l == lang)
            .map(|(_, _, p)| p)
            .unwrap_or_else(|| panic!("no file for {packs:?} {lang:?}"))
    };
    let (label, hint) = option_texts(find(&["iron"], Lang::En), Lang::En, "symptoms", "g_site");
    assert_eq!(
        label,
        "A problem where the IV needle was (pain, redness, swelling, bruise, brown mark, lump, numbness, bleeding)"
    );
    assert_eq!(hint, None);
    let (label, _) = option_texts(find(&["iron"], Lang::Es), Lang::Es, "symptoms", "g_site");
    assert!(label.contains("moretón, mancha café, bulto"), "{label}");
    let (_, hint) = option_texts(
        find(&["iron"], Lang::En),
        Lang::En,
        "gn_what",
        "expected_effect",
    );
    let hint = hint.unwrap_or_default();
    assert!(hint.starts_with("Warmth or flushing"), "{hint}");
    assert!(hint.ends_with("Nearly fainting at the needle while staff watched. A metal taste. A short reaction during the drip (a hot face, a tight chest or back) that a nurse saw, and that went away before leaving the clinic."), "{hint}");
    let (_, hint) = option_texts(
        find(&["iron"], Lang::Es),
        Lang::Es,
        "gn_what",
        "expected_effect",
    );
    assert!(hint.unwrap_or_default().contains("Sabor a metal."));

    // The core alone and magnesium: every option of every question worded
    // exactly as the data file writes it (no pack's wording).
    for packs in [&[][..], &["magnesium"][..]] {
        for lang in Lang::ALL {
            let p = find(packs, lang);
            let mut compared = 0;
            for q in &p.questions {
                let raw = d["questions"]
                    .as_array()
                    .and_then(|qs| qs.iter().find(|x| x["id"] == q.id.as_str()))
                    .map(|x| match &x["options"] {
                        Value::String(set) => d["option_sets"][set.as_str()].clone(),
                        other => other.clone(),
                    });
                let Some(Value::Array(options)) = raw else {
                    continue;
                };
                for o in &q.options {
                    let Some(r) = options.iter().find(|r| r["id"] == o.id.as_str()) else {
                        continue;
                    };
                    assert_eq!(
                        o.label.get(lang),
                        text(&r["label"], lang),
                        "{}.{}",
                        q.id,
                        o.id
                    );
                    let hint = o.hint.as_ref().map(|h| h.get(lang));
                    let raw_hint = r.get("hint").map(|h| text(h, lang));
                    assert_eq!(hint, raw_hint, "{}.{}", q.id, o.id);
                    compared += 1;
                }
            }
            assert!(compared > 100, "{packs:?}: {compared} options compared");
        }
    }
}

/// An iron patient with a brown mark at the IV spot (case FE10's story).
fn brown_mark(p: &Protocol) -> Answers {
    let mut a = Answers::new();
    for (q, code) in [
        ("ctx_respondent", "me"),
        ("ctx_time_since_end", "1_to_4_days"),
        ("ctx_at_clinic", "no"),
        ("ctx_repeat_use", "no"),
        ("fe_product", "fcm"),
        ("fe_clinic_reaction", "none"),
        ("iv_pain", "none"),
        ("iv_red", "no"),
        ("iv_swell", "no"),
        ("iv_bruise", "no"),
        ("iv_numb", "no"),
        ("iv_bleed", "no"),
        ("iv_course", "same"),
    ] {
        a.set_one(q, code);
    }
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
        "fe_allergy_risk",
    ] {
        a.set_one(m, "no");
    }
    a.set_checklist(p, "red_flags", &Default::default());
    a.set(
        "symptoms",
        infusion_check::protocol::Answer::Many(vec!["g_site".into()]),
    );
    let stain: litemap::LiteMap<String, String> = [("fe_stain".to_string(), "yes".to_string())]
        .into_iter()
        .collect();
    a.set_checklist(p, "iv_signs", &stain);
    a
}

fn symptoms(p: &Protocol) -> &Question {
    p.question("symptoms")
        .unwrap_or_else(|| panic!("no symptoms"))
}

#[test]
fn the_summary_and_the_nurse_page_show_the_selections_own_label() {
    let (cfg, _) = Config::parse([("clinic-phone", "555 0100")], 0.0);
    for (packs, lang, p) in compiled() {
        if packs != ["iron"] && packs != ["magnesium"] {
            continue;
        }
        let a = brown_mark(&p);
        let o = triage(&p, &a);
        let (label, _) = option_texts(&p, lang, "symptoms", "g_site");
        // the summary the patient copies, shares or prints
        let text = summary_text(&p, &a, &o, &cfg, lang);
        assert!(text.contains(&label), "{}: {text}", p.id);
        assert_eq!(
            text.contains("brown mark") || text.contains("mancha café"),
            packs == ["iron"],
            "{text}"
        );
        // the nurse page: the code read back with the same selection's file,
        // its answers in words
        let code = infusion_check::readback::encode(&p, &a).unwrap_or_else(|e| panic!("{e:?}"));
        let back = infusion_check::readback::decode(&p, &code).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.outcome.level, o.level);
        let words = answer_words(&p, symptoms(&p), &back.answers, lang);
        assert_eq!(words, label, "{}", p.id);
    }
}

fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut d = data();
    edit(&mut d);
    serde_json::to_string(&d).unwrap_or_else(|e| panic!("{e}"))
}

fn wording_mut<'a>(d: &'a mut Value, pack: &str) -> &'a mut Vec<Value> {
    d["packs"]
        .as_array_mut()
        .and_then(|ps| ps.iter_mut().find(|p| p["id"] == pack))
        .and_then(|p| {
            if p.get("wording").is_none() {
                p["wording"] = Value::Array(Vec::new());
            }
            p["wording"].as_array_mut()
        })
        .unwrap_or_else(|| panic!("no pack {pack}"))
}

#[test]
fn packs_adding_the_same_sentence_say_it_once() {
    // vitamin C also says iron's "A metal taste." and one of the core's own
    let json = edited(|d| {
        let w = wording_mut(d, "vitamin-c");
        w[0]["hint_add"]["en"] = "A metal taste. A mild headache. Thirst.".into();
        w[0]["hint_add"]["es"] = "Sabor a metal. Un dolor de cabeza leve. Sed.".into();
    });
    for (packs, en_once, es_once) in [
        (
            &["iron", "vitamin-c"][..],
            "A metal taste.",
            "Sabor a metal.",
        ),
        (&["vitamin-c"][..], "A metal taste.", "Sabor a metal."),
        (
            &["iron", "vitamin-c"][..],
            "A mild headache.",
            "Un dolor de cabeza leve.",
        ),
        (&["iron", "vitamin-c"][..], "Thirst.", "Sed."),
    ] {
        let p = Protocol::load_packs(&json, packs).unwrap_or_else(|e| panic!("{e}"));
        let hint = p
            .question("gn_what")
            .and_then(|q| q.option("expected_effect"))
            .and_then(|o| o.hint.clone())
            .unwrap_or_default();
        let count = |s: &str, x: &str| sentences(s).iter().filter(|y| *y == x).count();
        assert_eq!(count(&hint.en, en_once), 1, "{packs:?}: {}", hint.en);
        assert_eq!(count(&hint.es, es_once), 1, "{packs:?}: {}", hint.es);
    }
    let p = Protocol::load_packs(&json, &["iron", "vitamin-c"]).unwrap_or_else(|e| panic!("{e}"));
    let hint = p
        .question("gn_what")
        .and_then(|q| q.option("expected_effect"))
        .and_then(|o| o.hint.clone())
        .unwrap_or_default();
    assert!(
        hint.en.ends_with("staff watched. A metal taste. A short reaction during the drip (a hot face, a tight chest or back) that a nurse saw, and that went away before leaving the clinic. Thirst."),
        "{}",
        hint.en
    );
}

fn problems(json: &str) -> String {
    match Protocol::load_packs(json, &["iron"]) {
        Err(LoadError::Invalid(list)) => list
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("loaded: {:?}", other.map(|p| p.id)),
    }
}

#[test]
fn a_packs_wording_of_an_unknown_or_pack_option_is_an_error_naming_it() {
    let set = |field: &'static str, to: &'static str| {
        move |d: &mut Value| wording_mut(d, "iron")[0][field] = to.into()
    };
    let e = problems(&edited(set("option", "g_sight")));
    assert!(
        e.contains("packs.iron.wording.symptoms.g_sight: the question \"symptoms\" has no option \"g_sight\""),
        "{e}"
    );
    let e = problems(&edited(set("question", "symptom")));
    assert!(
        e.contains("packs.iron.wording.symptom.g_site: there is no question \"symptom\""),
        "{e}"
    );
    let e = problems(&edited(set("option", "g_fe_aches")));
    assert!(e.contains("is the pack \"iron\"'s"), "{e}");
    let e = problems(&edited(|d| {
        wording_mut(d, "iron")[1]["hint_add"]["es"] = "sabor a metal".into();
    }));
    assert!(
        e.contains(
            "packs.iron.wording.gn_what.expected_effect: its hint_add (es) must be whole sentences"
        ),
        "{e}"
    );
    let e = problems(&edited(|d| {
        wording_mut(d, "iron")[1]["hint_add"]["es"] = "".into();
    }));
    assert!(e.contains("its hint_add has no es text"), "{e}");
    let e = problems(&edited(|d| {
        let label = wording_mut(d, "iron")[0].clone();
        wording_mut(d, "vitamin-drip").push(label);
    }));
    assert!(
        e.contains(
            "packs.vitamin-drip.wording.symptoms.g_site: the pack \"iron\" replaces this label too"
        ),
        "{e}"
    );
    let e = problems(&edited(|d| {
        wording_mut(d, "iron")[0]["sources"] = Value::Array(Vec::new());
    }));
    assert!(e.contains("names no source"), "{e}");
}
