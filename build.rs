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
        Err(e) => {
            if let protocol::LoadError::Invalid(problems) = &e {
                for problem in problems {
                    println!("cargo:warning=src/protocols/infusion-check.json: {problem}");
                }
            }
            eprintln!("the protocol does not pass its checks: {e}");
            std::process::exit(1);
        }
    };
    // Both languages (native: the CLI and the tests), and one file per
    // language for the browser (the widget loads the one it shows): the
    // protocol in that language and the widget's own words in it.
    write(&out.join("magnesium.protocol"), p.to_bytes());
    for lang in protocol::Lang::ALL {
        let words: Vec<&str> = i18n::strings(lang)
            .fields()
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        // The rules' reasons in a file of their own (see
        // `Protocol::take_reasons`): the first screen does not wait for them.
        let (pack, reasons) = match p.for_language(lang) {
            Ok(mut q) => {
                let reasons = q.take_reasons(lang);
                (q.to_language_file(&words), Ok(reasons))
            }
            Err(e) => (
                Err(e),
                Err(protocol::LoadError::Binary("no language file".into())),
            ),
        };
        for (what, bytes) in [("PACK", &pack), ("REASONS", &reasons)] {
            if let Ok(bytes) = bytes {
                println!(
                    "cargo:rustc-env=INFUSION_CHECK_{what}_{}={}",
                    lang.code().to_uppercase(),
                    protocol::fingerprint(bytes)
                );
            }
        }
        write(&out.join(format!("magnesium-{}.bin", lang.code())), pack);
        write(
            &out.join(format!("magnesium-reasons-{}.bin", lang.code())),
            reasons,
        );
    }
    // The key of the answers kept in session storage, known before any pack loads.
    println!("cargo:rustc-env=INFUSION_CHECK_PROTOCOL_KEY={}", p.key());
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
