// Starts the Yew floor (its #[wasm_bindgen(start)] renders the counter) and
// exposes the wasm linear memory size the way the widget's main.js does (the
// memory is found by its type: scripts/wasm-finish shortens the export names).
import init from "./pkg/yew_floor.js";

init().then((exports) => {
  globalThis.__benchWasmMemory = () => Object.values(exports).find((v) => v instanceof WebAssembly.Memory).buffer.byteLength;
});
