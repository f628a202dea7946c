//! `/api/auth` and the bearer-token extractors: who is calling
//! ([`Caller`]), checked against the database on every request.

use super::extract::ApiJson;
use super::rate_limit::ClientAddress;
use super::{ApiContext, Error};
use crate::access::{self, Authentication, Caller};
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use baodao_core::event::VenueInfo;
use baodao_core::session::{OrganiserInfo, Role, Session};
use baodao_core::{EventId, VenueId};
use serde::{Deserialize, Serialize};

pub fn router() -> Router<ApiContext> {
    Router::new()
        .route("/auth/redeem", post(redeem))
        .route("/auth/me", get(me))
        .route("/auth/token-link", post(token_link))
        .route("/auth/logout", post(logout))
        .route("/organiser/links", post(organiser_link))
}

/// The token of `Authorization: Bearer …`, if any.
fn bearer(parts: &Parts) -> Option<&str> {
    bearer_token(&parts.headers)
}

pub(super) fn bearer_token(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(axum::http::header::AUTHORIZATION)?;
    let value = value.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn refused(a: Authentication) -> Error {
    match a {
        Authentication::Expired => {
            Error::Unauthenticated("this session has expired: open a new link from the organiser")
        }
        Authentication::Revoked => Error::Unauthenticated(
            "this session was ended or its invite revoked: ask the organiser for a new link",
        ),
        _ => Error::Unauthenticated("unknown token: open your organiser or lead link again"),
    }
}

/// A route that needs a caller: 401 without a valid token.
impl FromRequestParts<ApiContext> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let token = bearer(parts).ok_or(Error::Unauthenticated(
            "sign in: this needs an organiser or venue lead link",
        ))?;
        match access::authenticate(&ctx.pool, token).await? {
            Authentication::Valid(c) => Ok(c),
            other => Err(refused(other)),
        }
    }
}

/// `POST /api/sync`'s caller: none, a device, or a lead/organiser session.
/// A device token we do not know (say, after the database was reset) counts
/// as none, so the phone is given a new one and its records are never
/// refused; an expired or revoked session is an error, so a lead notices.
pub struct SyncCaller(pub Option<Caller>);

impl FromRequestParts<ApiContext> for SyncCaller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, ctx: &ApiContext) -> Result<Self, Error> {
        let Some(token) = bearer(parts) else {
            return Ok(SyncCaller(None));
        };
        match access::authenticate(&ctx.pool, token).await? {
            Authentication::Valid(c) => Ok(SyncCaller(Some(c))),
            Authentication::Unknown => Ok(SyncCaller(None)),
            other => Err(refused(other)),
        }
    }
}

impl Caller {
    /// Only an organiser may go on.
    pub fn require_organiser(&self) -> Result<(), Error> {
        if self.is_organiser() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }

    /// The venue of a *lead* route, if this caller leads it. A lead is
    /// refused before the lookup, so a lead cannot even learn whether another
    /// venue id exists.
    pub async fn lead_venue(
        &self,
        ctx: &ApiContext,
        raw: &str,
    ) -> Result<(EventId, VenueInfo), Error> {
        let id: VenueId = super::extract::parse_id(raw, Error::UnknownVenue).map_err(|e| {
            if self.is_organiser() {
                e
            } else {
                Error::Forbidden
            }
        })?;
        if !self.leads(id) {
            return Err(Error::Forbidden);
        }
        super::venues::find(ctx, raw).await
    }
}

#[derive(Deserialize)]
struct RedeemRequest {
    link: String,
    #[serde(default)]
    name: String,
}

