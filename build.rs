//! Checks the protocol data at build time and compiles it to a compact binary
//! (postcard) for the browser. A protocol that fails the check fails the build,
//! with each problem named: it can never be a surprise at run time.

#![allow(dead_code, unused_imports)]

#[path = "src/protocol/mod.rs"]
mod protocol;

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src/protocols");
    println!("cargo:rerun-if-changed=src/protocol");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let p = match protocol::Protocol::magnesium() {
        Ok(p) => p,
        Err(e) => {
            if let protocol::LoadError::Invalid(problems) = &e {
                for problem in problems {
                    println!("cargo:warning=src/protocols/magnesium.json: {problem}");
                }
            }
            eprintln!("the protocol does not pass its checks: {e}");
            std::process::exit(1);
        }
    };
    let bytes = match p.to_bytes() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(out.join("magnesium.protocol"), bytes) {
        eprintln!("cannot write the compiled protocol: {e}");
        std::process::exit(1);
    }
}
