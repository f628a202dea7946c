//! The volunteer app's location: the path and the fragment as signals, and
//! same-origin links followed without a page load.
//!
//! The volunteer app has four screens told apart by the path alone (`/`,
//! `/c`, `/code`, `/scan`); the venue code travels in the fragment. A general
//! router (leptos_router: nested routes, params, forms, transitions) cost
//! too much of the first-screen download; this is what the app uses of it.
//! The console (`crate::console`) keeps leptos_router for its params.
//!
//! Links are followed like leptos_router does: left click without modifier
//! keys on an `<a>` of this origin, not `rel="external"`, `target` or
//! `download`. Other modules open a path with `history.pushState` + a
//! `popstate` event (the scanner, WeChat), or with [`use_navigate`].

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const report = (f) => () => f(location.pathname, location.hash);
export function follow(f) {
  addEventListener('popstate', report(f));
  addEventListener('hashchange', report(f));
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element && e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download') || a.relList.contains('external')) return;
    const url = new URL(a.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    go(url.pathname + url.search + url.hash, f);
  });
}
export function go(path, f) {
  if (path !== location.pathname + location.search + location.hash) history.pushState(null, '', path);
  scrollTo(0, 0);
  f ? report(f)() : dispatchEvent(new PopStateEvent('popstate'));
}
"#)]
extern "C" {
    /// Calls `f(path, hash)` whenever the location changes (links, back and
    /// forward, `popstate` from other modules).
    fn follow(f: &js_sys::Function);
    /// Opens `path` (pushState), then reports it.
    fn go(path: &str, f: JsValue);
}

/// Where the app is: `location.pathname` and `location.hash` (with its `#`).
#[derive(Clone, Copy)]
pub struct Location {
    pub path: ReadSignal<String>,
    pub hash: ReadSignal<String>,
}

impl Location {
    /// Starts following the page's location and provides it to the app.
    pub fn provide() -> Location {
        let loc = window().location();
        let (path, set_path) = signal(loc.pathname().unwrap_or_default());
        let (hash, set_hash) = signal(loc.hash().unwrap_or_default());
        let f = Closure::<dyn Fn(String, String)>::new(move |p: String, h: String| {
            // Only real changes: the page of a path stays when its fragment changes.
            if path.get_untracked() != p {
                set_path.set(p);
            }
            if hash.get_untracked() != h {
                set_hash.set(h);
            }
        });
        follow(f.as_ref().unchecked_ref());
        // Listens as long as the page.
        f.forget();
        let location = Location { path, hash };
        provide_context(location);
        location
    }
}

/// The app's location (inside [`Location::provide`]).
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Options of a navigation; none yet (kept for leptos_router's call shape).
#[derive(Clone, Copy, Default)]
pub struct NavigateOptions;

/// Opens a path of the app, as following a link would.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Clone {
    |path, _| go(path, JsValue::UNDEFINED)
}