async fn describe(ctx: &ApiContext, caller: &Caller) -> Result<Session, Error> {
    Ok(match caller {
        Caller::Organiser { id, expires_ms, .. } => {
            let name: String = sqlx::query_scalar("SELECT name FROM organisers WHERE id = $1")
                .bind(id)
                .fetch_one(&ctx.pool)
                .await?;
            Session {
                token: None,
                role: Role::Organiser,
                expires_ms: Some(*expires_ms),
                event: None,
                venues: Vec::new(),
                organiser: Some(OrganiserInfo { id: *id, name }),
            }
        }
        Caller::Lead {
            event,
            venues,
            expires_ms,
            ..
        } => {
            let mut infos = Vec::with_capacity(venues.len());
            for v in venues {
                infos.push(super::venues::find(ctx, &v.to_string()).await?.1);
            }
            Session {
                token: None,
                role: Role::Lead,
                expires_ms: Some(*expires_ms),
                event: Some(*event),
                venues: infos,
                organiser: None,
            }
        }
        Caller::Device { .. } => Session {
            token: None,
            role: Role::Device,
            expires_ms: None,
            event: None,
            venues: Vec::new(),
            organiser: None,
        },
    })
}

/// `POST /api/auth/redeem`: a setup link or lead invite for a session.
async fn redeem(
    State(ctx): State<ApiContext>,
    ClientAddress(addr): ClientAddress,
    ApiJson(req): ApiJson<RedeemRequest>,
) -> Result<(StatusCode, Json<Session>), Error> {
    ctx.limiter
        .check(&format!("redeem {addr}"), ctx.limiter.limits.redeem_per_ip)?;
    let session = access::redeem(&ctx.pool, req.link.trim(), &req.name).await?;
    let Authentication::Valid(caller) = access::authenticate(&ctx.pool, &session.token).await?
    else {
        return Err(anyhow::anyhow!("a new session does not authenticate").into());
    };
    let mut info = describe(&ctx, &caller).await?;
    info.token = Some(session.token);
    Ok((StatusCode::CREATED, Json(info)))
}

#[derive(Deserialize)]
struct TokenLinkRequest {
    token: String,
}

/// `POST /api/auth/token-link`: what a `#token=` link (the demo's ready
/// sessions) signs in as, before the browser keeps it. Refused unless the
/// server runs with `--seed-demo`, so that a link cannot plant someone
/// else's session in a real deployment.
async fn token_link(
    State(ctx): State<ApiContext>,
    ClientAddress(addr): ClientAddress,
    ApiJson(req): ApiJson<TokenLinkRequest>,
) -> Result<Json<Session>, Error> {
    if !ctx.token_links {
        return Err(Error::TokenLinksOff);
    }
    ctx.limiter
        .check(&format!("redeem {addr}"), ctx.limiter.limits.redeem_per_ip)?;
    let token = req.token.trim();
    let caller = match access::authenticate(&ctx.pool, token).await? {
        Authentication::Valid(caller @ (Caller::Organiser { .. } | Caller::Lead { .. })) => caller,
        _ => return Err(Error::LinkInvalid),
    };
    let mut info = describe(&ctx, &caller).await?;
    info.token = Some(token.to_string());
    Ok(Json(info))
}

async fn me(State(ctx): State<ApiContext>, caller: Caller) -> Result<Json<Session>, Error> {
    Ok(Json(describe(&ctx, &caller).await?))
}

async fn logout(State(ctx): State<ApiContext>, caller: Caller) -> Result<StatusCode, Error> {
    match &caller {
        Caller::Organiser { session_hash, .. } | Caller::Lead { session_hash, .. } => {
            access::end_session(&ctx.pool, session_hash).await?;
            Ok(StatusCode::NO_CONTENT)
        }
        Caller::Device { .. } => Err(Error::Forbidden),
    }
}

#[derive(Serialize)]
struct LinkAnswer {
    url: String,
    expires_ms: i64,
}

/// `POST /api/organiser/links`: a one-time setup link for another organiser.
async fn organiser_link(
    State(ctx): State<ApiContext>,
    caller: Caller,
) -> Result<(StatusCode, Json<LinkAnswer>), Error> {
    caller.require_organiser()?;
    let (token, expires_ms) = access::create_setup_link(&ctx.pool).await?;
    Ok((
        StatusCode::CREATED,
        Json(LinkAnswer {
            url: setup_url(&ctx.public_url, &token),
            expires_ms,
        }),
    ))
}

/// Where an organiser setup link opens.
pub fn setup_url(base: &str, token: &str) -> String {
    format!("{base}/organiser#setup={token}")
}
