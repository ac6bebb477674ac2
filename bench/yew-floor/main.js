// Starts the Yew floor (its #[wasm_bindgen(start)] renders the counter). The
// bench records its wasm memory itself, as it does the widget's (bench.js).
import init from "./pkg/yew_floor.js";

init();
