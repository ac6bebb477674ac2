//! The questions, options and rules the widget's shell names by ID (the
//! result, the summary, the reminder, the kept history, the clinic's `ended`
//! time): declared once in the protocol data (`roles` in
//! `src/protocols/infusion-check.json`), made into these constants by
//! `build.rs`, and checked on every load of every selection of packs
//! (`protocol::check::check_roles`: each is in the core, of the kind read
//! here). Nothing else outside the engine names a clinical ID.

include!(concat!(env!("OUT_DIR"), "/roles.rs"));
