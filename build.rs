//! Checks the protocol data at build time and compiles it to a compact binary
//! (see `src/protocol/wire.rs`) for the browser. A protocol that fails the check fails the build,
//! with each problem named: it can never be a surprise at run time.

#![allow(dead_code, unused_imports)]

#[path = "src/i18n.rs"]
mod i18n;
#[path = "src/protocol/mod.rs"]
mod protocol;

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src/protocols");
    println!("cargo:rerun-if-changed=src/protocol");
    println!("cargo:rerun-if-changed=src/i18n.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let p = match protocol::Protocol::magnesium() {
        Ok(p) => p,
        Err(e) => fail(e),
    };
    // Both languages (native: the CLI and the tests).
    write(&out.join("magnesium.protocol"), p.to_bytes());
    // For the browser: one file per selection of packs and language (the
    // widget loads the one it shows): the protocol with those packs in that
    // language and the widget's own words in it; its reasons in a second
    // file. A selection is named by its packs (those they bring included),
    // joined by "_" (`magnesium_vitamin-c-en.bin`); "core" is the shared core
    // alone (the first screen while the patient has not yet said what was in
    // the drip: it is the same red-flag screen for every pack).
    let json = include_str!("src/protocols/infusion-check.json");
    let ids = match protocol::Protocol::pack_ids(json) {
        Ok(ids) => ids,
        Err(e) => fail(e),
    };
    let mut table = String::new();
    let mut selections = String::new();
    let mut built: Vec<String> = Vec::new();
    for (mask, named) in protocol::pack_sets(&ids) {
        let q = match protocol::Protocol::load_packs(json, &named) {
            Ok(q) => q,
            Err(e) => fail(e),
        };
        let stem = if named.is_empty() {
            "core".to_string()
        } else {
            q.id.replace('+', "_")
        };
        selections.push_str(&format!("    ({mask}, {stem:?}),\n"));
        // (a set that names fewer packs comes first: `vitamin-drip` alone,
        // with its own texts, before `magnesium` + `vitamin-drip`)
        if built.contains(&stem) {
            continue;
        }
        built.push(stem.clone());
        for lang in protocol::Lang::ALL {
            let words: Vec<&str> = i18n::strings(lang)
                .fields()
                .into_iter()
                .map(|(_, w)| w)
                .collect();
            // The rules' reasons in a file of their own (see
            // `Protocol::take_reasons`): the first screen does not wait for them.
            let (file, reasons) = match q.for_language(lang) {
                Ok(mut q) => {
                    let reasons = q.take_reasons(lang);
                    match q.to_language_file(&words) {
                        Ok(file) => (file, reasons),
                        Err(e) => fail(e),
                    }
                }
                Err(e) => fail(e),
            };
            table.push_str(&format!(
                "    ({stem:?}, {:?}, {:?}, {:?}),\n",
                lang.code(),
                protocol::fingerprint(&file),
                protocol::fingerprint(&reasons)
            ));
            write(&out.join(format!("{stem}-{}.bin", lang.code())), Ok(file));
            write(
                &out.join(format!("{stem}-reasons-{}.bin", lang.code())),
                Ok(reasons),
            );
        }
    }
    let rust = format!(
        "/// The packs, in the data file's order (bit i of a set is `PACKS[i]`).\n\
         pub const PACKS: &[&str] = &{ids:?};\n\
         /// For each set of packs named (a bitset over `PACKS`), its selection's file name.\n\
         pub const SELECTIONS: &[(u32, &str)] = &[\n{selections}];\n\
         /// Each language file built: (selection, language, fingerprint of the file, of its reasons).\n\
         pub const FILES: &[(&str, &str, &str, &str)] = &[\n{table}];\n"
    );
    if let Err(e) = std::fs::write(out.join("files.rs"), rust) {
        eprintln!("cannot write files.rs: {e}");
        std::process::exit(1);
    }
    // The IDs the shell names, as the data declares them (`roles`): the
    // shell's constants (`src/roles.rs`). Every selection loaded above has
    // checked them.
    let roles = match protocol::Protocol::roles(json) {
        Ok(r) => r,
        Err(e) => fail(e),
    };
    let bands: Vec<String> = roles
        .time_since_end
        .bands
        .iter()
        .filter_map(|b| b.under_hours.map(|h| format!("({h:?}, {:?})", b.code)))
        .collect();
    let last_band = roles
        .time_since_end
        .bands
        .last()
        .map(|b| b.code.clone())
        .unwrap_or_default();
    let r = &roles;
    let rust = format!(
        "/// `roles.at_clinic_rule`\npub const AT_CLINIC_RULE: &str = {:?};\n\
         /// `roles.unsure_rule`\npub const UNSURE_RULE: &str = {:?};\n\
         /// `roles.respondent.question`\npub const RESPONDENT: &str = {:?};\n\
         /// `roles.respondent.self`\npub const RESPONDENT_SELF: &str = {:?};\n\
         /// `roles.respondent.helper`\npub const RESPONDENT_HELPER: &str = {:?};\n\
         /// `roles.time_since_end.question`\npub const TIME_SINCE_END: &str = {:?};\n\
         /// `roles.time_since_end.bands`: (under this many hours, the option), in order\n\
         pub const TIME_BANDS: &[(f64, &str)] = &[{}];\n\
         /// `roles.time_since_end.bands`' last: any time after\npub const TIME_BAND_LAST: &str = {:?};\n\
         /// `roles.repeat_use`\npub const REPEAT_USE: &str = {:?};\n\
         /// `roles.symptom_none`\npub const SYMPTOM_NONE: &str = {:?};\n\
         /// `roles.symptom_other`\npub const SYMPTOM_OTHER: &str = {:?};\n",
        r.at_clinic_rule,
        r.unsure_rule,
        r.respondent.question,
        r.respondent.me,
        r.respondent.helper,
        r.time_since_end.question,
        bands.join(", "),
        last_band,
        r.repeat_use,
        r.symptom_none,
        r.symptom_other,
    );
    if let Err(e) = std::fs::write(out.join("roles.rs"), rust) {
        eprintln!("cannot write roles.rs: {e}");
        std::process::exit(1);
    }
    // The key of the answers kept in session storage, known before any pack loads.
    println!("cargo:rustc-env=INFUSION_CHECK_PROTOCOL_KEY={}", p.key());
}

fn fail(e: protocol::LoadError) -> ! {
    if let protocol::LoadError::Invalid(problems) = &e {
        for problem in problems {
            println!("cargo:warning=src/protocols/infusion-check.json: {problem}");
        }
    }
    eprintln!("the protocol does not pass its checks: {e}");
    std::process::exit(1);
}

fn write(path: &std::path::Path, bytes: Result<Vec<u8>, protocol::LoadError>) {
    let written = bytes
        .map_err(|e| e.to_string())
        .and_then(|b| std::fs::write(path, b).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("cannot write the compiled protocol {}: {e}", path.display());
        std::process::exit(1);
    }
}
