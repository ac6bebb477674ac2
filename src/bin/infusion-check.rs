//! `infusion-check`: the protocol's command line, for clinicians and CI.
//!
//! - `infusion-check check [FILE]`: check a protocol file (the built-in one by
//!   default): the core with each therapy pack, and with every combination.
//! - `infusion-check eval CASES.json [--json]`: run a case file and score it
//!   (each case with the packs it names).
//! - `infusion-check table [--lang en|es] [--pack NAME] [FILE]`: the protocol
//!   (the core and one pack, or every pack) as a Markdown decision table.

use infusion_check::protocol::cases::{label, run_file, Verdict};
use infusion_check::protocol::table::decision_table;
use infusion_check::protocol::{
    check_reachability, Lang, LoadError, Protocol, ProtocolError, PROTOCOL_JSON,
};
use std::process::ExitCode;

const USAGE: &str = "usage:
  infusion-check check [PROTOCOL.json]
  infusion-check eval CASES.json [--json] [--protocol PROTOCOL.json]
  infusion-check table [--lang en|es] [--pack NAME] [PROTOCOL.json]";

/// How many generated answer sets `check` searches for rules that never fire.
const REACHABILITY_SAMPLES: usize = 40_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("infusion-check: {message}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn load(path: Option<&str>, pack: Option<&str>) -> Result<Protocol, String> {
    let json = match path {
        Some(p) => read(p)?,
        None => PROTOCOL_JSON.to_string(),
    };
    let name = path.unwrap_or("the built-in protocol");
    let loaded = match pack {
        Some(pack) => Protocol::load_packs(&json, &[pack]),
        None => Protocol::load(&json),
    };
    loaded.map_err(|e| match e {
        LoadError::Parse(m) | LoadError::Binary(m) => {
            format!("{name} is not a valid protocol file: {m}")
        }
        LoadError::Invalid(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            format!(
                "{name} has {} problem(s):\n{}",
                problems.len(),
                list.join("\n")
            )
        }
    })
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or_else(|| USAGE.to_string())?;
    match command.as_str() {
        "check" => {
            let path = single_path(rest)?;
            let name = path.unwrap_or("the built-in protocol");
            let json = match path {
                Some(p) => read(p)?,
                None => PROTOCOL_JSON.to_string(),
            };
            // The whole file (every pack, the file's own texts), then each
            // pack alone and every combination of two or more.
            let packs = match Protocol::pack_ids(&json) {
                Ok(p) => p,
                Err(LoadError::Parse(m) | LoadError::Binary(m)) => {
                    println!("{name}: not a valid protocol file: {m}");
                    return Ok(ExitCode::from(1));
                }
                Err(LoadError::Invalid(problems)) => {
                    problems.iter().for_each(|p| println!("{name}: {p}"));
                    return Ok(ExitCode::from(1));
                }
            };
            let mut selections: Vec<Option<Vec<&str>>> = vec![None];
            selections.extend(
                infusion_check::protocol::pack_sets(&packs)
                    .into_iter()
                    .filter(|(mask, _)| *mask != 0)
                    .map(|(_, pick)| Some(pick)),
            );
            // Each selection loaded and checked; a rule that never fired (or
            // a question never asked) in the generated answers of one
            // selection is a problem only if it fired (was asked) in no
            // selection that has it: a combination has more questions, so
            // a rare path is rarer in its samples, and it is the same rule.
            let mut failed = 0;
            let mut checked: Vec<(String, Protocol, Vec<ProtocolError>)> = Vec::new();
            for pick in &selections {
                let (what, loaded) = match pick {
                    None => (
                        "every pack, the file's own texts".to_string(),
                        Protocol::load(&json),
                    ),
                    Some(p) => (
                        format!("packs {}", p.join(" + ")),
                        Protocol::load_packs(&json, p),
                    ),
                };
                let protocol = match loaded {
                    Ok(p) => p,
                    Err(LoadError::Parse(m) | LoadError::Binary(m)) => {
                        println!("{name}: not a valid protocol file: {m}");
                        return Ok(ExitCode::from(1));
                    }
                    Err(LoadError::Invalid(problems)) => {
                        for p in &problems {
                            println!("{name} ({what}): {p}");
                        }
                        println!("{name} ({what}): {} problem(s)", problems.len());
                        failed += 1;
                        continue;
                    }
                };
                let problems = check_reachability(&protocol, REACHABILITY_SAMPLES);
                checked.push((what, protocol, problems));
            }
            let has = |p: &Protocol, place: &str| match place.split_once('.') {
                Some(("rules", id)) => p.rule(id).is_some(),
                Some(("questions", id)) => p.question(id).is_some(),
                _ => false,
            };
            for (what, protocol, problems) in &checked {
                let real: Vec<&ProtocolError> = problems
                    .iter()
                    .filter(|e| {
                        !checked.iter().any(|(_, other, theirs)| {
                            has(other, &e.place) && !theirs.iter().any(|t| t.place == e.place)
                        })
                    })
                    .collect();
                for p in &real {
                    println!("{name} ({what}): {p}");
                }
                let rarer = problems.len() - real.len();
                if real.is_empty() {
                    let note = if rarer > 0 {
                        format!(" ({rarer} rule(s) or question(s) reached only in another selection that has them)")
                    } else {
                        String::new()
                    };
                    println!(
                        "{name} ({what}): protocol {} {} is valid: {} questions and items, {} rules; every rule fired and every question was asked in {REACHABILITY_SAMPLES} generated answer sets{note}",
                        protocol.id,
                        protocol.version,
                        protocol.questions.len(),
                        protocol.rules.len()
                    );
                } else {
                    println!("{name} ({what}): {} problem(s)", real.len());
                    failed += 1;
                }
            }
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        "eval" => {
            let mut json_out = false;
            let mut cases_path = None;
            let mut protocol_path = None;
            let mut it = rest.iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--json" => json_out = true,
                    "--protocol" => {
                        protocol_path = Some(it.next().ok_or("--protocol needs a file")?.as_str())
                    }
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s if cases_path.is_none() => cases_path = Some(s),
                    s => return Err(format!("unexpected argument {s}\n{USAGE}")),
                }
            }
            let cases_path =
                cases_path.ok_or_else(|| format!("eval needs a case file\n{USAGE}"))?;
            let protocol_json = match protocol_path {
                Some(p) => read(p)?,
                None => PROTOCOL_JSON.to_string(),
            };
            // The whole file first, so that a broken one is named as such.
            load(protocol_path, None)?;
            let ran = run_file(&protocol_json, &read(cases_path)?)
                .map_err(|e| format!("{cases_path}: {e}"))?;
            let results: Vec<_> = ran.iter().map(|r| r.result.clone()).collect();
            let under = results
                .iter()
                .filter(|r| r.verdict == Verdict::Under)
                .count();
            if json_out {
                let list: Vec<serde_json::Value> = results
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id,
                            "packs": ran
                                .iter()
                                .find(|x| x.result.id == r.id)
                                .map(|x| x.packs.clone())
                                .unwrap_or_default(),
                            "disposition": r.outcome.disposition.code(),
                            "urgency": r.outcome.urgency.map(|u| u.code()),
                            "fired": r.outcome.fired_ids(),
                            "screens": r.asked.len(),
                            "asked": r.asked,
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                println!(
                    "{:<6} {:<24} {:<18} {:<18} {:<13} {:>7} fired",
                    "case", "packs", "expected", "got", "verdict", "screens"
                );
                for x in &ran {
                    let r = &x.result;
                    println!(
                        "{:<6} {:<24} {:<18} {:<18} {:<13} {:>7} {}",
                        r.id,
                        x.packs.join("+"),
                        r.expected,
                        label(r.outcome.disposition, r.outcome.urgency),
                        r.verdict.word(),
                        r.asked.len(),
                        r.outcome.fired_ids().join(" ")
                    );
                }
                let exact = results
                    .iter()
                    .filter(|r| r.verdict == Verdict::Exact)
                    .count();
                let over = results
                    .iter()
                    .filter(|r| r.verdict == Verdict::Over)
                    .count();
                let mut used: Vec<&str> = ran.iter().map(|x| x.protocol.as_str()).collect();
                used.sort_unstable();
                used.dedup();
                println!(
                    "{} cases (protocol {}): exact {exact}, over-triage {over}, under-triage {under}",
                    results.len(),
                    used.join(", ")
                );
                let (all, non_emergency) = screen_stats(&results);
                println!("screens per case: {all}; when not an emergency: {non_emergency}");
            }
            Ok(if under > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        "table" => {
            let mut lang = Lang::En;
            let mut path = None;
            let mut pack = None;
            let mut it = rest.iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--lang" => {
                        let v = it.next().ok_or("--lang needs en or es")?;
                        lang = match v.as_str() {
                            "en" => Lang::En,
                            "es" => Lang::Es,
                            other => {
                                return Err(format!("unknown language \"{other}\": use en or es"))
                            }
                        };
                    }
                    "--pack" => pack = Some(it.next().ok_or("--pack needs a pack's ID")?.as_str()),
                    s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
                    s if path.is_none() => path = Some(s),
                    s => return Err(format!("unexpected argument {s}\n{USAGE}")),
                }
            }
            let protocol = load(path, pack)?;
            print!("{}", decision_table(&protocol, lang));
            Ok(ExitCode::SUCCESS)
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command \"{other}\"\n{USAGE}")),
    }
}

