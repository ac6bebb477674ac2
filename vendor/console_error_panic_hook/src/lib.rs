//! console_error_panic_hook 0.1.7, as published (Nick Fitzgerald; MIT or
//! Apache-2.0), except for the first branch below: where a panic aborts at
//! once (the widget's size build), no hook ever runs, so it is empty and the
//! code it would need is not linked in; and `PanicInfo` is spelt by its
//! current name, `PanicHookInfo` (the old name is deprecated). See Cargo.toml.

#[macro_use]
extern crate cfg_if;

use std::panic;

cfg_if! {
    if #[cfg(panic = "immediate-abort")] {
        fn hook_impl(_info: &panic::PanicHookInfo) {}
    } else if #[cfg(target_arch = "wasm32")] {
        extern crate wasm_bindgen;
        use wasm_bindgen::prelude::*;

        #[wasm_bindgen]
        extern {
            #[wasm_bindgen(js_namespace = console)]
            fn error(msg: String);

            type Error;

            #[wasm_bindgen(constructor)]
            fn new() -> Error;

            #[wasm_bindgen(structural, method, getter)]
            fn stack(error: &Error) -> String;
        }

        fn hook_impl(info: &panic::PanicHookInfo) {
            let mut msg = info.to_string();

            // Add the error stack to our message.
            msg.push_str("\n\nStack:\n\n");
            let e = Error::new();
            let stack = e.stack();
            msg.push_str(&stack);

            // Safari's devtools, on the other hand, _do_ mess with logged
            // messages' whitespace, so we add an additional new line to the
            // end of the message.
            msg.push_str("\n\n");

            // Finally, log the panic with `console.error`!
            error(msg);
        }
    } else {
        use std::io::{self, Write};

        fn hook_impl(info: &panic::PanicHookInfo) {
            let _ = writeln!(io::stderr(), "{}", info);
        }
    }
}

/// A panic hook for use with
/// [`std::panic::set_hook`](https://doc.rust-lang.org/nightly/std/panic/fn.set_hook.html)
/// that logs panics into
/// [`console.error`](https://developer.mozilla.org/en-US/docs/Web/API/Console/error).
pub fn hook(info: &panic::PanicHookInfo) {
    hook_impl(info);
}

/// Set the `console.error` panic hook the first time this is called.
#[inline]
pub fn set_once() {
    use std::sync::Once;
    static SET_HOOK: Once = Once::new();
    SET_HOOK.call_once(|| {
        panic::set_hook(Box::new(hook));
    });
}
