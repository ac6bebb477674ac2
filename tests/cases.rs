#![cfg(not(target_arch = "wasm32"))]
//! Every patient case in shared/cases through the engine on the real protocol:
//! no under-triage ever; an exact match except the over-triages the protocol
//! makes on purpose, each listed here with its reason.

mod common;

use infusion_check::protocol::cases::{parse_cases, run_case, Verdict};

/// Over-triage the protocol intends: case ID and why.
const INTENDED_OVER_TRIAGE: &[(&str, &str)] = &[
    (
        "V19",
        "panic-like fast breathing that has gone: gn_what=other_symptom (a breathing problem) gives call-now (X02). Breathing symptoms after an IV drug cannot be safely self-labelled (C18's basis); the case notes call this over-triage by design.",
    ),
    (
        "V21",
        "weakness that has gone: gn_what names weakness as other_symptom, which gives call-now (X02); weakness is an early sign of a high magnesium level (C08's basis); over-triage by design per the case notes.",
    ),
    (
        "V41",
        "a recovered faint in a patient with a heart condition is emergency by E05 (label contraindication, heart-block risk), stricter than NHS general fainting advice on purpose.",
    ),
];

#[test]
fn every_case_file_runs_with_no_under_triage_and_only_intended_over_triage() {
    let protocol = common::magnesium();
    let dir = common::cases_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    let mut total = 0;
    let mut over_seen = Vec::new();
    for file in files {
        let json =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cases =
            parse_cases(&protocol, &json).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (case, answers) in &cases {
            total += 1;
            let r = run_case(&protocol, case, answers);
            let got = format!(
                "{:?}/{:?} fired {:?}",
                r.outcome.disposition,
                r.outcome.urgency,
                r.outcome.fired_ids()
            );
            match r.verdict {
                Verdict::Under => panic!(
                    "{}: UNDER-TRIAGE: expected {}, got {got}",
                    case.id, r.expected
                ),
                Verdict::Over => {
                    assert!(
                        INTENDED_OVER_TRIAGE.iter().any(|(id, _)| *id == case.id),
                        "{}: over-triage not listed as intended: expected {}, got {got}",
                        case.id,
                        r.expected
                    );
                    over_seen.push(case.id.clone());
                }
                Verdict::Exact => {}
            }
        }
    }
    // The list must not go stale: each listed case is still over-triaged.
    for (id, why) in INTENDED_OVER_TRIAGE {
        assert!(
            over_seen.iter().any(|s| s == id),
            "{id} is listed as intended over-triage ({why}) but is no longer over-triaged"
        );
    }
    assert!(total >= 37, "expected at least 37 cases, ran {total}");
}

#[test]
fn the_magnesium_cases_give_the_expected_fired_rules_for_key_paths() {
    let protocol = common::magnesium();
    let json =
        std::fs::read_to_string(common::cases_dir().join("magnesium.json")).unwrap_or_default();
    let cases = parse_cases(&protocol, &json).unwrap_or_else(|e| panic!("{e}"));
    let fired = |id: &str| -> Vec<String> {
        let (c, a) = cases
            .iter()
            .find(|(c, _)| c.id == id)
            .unwrap_or_else(|| panic!("no case {id}"));
        run_case(&protocol, c, a)
            .outcome
            .fired_ids()
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert!(fired("V01").contains(&"SC07".to_string()));
    assert!(fired("V23").contains(&"C01".to_string()));
    assert!(fired("V37").contains(&"M01".to_string()));
    assert!(fired("V39").contains(&"M02b".to_string()));
    assert!(fired("V47b").contains(&"E03".to_string()));
    assert!(fired("V47b").contains(&"A2".to_string()));
    assert!(fired("V41").contains(&"E05".to_string()));
}
