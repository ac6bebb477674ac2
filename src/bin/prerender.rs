//! The widget's first screen as HTML, rendered at build time by the widget's
//! own components (Yew's server-side rendering, natively), so that a page can
//! show it before the wasm arrives (`scripts/build` puts it into the
//! standalone page). The wasm takes over from it when it mounts: what the
//! patient ticked or tapped there is carried into the check
//! (`src/ui/mount.rs`, `read_handover`).
//!
//! Usage: `prerender LANG [KEY=VALUE ...]` (the configuration, as the
//! `<infusion-check>` element's attributes): prints the HTML of the widget's
//! root to standard output. Refuses a configuration with any issue (the page
//! would show its setup notice, which only the wasm shows).
//!
//! `prerender --start-file LANG [KEY=VALUE ...]` prints instead the name of
//! the language file the widget starts with on that page (`core-en.bin`), for
//! the page's `<link rel="preload">`: it then downloads beside the wasm, not
//! after the page's script has run.

use infusion_check::config::{Config, LangChoice};
use infusion_check::protocol::{Answers, Lang};
use infusion_check::ui::{add_pack_bytes, App, AppProps};
use std::process::ExitCode;
use std::rc::Rc;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let start_file = args.first().is_some_and(|a| a == "--start-file");
    if start_file {
        args.remove(0);
    }
    let Some(lang) = args.first().and_then(|l| Lang::parse(l)) else {
        eprintln!("usage: prerender [--start-file] LANG [KEY=VALUE ...] (LANG: en or es)");
        return ExitCode::FAILURE;
    };
    let pairs: Vec<(&str, &str)> = args[1..]
        .iter()
        .map(|a| a.split_once('=').unwrap_or((a.as_str(), "")))
        .collect();
    // (no drip end time is read: "now" is the build's, not the patient's)
    let (config, issues) = Config::parse(pairs.iter().copied(), 0.0);
    // The language files of the selection the page starts with (as the
    // widget does when it mounts), as build.rs wrote them.
    let sel = infusion_check::files::start(&config.therapy);
    if start_file {
        println!("{sel}-{}.bin", lang.code());
        return ExitCode::SUCCESS;
    }
    infusion_check::loader::select(sel);
    for l in Lang::ALL {
        let file = format!("{}/{sel}-{}.bin", env!("OUT_DIR"), l.code());
        let read = std::fs::read(&file);
        if !read.is_ok_and(|bytes| add_pack_bytes(l, &bytes)) {
            eprintln!("prerender: the language file {file} was refused");
            return ExitCode::FAILURE;
        }
    }
    if !issues.is_empty() {
        for i in &issues {
            eprintln!("prerender: {i}");
        }
        return ExitCode::FAILURE;
    }
    if let LangChoice::Fixed(l) = config.lang {
        if l != lang {
            eprintln!("prerender: the page asks for {}", l.code());
            return ExitCode::FAILURE;
        }
    }
    let props = AppProps {
        config: Rc::new(config),
        issues: Rc::new(Vec::new()),
        lang,
        lang_setting_changed: false,
        preset: Answers::new(),
        handover: None,
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    let html = runtime.block_on(async {
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render()
            .await
    });
    println!("{html}");
    ExitCode::SUCCESS
}
