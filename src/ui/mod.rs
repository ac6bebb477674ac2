//! The browser shell: Yew components over the engine. The UI shows what
//! `next_step` asks and what `triage` decides; it adds no clinical logic.

//!
//! - `app`: the check (one reducer, the screens, the effects);
//! - `screens`, `result`, `readback`: the question screens and the result;
//! - `saved`: the checks kept on this phone, on the result (opt-in);
//! - `state`: the reducer and the hand-over from the page's first screen;
//! - `storage`: this tab's session storage;
//! - `fallback`: the emergency bar, and whom to call when the check cannot run;
//! - `bridge`: typed calls into the browser that give promises, and the
//!   fail-safe test's hooks;
//! - `mount`: putting the widget on a page, with its configuration;
//! - `clock`: the clinic's own time (its opening hours), from the browser's `Intl`.

mod app;
mod bridge;
mod clock;
mod fallback;
#[cfg(target_arch = "wasm32")]
mod mount;
mod readback;
mod result;
mod saved;
mod screens;
mod state;
mod storage;
mod therapy;

pub use crate::loader::{
    add_pack, add_pack_bytes, add_reasons, protocol_for, read_pack, reasons_loaded, request_pack,
    request_reasons, set_pack_loader, words_for,
};
pub use app::{App, AppProps};
#[cfg(feature = "test-hooks")]
pub use bridge::{simulate_panic, simulate_panic_in_render};
pub use fallback::{fallback, fallback_node};
#[cfg(target_arch = "wasm32")]
pub use mount::{mount, mount_from_fragment, mount_with, Widget};
pub use state::{Action, Handover, Wizard};

use crate::loader::loaded_first;
use bridge::*;
use fallback::*;
use storage::*;

use crate::config::{Config, ConfigIssue};
use crate::i18n::{strings, Strings};
use crate::protocol::{progress, Answers, Lang, Protocol, Step};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;
