#![cfg(not(target_arch = "wasm32"))]
//! The `infusion-check` command: real runs of the built binary.

mod common;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_infusion-check"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run infusion-check: {e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn tmp(name: &str, content: &str) -> String {
    let dir = std::env::temp_dir().join(format!("infusion-check-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

fn cases_path() -> String {
    common::cases_dir()
        .join("magnesium.json")
        .to_string_lossy()
        .into_owned()
}

/// Bad input: one clear line on stderr, a non-zero exit, never a panic.
fn assert_clean_failure(out: &Output, needle: &str) {
    let err = text(&out.stderr);
    assert!(!out.status.success(), "succeeded: {err}");
    assert!(err.contains(needle), "stderr lacks {needle:?}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn check_passes_on_the_built_in_protocol() {
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("is valid"));
}

#[test]
fn check_lists_each_problem_with_its_place_and_exits_1() {
    let json = infusion_check::protocol::MAGNESIUM_JSON.replacen(
        "\"rf_chest\": [\"yes\"]",
        "\"rf_chset\": [\"yes\"]",
        1,
    );
    let out = run(&["check", &tmp("bad-protocol.json", &json)]);
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    assert!(
        s.contains("rules.E01.when") && s.contains("unknown question \"rf_chset\""),
        "{s}"
    );
}

#[test]
fn check_refuses_a_packs_wording_of_an_unknown_option() {
    // iron's brown-mark label (PROTOCOL-NOTES FE-D4) aimed at a misspelt option
    let json = infusion_check::protocol::PROTOCOL_JSON.replacen(
        "{\"question\": \"symptoms\", \"option\": \"g_site\"",
        "{\"question\": \"symptoms\", \"option\": \"g_sight\"",
        1,
    );
    assert_ne!(json, infusion_check::protocol::PROTOCOL_JSON);
    let out = run(&["check", &tmp("bad-wording.json", &json)]);
    assert_eq!(out.status.code(), Some(1));
    let s = text(&out.stdout);
    assert!(
        s.contains("(packs iron): packs.iron.wording.symptoms.g_sight: the question \"symptoms\" has no option \"g_sight\""),
        "{s}"
    );
}

#[test]
fn eval_prints_each_case_and_totals_with_no_under_triage() {
    let out = run(&["eval", &cases_path()]);
    let s = text(&out.stdout);
    assert!(out.status.success(), "{s}");
    assert!(s.contains("V01") && s.contains("V69"));
    assert!(s.contains("under-triage 0"), "{s}");
    assert!(s.contains("screens per case: median"), "{s}");
}

#[test]
fn eval_json_prints_only_a_json_array() {
    let out = run(&["eval", &cases_path(), "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let list = v.as_array().unwrap_or_else(|| panic!("not an array"));
    assert!(list.len() >= 37);
    for item in list {
        let keys: Vec<&str> = item
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            [
                "asked",
                "disposition",
                "fired",
                "id",
                "packs",
                "screens",
                "urgency"
            ]
        );
        assert!(item["screens"].as_u64().is_some_and(|n| n >= 1));
    }
    let v49 = list
        .iter()
        .find(|i| i["id"] == "V49")
        .unwrap_or_else(|| panic!("no V49"));
    assert_eq!(v49["disposition"], "emergency");
    assert!(v49["urgency"].is_null());
}

#[test]
fn eval_exits_1_on_under_triage() {
    let json = std::fs::read_to_string(cases_path()).unwrap_or_default();
    // Make V01 expect an emergency: the engine's self-care is then under-triage.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    v["cases"][0]["expect"] = serde_json::json!({"disposition": "emergency"});
    let out = run(&["eval", &tmp("under.json", &v.to_string())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("UNDER-TRIAGE"));
}

#[test]
fn bad_inputs_get_one_clear_line() {
    assert_clean_failure(
        &run(&["eval", "/nonexistent/cases.json"]),
        "cannot read /nonexistent/cases.json",
    );
    assert_clean_failure(
        &run(&["eval", &tmp("malformed.json", "{ \"format\": ")]),
        "could not be read",
    );
    let base = std::fs::read_to_string(cases_path()).unwrap_or_default();
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap_or_default();
    v["cases"][0]["answers"]["mod_kidnee"] = serde_json::json!("no");
    assert_clean_failure(
        &run(&["eval", &tmp("unknown-id.json", &v.to_string())]),
        "case V01: unknown question \"mod_kidnee\"",
    );
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap_or_default();
    v["cases"][0]["answers"]["mod_kidney"] = serde_json::json!("maybe");
    assert_clean_failure(
        &run(&["eval", &tmp("bad-code.json", &v.to_string())]),
        "\"maybe\" is not an answer to \"mod_kidney\"",
    );
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap_or_default();
    v["protocol"] = serde_json::json!("zinc");
    assert_clean_failure(
        &run(&["eval", &tmp("other.json", &v.to_string())]),
        "for the \"zinc\" protocol",
    );
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap_or_default();
    v["cases"][0]["packs"] = serde_json::json!(["zinc"]);
    assert_clean_failure(
        &run(&["eval", &tmp("unknown-pack.json", &v.to_string())]),
        "there is no pack \"zinc\"",
    );
    assert_clean_failure(
        &run(&["table", "--pack", "zinc"]),
        "there is no pack \"zinc\"",
    );
    assert_clean_failure(&run(&["table", "--lang", "fr"]), "unknown language \"fr\"");
    assert_clean_failure(&run(&["frobnicate"]), "unknown command");
    assert_clean_failure(&run(&[]), "usage");
    assert_clean_failure(&run(&["check", "/nonexistent/p.json"]), "cannot read");
}

#[test]
fn table_renders_every_rule_in_both_languages() {
    let p = common::magnesium();
    for lang in ["en", "es"] {
        let out = run(&["table", "--lang", lang]);
        assert!(out.status.success());
        let s = text(&out.stdout);
        for r in &p.rules {
            assert!(
                s.contains(&format!("| **{}** |", r.id)),
                "{lang}: rule {} missing",
                r.id
            );
        }
        for q in &p.questions {
            assert!(
                s.contains(&format!("`{}`", q.id)),
                "{lang}: question {} missing",
                q.id
            );
        }
    }
    let es = text(&run(&["table", "--lang", "es"]).stdout);
    assert!(es.contains("EMERGENCIA") && es.contains("¿Tiene usted ALGUNO"));
}

#[test]
fn table_takes_a_pack_and_eval_runs_each_case_with_its_packs() {
    let out = run(&["table", "--pack", "iron"]);
    assert!(out.status.success());
    let s = text(&out.stdout);
    assert!(
        s.contains("FE-E01") && s.contains("`fe_stain`") && !s.contains("**E04**"),
        "{s}"
    );
    let cases =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clinical/packs/iron-cases.json");
    let out = run(&["eval", &cases.to_string_lossy()]);
    let s = text(&out.stdout);
    assert!(out.status.success(), "{s}");
    assert!(
        s.contains("magnesium+iron") && s.contains("under-triage 0"),
        "{s}"
    );
}
