//! What an attacker probing from outside must not get: answers that are not
//! the documented JSON error, device rows for nothing, records pinned to the
//! end of every list by an impossible clock, and a live stream that outlives
//! the session it was opened with.

mod common;

use baodao_core::sync::SyncBatch;
use baodao_core::VenueId;
use baodao_server::ingest;
use common::{batch, checkin, error_of, now_ms, TestDb};
use futures_util::StreamExt;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

async fn device_rows(s: &common::TestServer) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM devices")
        .fetch_one(&s.pool)
        .await
        .unwrap()
}

async fn every_refusal_is_the_documented_json_error(db: TestDb) {
    let s = db.start().await;
    for (path, status) in [
        (
            "/api/events/1/dashboard?bucket_minutes=abc",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/events/1/feed?after=garbage", StatusCode::BAD_REQUEST),
        ("/api/venues/%FF/checkins", StatusCode::BAD_REQUEST),
    ] {
        let res = s.get_as(&s.organiser, path).await;
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()["content-type"], "application/json", "{path}");
        let (_, code) = error_of(res).await;
        assert_eq!(code, "malformed_request", "{path}");
    }
    // A method a route does not take.
    let res = s
        .request(Method::DELETE, "/api/sync", None)
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(res).await,
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed".into())
    );
}

async fn a_batch_that_stores_nothing_makes_no_device(db: TestDb) {
    let s = db.start().await;
    let answer: serde_json::Value = s.sync(&batch(vec![])).await.json().await.unwrap();
    assert!(answer.get("device_token").is_none(), "{answer}");
    let mut forged = checkin(&s, VenueId(1), "伪造").await;
    forged.code = "v1.garbage".into();
    let answer: serde_json::Value = s.sync(&batch(vec![forged])).await.json().await.unwrap();
    assert_eq!(answer["results"][0]["status"], "rejected", "{answer}");
    assert!(answer.get("device_token").is_none(), "{answer}");
    assert_eq!(device_rows(&s).await, 0, "no device for nothing stored");

    let genuine = checkin(&s, VenueId(1), "真实").await;
    let answer: serde_json::Value = s.sync(&batch(vec![genuine])).await.json().await.unwrap();
    assert!(answer["device_token"].is_string(), "{answer}");
    assert_eq!(device_rows(&s).await, 1);
}

async fn an_impossible_batch_clock_is_refused_and_never_pins_a_record(db: TestDb) {
    let s = db.start().await;
    let item = checkin(&s, VenueId(1), "时钟").await;
    let res = s
        .sync(&SyncBatch {
            device_time_ms: i64::MIN,
            items: vec![item.clone()],
        })
        .await;
    assert_eq!(
        error_of(res).await,
        (StatusCode::UNPROCESSABLE_ENTITY, "time_out_of_range".into())
    );
    assert_eq!(s.count_rows().await, 0);
    // Ingest itself (as the benchmarks call it) bounds the corrected time.
    ingest::apply(
        &s.pool,
        &SyncBatch {
            device_time_ms: i64::MIN,
            items: vec![item],
        },
    )
    .await
    .unwrap();
    let (checked, received): (i64, i64) =
        sqlx::query_as("SELECT checked_ms, received_ms FROM checkins")
            .fetch_one(&s.pool)
            .await
            .unwrap();
    assert!(checked <= received, "{checked} > {received}");
    assert!(received <= now_ms());
}

async fn the_live_stream_ends_with_its_session(db: TestDb) {
    let s = db.start().await;
    let res = s.get_as(&s.organiser, "/api/events/1/live").await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = res.bytes_stream();
    let first = tokio::time::timeout(Duration::from_secs(10), body.next())
        .await
        .expect("the first push");
    assert!(first.is_some());
    let res = s
        .post_as(&s.organiser, "/api/auth/logout", &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Keep-alives may come first; the stream must then end.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(chunk) = body.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the stream went on after logout");
}

async fn names_are_bounded_and_free_of_hidden_characters(db: TestDb) {
    let s = db.start().await;
    let huge = "长".repeat(130_000);
    for (path, body, code) in [
        (
            "/api/events/1/venues",
            json!({"name": "\u{202e}evil\u{202c}"}),
            "venue_name_invalid",
        ),
        (
            "/api/events/1/venues",
            json!({"name": huge}),
            "venue_name_too_long",
        ),
        (
            "/api/events/1/organisations",
            json!({"name": "单位\n=1+1"}),
            "organisation_name_invalid",
        ),
        (
            "/api/events/1/organisations",
            json!({"name": "a\u{0}b"}),
            "organisation_name_invalid",
        ),
        (
            "/api/events",
            json!({"name": "x".repeat(101), "starts_on": "2026-12-10", "ends_on": "2026-12-10"}),
            "event_name_too_long",
        ),
    ] {
        let res = s.post_as(&s.organiser, path, &body).await;
        assert_eq!(
            error_of(res).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.into()),
            "{path}"
        );
    }
    // A phone's record with such a name is refused item by item, never stored.
    let mut reversed = checkin(&s, VenueId(1), "王").await;
    reversed.volunteer.name = "\u{202e}evil\u{202c}".into();
    let mut formula = checkin(&s, VenueId(1), "李").await;
    formula.volunteer.organisation = "\n=1+1".into();
    let answer: serde_json::Value = s
        .sync(&batch(vec![reversed, formula]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(answer["results"][0]["reason"], "name_invalid", "{answer}");
    assert_eq!(
        answer["results"][1]["reason"], "organisation_invalid",
        "{answer}"
    );
    assert_eq!(s.count_rows().await, 0);
}

common::backend_tests! {
    names_are_bounded_and_free_of_hidden_characters,
    every_refusal_is_the_documented_json_error,
    a_batch_that_stores_nothing_makes_no_device,
    an_impossible_batch_clock_is_refused_and_never_pins_a_record,
    the_live_stream_ends_with_its_session,
}
