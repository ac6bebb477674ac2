//! The framework floor of scripts/bench: one Yew function component (a
//! counter and its button), rendered into <body> when the module starts.
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[component]
fn Counter() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Yew floor" }</h1>
            <p>{ format!("Tapped {} times", *count) }</p>
            <button type="button" data-action="tap" {onclick}>{ "Tap" }</button>
        </main>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<Counter>::new().render();
}
