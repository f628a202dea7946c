//! `POST /api/sync`: the phone's outbox delivers a batch of check-ins.
//!
//! Who sends it decides only how records are labelled and limited, never
//! whether a volunteer's record is kept: a phone without a token
//! (first sync, or a database reset) gets a new device token in the answer;
//! a lead's session sends assisted check-ins, for its own venues only.

use super::auth::SyncCaller;
use super::extract::ApiJson;
use super::rate_limit::ClientAddress;
use super::{ApiContext, Error};
use crate::access::{self, Caller};
use crate::ingest::{self, Submitter};
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use baodao_core::checkin::DEVICE_TIME_MS;
use baodao_core::sync::{ItemOutcome, ItemResult, SyncBatch, SyncResponse, MAX_BATCH_ITEMS};
use serde::Serialize;

/// Reason for a lead's record at a venue outside their invite.
pub const VENUE_NOT_PERMITTED: &str = "venue_not_permitted";

pub fn router() -> Router<ApiContext> {
    Router::new().route("/sync", post(sync))
}

/// [`SyncResponse`] and, for a phone that sent no (known) token, its new one.
#[derive(Serialize)]
struct SyncAnswer {
    #[serde(flatten)]
    response: SyncResponse,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_token: Option<String>,
}

async fn sync(
    State(ctx): State<ApiContext>,
    ClientAddress(addr): ClientAddress,
    SyncCaller(caller): SyncCaller,
    ApiJson(batch): ApiJson<SyncBatch>,
) -> Result<Json<SyncAnswer>, Error> {
    let limits = ctx.limiter.limits;
    match &caller {
        None => ctx
            .limiter
            .check(&format!("sync {addr}"), limits.sync_per_ip)?,
        Some(Caller::Device { id }) => ctx
            .limiter
            .check(&format!("sync device {id}"), limits.sync_per_token)?,
        Some(Caller::Lead { session_hash, .. } | Caller::Organiser { session_hash, .. }) => {
            ctx.limiter.check(
                &format!("sync session {session_hash}"),
                limits.sync_per_token,
            )?
        }
    }
    // The batch's clock sets every record's corrected time: one no phone
    // could show would pin its records to either end of every list.
    if !DEVICE_TIME_MS.contains(&batch.device_time_ms) {
        return Err(Error::Unprocessable {
            code: "time_out_of_range",
            message: "the phone's clock is not a possible date".into(),
        });
    }
    if batch.items.len() > MAX_BATCH_ITEMS {
        return Err(Error::Unprocessable {
            code: "batch_too_large",
            message: format!("at most {MAX_BATCH_ITEMS} items per batch"),
        });
    }
    // Nothing to store needs no device: a device row (and its token) is only
    // made for a batch that brings records, and dropped again below when
    // none of them was stored.
    if caller.is_none() && batch.items.is_empty() {
        return Ok(Json(SyncAnswer {
            response: SyncResponse {
                server_time_ms: crate::db::now_ms(),
                results: Vec::new(),
            },
            device_token: None,
        }));
    }
    let (submitter, mut device_token) = match &caller {
        None => {
            let (id, token) = access::new_device(&ctx.pool).await?;
            (
                Submitter {
                    device: Some(id),
                    origin: "device",
                },
                Some(token),
            )
        }
        Some(Caller::Device { id }) => (
            Submitter {
                device: Some(*id),
                origin: "device",
            },
            None,
        ),
        Some(Caller::Lead { .. } | Caller::Organiser { .. }) => (
            Submitter {
                device: None,
                origin: "assisted",
            },
            None,
        ),
    };
    let response = match &caller {
        Some(lead @ Caller::Lead { .. }) => {
            // Records at other venues are refused item by item; the rest go
            // through ingest like any phone's.
            let permitted = SyncBatch {
                device_time_ms: batch.device_time_ms,
                items: batch
                    .items
                    .iter()
                    .filter(|i| lead.leads(i.venue))
                    .cloned()
                    .collect(),
            };
            let applied = ingest::apply_as(&ctx.pool, &permitted, submitter).await?;
            let mut results = applied.results.into_iter();
            let mut ordered = Vec::with_capacity(batch.items.len());
            for item in &batch.items {
                if !lead.leads(item.venue) {
                    ordered.push(ItemResult {
                        id: item.id,
                        outcome: ItemOutcome::Rejected(VENUE_NOT_PERMITTED.to_string()),
                    });
                } else if let Some(r) = results.next() {
                    ordered.push(r);
                }
            }
            SyncResponse {
                server_time_ms: applied.server_time_ms,
                results: ordered,
            }
        }
        _ => ingest::apply_as(&ctx.pool, &batch, submitter).await?,
    };
    if let (Some(device), Some(_)) = (submitter.device, &device_token) {
        let stored_any = response
            .results
            .iter()
            .any(|r| matches!(r.outcome, ItemOutcome::Accepted | ItemOutcome::Flagged(_)));
        if !stored_any {
            access::forget_device(&ctx.pool, device).await?;
            device_token = None;
        }
    }
    Ok(Json(SyncAnswer {
        response,
        device_token,
    }))
}
