//! `GET /api/wechat/jsconfig?url=…`: the `wx.config` values for a page of
//! ours, so the widget in WeChat can use WeChat's scanner (see
//! [`crate::wechat`]).

use super::ApiContext;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use baodao_core::sync::ApiError;
use reqwest::Url;
use serde::Deserialize;

pub fn router() -> Router<ApiContext> {
    Router::new().route("/wechat/jsconfig", get(js_config))
}

#[derive(Deserialize)]
struct Params {
    url: Option<String>,
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = ApiError {
        error: code.to_string(),
        message: message.to_string(),
    };
    (status, Json(body)).into_response()
}

async fn js_config(State(ctx): State<ApiContext>, Query(params): Query<Params>) -> Response {
    let Some(wechat) = ctx.wechat.as_ref() else {
        return error(
            StatusCode::NOT_FOUND,
            "wechat_not_configured",
            "this server has no WeChat official account configured",
        );
    };
    let url = params.url.unwrap_or_default();
    if !is_own_page(&ctx.public_url, &url) {
        return error(
            StatusCode::BAD_REQUEST,
            "wechat_url_not_ours",
            "only pages of this server's public URL are signed",
        );
    }
    match wechat.js_config(&url).await {
        Ok(config) => {
            // A signature is for one page load; never cache it.
            let mut res = Json(config).into_response();
            res.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            res
        }
        Err(e) => {
            tracing::error!(error = %e, "WeChat JS-SDK signature");
            error(
                StatusCode::BAD_GATEWAY,
                "wechat_unavailable",
                &e.to_string(),
            )
        }
    }
}

/// Whether `url` is an http(s) page on the origin of `public_url`.
fn is_own_page(public_url: &str, url: &str) -> bool {
    let (Ok(ours), Ok(theirs)) = (Url::parse(public_url), Url::parse(url)) else {
        return false;
    };
    matches!(theirs.scheme(), "http" | "https")
        && theirs.username().is_empty()
        && theirs.password().is_none()
        && theirs.origin() == ours.origin()
}

#[cfg(test)]
mod tests {
    use super::is_own_page;

    #[test]
    fn only_our_origin_is_signed() {
        let ours = "https://checkin.example.cn";
        assert!(is_own_page(ours, "https://checkin.example.cn/c#abc"));
        assert!(is_own_page(ours, "https://checkin.example.cn:443/scan?x=1"));
        assert!(!is_own_page(ours, "http://checkin.example.cn/c"));
        assert!(!is_own_page(ours, "https://checkin.example.cn.evil.cn/c"));
        assert!(!is_own_page(
            ours,
            "https://evil.cn/?https://checkin.example.cn/"
        ));
        assert!(!is_own_page(ours, "https://user@checkin.example.cn/c"));
        assert!(!is_own_page(ours, "javascript:alert(1)"));
        assert!(!is_own_page(ours, ""));
    }
}
