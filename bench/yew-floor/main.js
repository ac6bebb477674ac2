// Starts the Yew floor (its #[wasm_bindgen(start)] renders the counter) and
// exposes the wasm linear memory size the way the widget's main.js does.
import init from "./pkg/yew_floor.js";

init().then((exports) => {
  globalThis.__benchWasmMemory = () => exports.memory.buffer.byteLength;
});
