//! Registers the service worker (`/sw.js`, which keeps the app shell for
//! offline starts) and shows "new version available — reload" when a newer
//! worker is installed and waiting. Reloading asks the waiting worker to
//! take over (`SKIP_WAITING`) and reloads once it controls the page, so the
//! page never runs one version's JavaScript with another's WebAssembly.
//!
//! The worker's Background Sync event (and any `baodao-sync` message) is
//! passed to `on_sync`: the volunteer app starts a sync there; the console
//! (no outbox) passes nothing, so it does not link the sync engine.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// onwaiting(): a new version is installed and waiting; onsync(): the worker
// asks the page to sync. Never throws: no service worker, no prompt.
export function sw_register(onwaiting, onsync) {
  try {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    const sw = navigator.serviceWorker;
    sw.addEventListener('message', (ev) => {
      if (ev.data && ev.data.type === 'baodao-sync') onsync();
    });
    let reloading = false;
    sw.addEventListener('controllerchange', () => {
      // Only after the user asked for the new version (first install takes
      // control silently: same version, nothing to reload).
      if (window.__baodaoUpdating && !reloading) { reloading = true; location.reload(); }
    });
    // Installing downloads the shell again: leave the phone's connection to
    // the first screen (and its event data) for a moment after load.
    const idle = (f) => setTimeout(() => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 3000 }) : f()), 2000);
    const later = (f) => (document.readyState === 'complete' ? idle(f) : addEventListener('load', () => idle(f), { once: true }));
    later(() => sw.register('/sw.js', { scope: '/' }).then((reg) => {
      const watch = (w) => {
        if (!w) return;
        w.addEventListener('statechange', () => {
          if (w.state === 'installed' && sw.controller) onwaiting();
        });
      };
      if (reg.waiting && sw.controller) onwaiting();
      watch(reg.installing);
      reg.addEventListener('updatefound', () => watch(reg.installing));
      // Check for a new deploy when the page comes back into view.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    }).catch(() => {}));
  } catch (e) {}
}
export function sw_activate_waiting() {
  try {
    navigator.serviceWorker.getRegistration('/').then((reg) => {
      if (reg && reg.waiting) {
        window.__baodaoUpdating = true;
        reg.waiting.postMessage({ type: 'SKIP_WAITING' });
      } else {
        location.reload();
      }
    });
  } catch (e) { location.reload(); }
}
"#)]
extern "C" {
    fn sw_register(onwaiting: &js_sys::Function, onsync: &js_sys::Function);
    fn sw_activate_waiting();
}

/// The "new version available — reload" bar; registers the service worker.
#[component]
pub fn UpdatePrompt(
    /// Called when the service worker asks the page to sync.
    #[prop(optional)]
    on_sync: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(false);
    let onwaiting = Closure::<dyn Fn()>::new(move || waiting.set(true));
    let onsync = Closure::<dyn Fn()>::new(move || {
        if let Some(f) = on_sync {
            f.run(());
        }
    });
    sw_register(
        onwaiting.as_ref().unchecked_ref(),
        onsync.as_ref().unchecked_ref(),
    );
    // Listeners live as long as the page.
    onwaiting.forget();
    onsync.forget();
    view! {
        <Show when=move || waiting.get()>
            <div class="update-prompt" role="status" aria-live="polite">
                <span>{i18n.t("update-available")}</span>
                <button type="button" class="link-button" on:click=move |_| sw_activate_waiting()>
                    {i18n.t("update-reload")}
                </button>
            </div>
        </Show>
    }
}
