//! A short time after an action during which taps are taken as the same tap
//! repeated: elderly volunteers often double-tap, and the second tap must not
//! land on whatever took the first button's place (checking back in, or the
//! edit link). Controls read [`TapGuard::held`] for `disabled`, and handlers
//! check [`TapGuard::take`], since a click can arrive before the re-render.

use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

/// Longer than a slow double tap, short enough not to be noticed.
const GUARD: Duration = Duration::from_millis(1000);

/// Whether a guard time is running, and how many are, so that overlapping
/// ones do not end each other early. The count is a leaked word per screen
/// rather than a counter signal: that would be another copy of the signal
/// code in the first-screen download, for a value nothing renders.
#[derive(Clone, Copy)]
pub struct TapGuard(RwSignal<bool>, &'static AtomicUsize);

impl TapGuard {
    pub fn new() -> Self {
        Self(
            RwSignal::new(false),
            Box::leak(Box::new(AtomicUsize::new(0))),
        )
    }

    /// Starts a guard time.
    pub fn hold(self) {
        self.1.fetch_add(1, Relaxed);
        self.0.set(true);
        set_timeout(
            move || {
                if self.1.fetch_sub(1, Relaxed) == 1 {
                    // The screen may be gone by then.
                    self.0.try_set(false);
                }
            },
            GUARD,
        );
    }

    /// Whether a guard time is running (tracked: for `disabled`).
    pub fn held(self) -> bool {
        self.0.get()
    }

    /// A tap that may act: none is running. Starts one.
    pub fn take(self) -> bool {
        let free = self.1.load(Relaxed) == 0;
        if free {
            self.hold();
        }
        free
    }

    /// A click handler that runs `action` for a tap that may act ([`Self::take`]).
    pub fn on_tap(self, action: impl Fn() + 'static) -> impl Fn(web_sys::MouseEvent) + 'static {
        move |_| {
            if self.take() {
                action();
            }
        }
    }
}

impl Default for TapGuard {
    fn default() -> Self {
        Self::new()
    }
}
