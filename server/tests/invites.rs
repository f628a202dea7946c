//! Lead invites against the real server: an invite lasts until the event is
//! over unless told otherwise, and the organiser makes one invite per venue
//! for many venues in one request, all or none.

mod common;

use baodao_core::event::days_from_iso;
use baodao_core::invites::{VenueInviteLink, MAX_VENUE_INVITES};
use common::{error_of, fragment_secret, now_ms, TestDb, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const HOUR: i64 = 3_600_000;

async fn make(s: &TestServer, body: Value) -> Value {
    let res = s
        .post_as(&s.organiser, "/api/events/1/invites", &body)
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{body}");
    res.json().await.unwrap()
}

/// Midnight after the event's last day in Beijing time (the demo event's
/// zone, UTC+8), in ms.
fn end_of_demo_event(ends_on: &str) -> i64 {
    ((days_from_iso(ends_on).unwrap() + 1) * 86_400 - 8 * 3600) * 1000
}

async fn an_invite_lasts_until_the_event_is_over_unless_told_otherwise(db: TestDb) {
    let s = db.start().await;
    let event = s.event().await;
    let invite = make(&s, json!({"venues": [1], "label": "东门"})).await;
    assert_eq!(
        invite["expires_ms"].as_i64().unwrap(),
        end_of_demo_event(&event.ends_on) + 12 * HOUR,
        "the evening after the last day, and a margin"
    );

    // An explicit lifetime still counts from now.
    let before = now_ms();
    let invite = make(&s, json!({"venues": [1], "expires_in_hours": 5})).await;
    let expires = invite["expires_ms"].as_i64().unwrap();
    assert!((before + 5 * HOUR..=now_ms() + 5 * HOUR).contains(&expires));

    // An event already over: the default still gives the lead a day.
    sqlx::query("UPDATE events SET starts_on = '2020-01-01', ends_on = '2020-01-02' WHERE id = 1")
        .execute(&s.pool)
        .await
        .unwrap();
    let before = now_ms();
    let invite = make(&s, json!({"venues": [1]})).await;
    let expires = invite["expires_ms"].as_i64().unwrap();
    assert!((before + 24 * HOUR..=now_ms() + 24 * HOUR).contains(&expires));

    // A longer event: the default follows it past the explicit maximum.
    let far = baodao_core::event::iso_from_days(now_ms() / 86_400_000 + 60);
    sqlx::query("UPDATE events SET ends_on = $1 WHERE id = 1")
        .bind(&far)
        .execute(&s.pool)
        .await
        .unwrap();
    let invite = make(&s, json!({"venues": [1]})).await;
    assert_eq!(
        invite["expires_ms"].as_i64().unwrap(),
        end_of_demo_event(&far) + 12 * HOUR
    );
    // And the lead's session lasts as long.
    let link = fragment_secret(invite["url"].as_str().unwrap(), "invite");
    let session: Value = s.redeem(&link, "").await.json().await.unwrap();
    assert_eq!(session["expires_ms"], invite["expires_ms"]);
}

async fn one_invite_per_venue_for_all_venues_or_a_chosen_set(db: TestDb) {
    let s = db.start().await;
    let event = s.event().await;
    let path = "/api/events/1/invites/venues";

    // Every venue of the event.
    let res = s.post_as(&s.organiser, path, &json!({})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let links: Vec<VenueInviteLink> = res.json().await.unwrap();
    assert_eq!(links.len(), event.venues.len());
    let mut ids: Vec<u32> = event.venues.iter().map(|v| v.id.0).collect();
    ids.sort();
    assert_eq!(links.iter().map(|l| l.venue.0).collect::<Vec<_>>(), ids);
    for l in &links {
        let venue = event.venue(l.venue).unwrap();
        assert_eq!(l.venue_name, venue.name);
        assert_eq!(l.expires_ms, end_of_demo_event(&event.ends_on) + 12 * HOUR);
    }
    let listed = s.json_as(&s.organiser, "/api/events/1/invites").await;
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), links.len());
    assert_eq!(listed[0]["label"], links[0].venue_name, "labelled by venue");
    assert!(listed
        .iter()
        .all(|i| i["venues"].as_array().unwrap().len() == 1));

    // Each link is its own venue's only.
    let lead: Value = s
        .redeem(&fragment_secret(&links[1].url, "invite"), "")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lead["venues"][0]["id"], links[1].venue.0);
    let token = lead["token"].as_str().unwrap();
    let own = format!("/api/venues/{}/checkins", links[1].venue);
    let other = format!("/api/venues/{}/checkins", links[0].venue);
    assert_eq!(s.get_as(token, &own).await.status(), StatusCode::OK);
    assert_eq!(
        s.get_as(token, &other).await.status(),
        StatusCode::FORBIDDEN
    );

    // A chosen set, in the event's order whatever the request's, with a
    // label and a lifetime; a venue named twice gets one invite.
    let res = s
        .post_as(
            &s.organiser,
            path,
            &json!({"venues": [4, 2, 4], "label": "第二批", "expires_in_hours": 48}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let chosen: Vec<VenueInviteLink> = res.json().await.unwrap();
    assert_eq!(chosen.iter().map(|l| l.venue.0).collect::<Vec<_>>(), [2, 4]);
    assert!(chosen[0].expires_ms <= now_ms() + 48 * HOUR);
    let listed = s.json_as(&s.organiser, "/api/events/1/invites").await;
    assert_eq!(listed.as_array().unwrap().len(), links.len() + 2);
    assert_eq!(listed[links.len()]["label"], "第二批");

    // All or nothing, bounded, organisers only.
    let too_many: Vec<u32> = (1..=MAX_VENUE_INVITES as u32 + 1).collect();
    for (body, code) in [
        (json!({"venues": []}), "venues_empty"),
        (json!({"venues": [1, 999]}), "venue_unknown"),
        (json!({"venues": too_many}), "too_many_venues"),
        (json!({"expires_in_hours": 0}), "expiry_invalid"),
        (json!({"expires_in_hours": 721}), "expiry_invalid"),
    ] {
        assert_eq!(
            error_of(s.post_as(&s.organiser, path, &body).await).await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.to_string()),
            "{body}"
        );
    }
    let listed = s.json_as(&s.organiser, "/api/events/1/invites").await;
    assert_eq!(
        listed.as_array().unwrap().len(),
        links.len() + 2,
        "none made"
    );
    assert_eq!(
        error_of(s.post_as(token, path, &json!({})).await).await,
        (StatusCode::FORBIDDEN, "forbidden".into())
    );
    let res = s
        .post_as(&s.organiser, "/api/events/9/invites/venues", &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

common::backend_tests! {
    an_invite_lasts_until_the_event_is_over_unless_told_otherwise,
    one_invite_per_venue_for_all_venues_or_a_chosen_set,
}