/// "median M, max N" of the screens the cases took: all of them, and those
/// whose outcome is not an emergency (the goal of the flow's length).
fn screen_stats(results: &[infusion_check::protocol::cases::CaseResult]) -> (String, String) {
    fn stats(mut v: Vec<usize>) -> String {
        v.sort_unstable();
        let median = match v.len() {
            0 => return "no cases".into(),
            n if n % 2 == 1 => v.get(n / 2).map(|x| *x as f64).unwrap_or(0.0),
            n => (v.get(n / 2 - 1).unwrap_or(&0) + v.get(n / 2).unwrap_or(&0)) as f64 / 2.0,
        };
        let max = v.last().copied().unwrap_or(0);
        format!("median {median}, max {max} ({} cases)", v.len())
    }
    let all = results.iter().map(|r| r.asked.len()).collect();
    let non_emergency = results
        .iter()
        .filter(|r| r.outcome.disposition != infusion_check::protocol::Disposition::Emergency)
        .map(|r| r.asked.len())
        .collect();
    (stats(all), stats(non_emergency))
}

fn single_path(rest: &[String]) -> Result<Option<&str>, String> {
    match rest {
        [] => Ok(None),
        [p] if !p.starts_with('-') => Ok(Some(p.as_str())),
        _ => Err(format!("check takes at most one file\n{USAGE}")),
    }
}
