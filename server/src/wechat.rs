//! WeChat JS-SDK signatures, so that the widget opened in WeChat can call
//! `wx.scanQRCode` (WeChat's own scanner works where the camera often does
//! not). WeChat's recipe
//! (<https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html>,
//! appendix 1): an `access_token` from the app id and secret, a
//! `jsapi_ticket` from the token (valid 7200 s, rate-limited, so cached), and
//! `sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…")` over the page's URL
//! without its `#` fragment.

use serde::Deserialize;
use sha1::{Digest, Sha1};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// WeChat's API, unless configured otherwise (tests use a local stub).
pub const DEFAULT_API_BASE: &str = "https://api.weixin.qq.com";

/// A cached ticket is replaced this long before WeChat says it expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(300);

/// Upstream calls give up after this long: a volunteer is waiting.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum WeChatError {
    /// WeChat answered with an error code (bad secret, IP not whitelisted…).
    #[error("WeChat {step} failed: errcode {errcode}: {errmsg}")]
    Api {
        step: &'static str,
        errcode: i64,
        errmsg: String,
    },
    /// WeChat could not be reached, or answered something we cannot read.
    #[error("WeChat {step} failed: {source}")]
    Http {
        step: &'static str,
        #[source]
        source: reqwest::Error,
    },
}

/// What `wx.config` needs (besides `jsApiList`, which the widget chooses).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsConfig {
    pub app_id: String,
    pub timestamp: u64,
    pub nonce_str: String,
    pub signature: String,
}

struct Ticket {
    ticket: String,
    refresh_at: Instant,
}

/// The configured official account, and its cached `jsapi_ticket`.
pub struct WeChat {
    app_id: String,
    app_secret: String,
    api_base: String,
    client: reqwest::Client,
    /// Held while fetching: concurrent requests wait for one fetch.
    ticket: Mutex<Option<Ticket>>,
}

/// WeChat's answer to both `cgi-bin/token` and `cgi-bin/ticket/getticket`.
#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
    access_token: Option<String>,
    ticket: Option<String>,
    expires_in: Option<u64>,
}

impl WeChat {
    pub fn new(app_id: String, app_secret: String, api_base: &str) -> anyhow::Result<WeChat> {
        let client = reqwest::Client::builder()
            .timeout(UPSTREAM_TIMEOUT)
            .build()?;
        Ok(WeChat {
            app_id,
            app_secret,
            api_base: api_base.trim_end_matches('/').to_string(),
            client,
            ticket: Mutex::new(None),
        })
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// A fresh signature for `url` (fragment stripped here).
    pub async fn js_config(&self, url: &str) -> Result<JsConfig, WeChatError> {
        let ticket = self.jsapi_ticket().await?;
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let nonce_str = nonce();
        let signature = signature(&ticket, &nonce_str, timestamp, url);
        Ok(JsConfig {
            app_id: self.app_id.clone(),
            timestamp,
            nonce_str,
            signature,
        })
    }

    /// The cached ticket, or a new one (token, then ticket) when it is about
    /// to expire. One fetch at a time: the others wait and reuse it.
    pub async fn jsapi_ticket(&self) -> Result<String, WeChatError> {
        let mut cached = self.ticket.lock().await;
        if let Some(t) = cached.as_ref() {
            if Instant::now() < t.refresh_at {
                return Ok(t.ticket.clone());
            }
        }
        let token = self
            .get(
                "access_token",
                "/cgi-bin/token",
                &[
                    ("grant_type", "client_credential"),
                    ("appid", &self.app_id),
                    ("secret", &self.app_secret),
                ],
            )
            .await?
            .access_token
            .unwrap_or_default();
        let answer = self
            .get(
                "jsapi_ticket",
                "/cgi-bin/ticket/getticket",
                &[("access_token", &token), ("type", "jsapi")],
            )
            .await?;
        let ticket = answer.ticket.unwrap_or_default();
        let lifetime = Duration::from_secs(answer.expires_in.unwrap_or(7200));
        *cached = Some(Ticket {
            ticket: ticket.clone(),
            refresh_at: Instant::now() + lifetime.saturating_sub(EXPIRY_MARGIN),
        });
        tracing::info!("fetched a new WeChat jsapi_ticket");
        Ok(ticket)
    }

    async fn get(
        &self,
        step: &'static str,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Answer, WeChatError> {
        let http = |source| WeChatError::Http { step, source };
        let answer: Answer = self
            .client
            .get(format!("{}{path}", self.api_base))
            .query(query)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(http)?
            .json()
            .await
            .map_err(http)?;
        let missing = match step {
            "access_token" => answer.access_token.as_deref().unwrap_or("").is_empty(),
            _ => answer.ticket.as_deref().unwrap_or("").is_empty(),
        };
        if answer.errcode != 0 || missing {
            return Err(WeChatError::Api {
                step,
                errcode: answer.errcode,
                errmsg: if answer.errmsg.is_empty() {
                    "no value in the answer".into()
                } else {
                    answer.errmsg
                },
            });
        }
        Ok(answer)
    }
}

/// WeChat's signature of `url` (its `#` fragment removed, as WeChat does).
pub fn signature(ticket: &str, nonce_str: &str, timestamp: u64, url: &str) -> String {
    let url = url.split('#').next().unwrap_or_default();
    let plain =
        format!("jsapi_ticket={ticket}&noncestr={nonce_str}&timestamp={timestamp}&url={url}");
    Sha1::digest(plain.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 16 random letters and digits (WeChat's examples use 16).
fn nonce() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).expect("OS random numbers");
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WeChat's published example (JS-SDK documentation, appendix 1).
    #[test]
    fn signature_matches_wechats_example() {
        let ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
        let sig = signature(
            ticket,
            "Wm3WZYTPz0wzccnW",
            1414587457,
            "http://mp.weixin.qq.com?params=value",
        );
        assert_eq!(sig, "0f9de62fce790f9a083d5c99e95740ceb90c27ed");
        // The fragment is not part of what WeChat signs.
        assert_eq!(
            signature(
                ticket,
                "Wm3WZYTPz0wzccnW",
                1414587457,
                "http://mp.weixin.qq.com?params=value#/c/abc"
            ),
            sig
        );
    }

    #[test]
    fn nonces_are_16_alphanumerics_and_differ() {
        let (a, b) = (nonce(), nonce());
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
