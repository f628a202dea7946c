//! Per-replica request limits (login and ingest): a fixed one-minute window
//! per key. In memory on purpose: a limit per replica is good enough against
//! guessing and floods, and nothing here is needed by another replica.

use super::{ApiContext, Error};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

/// Beyond this many keys, windows that have ended are dropped.
const PRUNE_AT: usize = 100_000;

/// How many requests per minute each kind of caller may make.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Redeeming setup links and invites, per client address.
    pub redeem_per_ip: u32,
    /// Sync batches per device or lead token.
    pub sync_per_token: u32,
    /// Sync batches without a token, per client address. High: a venue's
    /// phones may share one address (Wi-Fi, carrier NAT).
    pub sync_per_ip: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            redeem_per_ip: 10,
            sync_per_token: 120,
            sync_per_ip: 10_000,
        }
    }
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    pub limits: Limits,
    windows: Mutex<HashMap<String, (u64, u32)>>,
}

impl RateLimiter {
    pub fn new(limits: Limits) -> Self {
        RateLimiter {
            limits,
            windows: Mutex::default(),
        }
    }

    /// Counts one request for `key`; `RateLimited` past `per_minute`.
    pub fn check(&self, key: &str, per_minute: u32) -> Result<(), Error> {
        let now_s = crate::db::now_ms().max(0) as u64 / 1000;
        let window = now_s / 60;
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry(key.to_string()).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= per_minute {
            return Err(Error::RateLimited {
                retry_after_s: 60 - now_s % 60,
            });
        }
        entry.1 += 1;
        Ok(())
    }
}

/// The client's address: the socket peer, or with `--trust-forwarded-for`
/// (behind nginx/Caddy) the last `X-Forwarded-For` hop, which the proxy set.
pub struct ClientAddress(pub String);

impl FromRequestParts<ApiContext> for ClientAddress {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        if ctx.trust_forwarded_for {
            let hops: Vec<&str> = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .collect();
            if let Some(hop) = hops.last() {
                return Ok(ClientAddress(hop.to_string()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "unknown".to_string());
        Ok(ClientAddress(peer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_limited_per_minute_and_others_are_not() {
        let l = RateLimiter::default();
        for _ in 0..3 {
            l.check("a", 3).unwrap();
        }
        assert!(matches!(l.check("a", 3), Err(Error::RateLimited { .. })));
        l.check("b", 3).unwrap();
    }
}
