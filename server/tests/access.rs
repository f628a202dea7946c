//! Roles and access, against the real server and a real SQLite
//! file: every route's authorisation (lead A cannot read or change venue B,
//! a volunteer's device reads only its own records), links and sessions
//! (one-time setup, expiring and revocable invites), hashed tokens, and the
//! login rate limit.

mod common;

use common::{batch, checkin, error_of, fragment_secret, TestDb, TestServer};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Who calls a route in the authorisation table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Need {
    /// The venue in the path's lead, or an organiser.
    Lead,
    Organiser,
}

/// Every route that needs a role, with a body that is valid enough to get
/// past authorisation. `{venue}` is replaced by a venue id; `{record}` by a
/// stored check-in's id at that venue. Lead A is invite 1; invite 2 is made by
/// the table's own POST before it is revoked.
const ROUTES: &[(Method, &str, Need, &str)] = &[
    (Method::GET, "/api/venues/{venue}/checkins", Need::Lead, ""),
    (Method::POST, "/api/venues/{venue}/display", Need::Lead, ""),
    (Method::POST, "/api/events/1/keys", Need::Organiser, ""),
    (
        Method::POST,
        "/api/events/1/keys/1/revoke",
        Need::Organiser,
        "",
    ),
    (Method::GET, "/api/events/1/invites", Need::Organiser, ""),
    (
        Method::POST,
        "/api/events/1/invites",
        Need::Organiser,
        r#"{"venues":[1]}"#,
    ),
    (Method::POST, "/api/invites/2/revoke", Need::Organiser, ""),
    (
        Method::POST,
        "/api/events/1/invites/venues",
        Need::Organiser,
        r#"{"venues":[1]}"#,
    ),
    (Method::GET, "/api/events/1/export.csv", Need::Organiser, ""),
    (
        Method::GET,
        "/api/events/1/export.xlsx",
        Need::Organiser,
        "",
    ),
    (Method::GET, "/api/events/1/hours.csv", Need::Organiser, ""),
    (Method::GET, "/api/events/1/hours.xlsx", Need::Organiser, ""),
    (Method::POST, "/api/organiser/links", Need::Organiser, ""),
    (
        Method::POST,
        "/api/events",
        Need::Organiser,
        r#"{"name":"e","starts_on":"2026-12-05","ends_on":"2026-12-05","time_zone":"Asia/Shanghai"}"#,
    ),
    (
        Method::PATCH,
        "/api/events/1",
        Need::Organiser,
        r#"{"name":"改名"}"#,
    ),
    (Method::GET, "/api/events/1/venues", Need::Organiser, ""),
    (
        Method::POST,
        "/api/events/1/venues",
        Need::Organiser,
        r#"{"name":"新场馆","parent":1}"#,
    ),
    (
        Method::PATCH,
        "/api/venues/{venue}",
        Need::Organiser,
        r#"{"closes_at":"17:00"}"#,
    ),
    (
        Method::GET,
        "/api/events/1/organisations",
        Need::Organiser,
        "",
    ),
    (
        Method::POST,
        "/api/events/1/organisations",
        Need::Organiser,
        r#"{"name":"新单位"}"#,
    ),
    (
        Method::PATCH,
        "/api/organisations/1",
        Need::Organiser,
        r#"{"name":"区民政局（改）"}"#,
    ),
    (
        Method::POST,
        "/api/events/1/import/venues",
        Need::Organiser,
        "name\n导入场馆\n",
    ),
    (
        Method::POST,
        "/api/events/1/import/organisations",
        Need::Organiser,
        "name\n导入单位\n",
    ),
];

async fn call(
    s: &TestServer,
    method: &Method,
    token: Option<&str>,
    path: &str,
    body: &str,
) -> reqwest::Response {
    let mut req = s.request(method.clone(), path, token);
    if !body.is_empty() {
        req = req
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    req.send().await.unwrap()
}

/// A device token, as a phone gets it: from its first sync.
async fn device(s: &TestServer, venue: u32, name: &str) -> (String, uuid::Uuid) {
    let c = checkin(s, baodao_core::VenueId(venue), name).await;
    let res = s.sync(&batch(vec![c.clone()])).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "accepted");
    let token = body["device_token"]
        .as_str()
        .expect("a device token")
        .to_string();
    assert!(token.starts_with("bd_"));
    (token, c.id)
}

async fn every_route_refuses_anonymous_devices_and_other_venues_leads(db: TestDb) {
    let s = db.start().await;
    let lead_a = s.lead(&[1]).await;
    let (device_token, own_record) = device(&s, 1, "志愿者甲").await;
    let (_, other_record) = device(&s, 2, "志愿者乙").await;
    for (method, template, need, body) in ROUTES {
        let own = template
            .replace("{venue}", "1")
            .replace("{record}", &own_record.to_string());
        let other = template
            .replace("{venue}", "2")
            .replace("{record}", &other_record.to_string());
        // No token, a garbage token, a device token.
        assert_eq!(
            error_of(call(&s, method, None, &own, body).await).await,
            (StatusCode::UNAUTHORIZED, "unauthenticated".into()),
            "{method} {own}"
        );
        assert_eq!(
            call(&s, method, Some("bo_x"), &own, body).await.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {own} garbage token"
        );
        assert_eq!(
            error_of(call(&s, method, Some(&device_token), &own, body).await).await,
            (StatusCode::FORBIDDEN, "forbidden".into()),
            "{method} {own} device"
        );
        match need {
            Need::Lead => {
                // Lead A on venue B: refused.
                assert_eq!(
                    error_of(call(&s, method, Some(&lead_a), &other, body).await).await,
                    (StatusCode::FORBIDDEN, "forbidden".into()),
                    "{method} {other} lead A"
                );
                // Even a venue that does not exist answers the same to a lead.
                if template.contains("{venue}") {
                    let missing = template.replace("{venue}", "999");
                    assert_eq!(
                        call(&s, method, Some(&lead_a), &missing, body)
                            .await
                            .status(),
                        StatusCode::FORBIDDEN,
                        "{method} {missing}"
                    );
                }
                // Lead A on their own venue, and the organiser anywhere: allowed.
                let res = call(&s, method, Some(&lead_a), &own, body).await;
                assert!(
                    res.status().is_success(),
                    "{method} {own} lead A: {}",
                    res.status()
                );
                let res = call(&s, method, Some(&s.organiser), &other, body).await;
                assert!(
                    res.status().is_success(),
                    "{method} {other} organiser: {}",
                    res.status()
                );
            }
            Need::Organiser => {
                assert_eq!(
                    error_of(call(&s, method, Some(&lead_a), &own, body).await).await,
                    (StatusCode::FORBIDDEN, "forbidden".into()),
                    "{method} {own} lead"
                );
                let res = call(&s, method, Some(&s.organiser), &own, body).await;
                assert!(
                    res.status().is_success(),
                    "{method} {own} organiser: {}",
                    res.status()
                );
            }
        }
    }
}

async fn a_device_reads_only_its_own_records(db: TestDb) {
    let s = db.start().await;
    let (a, a_record) = device(&s, 1, "甲").await;
    let (b, b_record) = device(&s, 1, "乙").await;
    assert_ne!(a, b);
    // A second sync with the token keeps the same device.
    let again = checkin(&s, baodao_core::VenueId(2), "甲").await;
    let res = s.sync_as(&a, &batch(vec![again.clone()])).await;
    let body: Value = res.json().await.unwrap();
    assert!(
        body.get("device_token").is_none(),
        "a known device gets no new token"
    );

    let mine = s.json_as(&a, "/api/devices/me/checkins").await;
    let mine = mine.as_array().unwrap();
    let ids: Vec<&str> = mine.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2, "{mine:?}");
    assert!(ids.contains(&a_record.to_string().as_str()));
    assert!(ids.contains(&again.id.to_string().as_str()));
    assert!(
        !ids.contains(&b_record.to_string().as_str()),
        "B's record leaked to A"
    );
    let theirs = s.json_as(&b, "/api/devices/me/checkins").await;
    assert_eq!(theirs.as_array().unwrap().len(), 1);
    assert_eq!(theirs[0]["id"], b_record.to_string());
    // A device cannot read rosters, and leads/organisers have no "own records".
    assert_eq!(
        s.get_as(&a, "/api/venues/1/checkins").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get_as(&s.organiser, "/api/devices/me/checkins")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get("/api/devices/me/checkins").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn an_unknown_device_token_gets_a_new_one_and_loses_nothing(db: TestDb) {
    let s = db.start().await;
    let c = checkin(&s, baodao_core::VenueId(1), "重置后").await;
    let unknown = format!("bd_{}", "A".repeat(43));
    let res = s.sync_as(&unknown, &batch(vec![c])).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "accepted");
    assert!(body["device_token"].as_str().unwrap().starts_with("bd_"));
    assert_eq!(s.count_rows().await, 1);
}

async fn a_lead_submits_assisted_checkins_only_for_their_venues(db: TestDb) {
    let s = db.start().await;
    let lead = s.lead(&[1]).await;
    let here = checkin(&s, baodao_core::VenueId(1), "王奶奶").await;
    let elsewhere = checkin(&s, baodao_core::VenueId(2), "李爷爷").await;
    let send = || async {
        s.sync_as(&lead, &batch(vec![elsewhere.clone(), here.clone()]))
            .await
    };
    let body: Value = send().await.json().await.unwrap();
    assert_eq!(body["results"][0]["id"], elsewhere.id.to_string());
    assert_eq!(body["results"][0]["status"], "rejected");
    assert_eq!(body["results"][0]["reason"], "venue_not_permitted");
    assert_eq!(body["results"][1]["status"], "accepted");
    assert!(body.get("device_token").is_none());
    // Exactly once, like a phone's: the resend is a duplicate.
    let body: Value = send().await.json().await.unwrap();
    assert_eq!(body["results"][1]["status"], "duplicate");
    let origin: String = sqlx::query_scalar("SELECT origin FROM checkins WHERE id = $1")
        .bind(here.id.to_string())
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(origin, "assisted");
    assert_eq!(s.count_rows().await, 1);
}

async fn a_setup_link_makes_one_organiser_once(db: TestDb) {
    let s = db.start().await;
    let (token, _) = baodao_server::access::create_setup_link(&s.pool)
        .await
        .unwrap();
    assert_eq!(
        error_of(s.redeem(&token, " ").await).await,
        (StatusCode::UNPROCESSABLE_ENTITY, "name_empty".into())
    );
    let res = s.redeem(&token, "王老师").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let session: Value = res.json().await.unwrap();
    assert_eq!(session["role"], "organiser");
    assert_eq!(session["organiser"]["name"], "王老师");
    let organiser = session["token"].as_str().unwrap();
    assert!(organiser.starts_with("bo_"));
    let me = s.json_as(organiser, "/api/auth/me").await;
    assert_eq!(me["role"], "organiser");
    // Used: a second redeem fails.
    assert_eq!(
        error_of(s.redeem(&token, "别人").await).await,
        (StatusCode::UNAUTHORIZED, "link_invalid".into())
    );
    // Only hashes are stored: neither the link nor the session appears in the database.
    for secret in [&token, &organiser.to_string()] {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM setup_links WHERE token_hash = $1)
                  + (SELECT COUNT(*) FROM sessions WHERE token_hash = $1)",
        )
        .bind(secret)
        .fetch_one(&s.pool)
        .await
        .unwrap();
        assert_eq!(n, 0);
    }
    // An organiser makes a link for another organiser.
    let res = s
        .post_as(organiser, "/api/organiser/links", &json!({}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let link: Value = res.json().await.unwrap();
    let next = fragment_secret(link["url"].as_str().unwrap(), "setup");
    assert_eq!(
        s.redeem(&next, "李老师").await.status(),
        StatusCode::CREATED
    );
    // Logout ends the session.
    let res = s.post_as(organiser, "/api/auth/logout", &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        s.get_as(organiser, "/api/auth/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn an_invite_expires_and_its_revocation_ends_its_sessions(db: TestDb) {
    let s = db.start().await;
    let (id, link) = s.invite(&[2, 4], "东门").await;
    // Two devices of the same lead.
    let phone: Value = s.redeem(&link, "手机").await.json().await.unwrap();
    let laptop: Value = s.redeem(&link, "电脑").await.json().await.unwrap();
    assert_eq!(phone["role"], "lead");
    let venues: Vec<u64> = phone["venues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_u64().unwrap())
        .collect();
    assert_eq!(venues, [2, 4]);
    let (phone, laptop) = (
        phone["token"].as_str().unwrap(),
        laptop["token"].as_str().unwrap(),
    );
    assert_eq!(
        s.get_as(phone, "/api/venues/4/checkins").await.status(),
        StatusCode::OK
    );
    let listed = s.json_as(&s.organiser, "/api/events/1/invites").await;
    let listed = listed.as_array().unwrap();
    assert!(
        listed.iter().all(|i| i.get("url").is_none()),
        "secrets are shown once"
    );
    assert_eq!(listed.last().unwrap()["sessions"], 2);

    assert_eq!(s.revoke_invite(id).await.status(), StatusCode::OK);
    for token in [phone, laptop] {
        assert_eq!(
            error_of(s.get_as(token, "/api/venues/2/checkins").await).await,
            (StatusCode::UNAUTHORIZED, "unauthenticated".into())
        );
    }
    assert_eq!(
        error_of(s.redeem(&link, "").await).await,
        (StatusCode::UNAUTHORIZED, "link_invalid".into())
    );

    // Expiry: an invite whose time is up, and the session made from it.
    let lead = s.lead(&[1]).await;
    sqlx::query(
        "UPDATE lead_invites SET expires_ms = 1 WHERE id = (SELECT MAX(id) FROM lead_invites)",
    )
    .execute(&s.pool)
    .await
    .unwrap();
    let res = s.get_as(&lead, "/api/venues/1/checkins").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().contains("expired"),
        "{body}"
    );

    for (body, code) in [
        (json!({"venues": []}), "venues_empty"),
        (json!({"venues": [999]}), "venue_unknown"),
        (
            json!({"venues": [1], "expires_in_hours": 0}),
            "expiry_invalid",
        ),
    ] {
        assert_eq!(
            error_of(
                s.post_as(&s.organiser, "/api/events/1/invites", &body)
                    .await,
            )
            .await,
            (StatusCode::UNPROCESSABLE_ENTITY, code.to_string())
        );
    }
}

async fn redeeming_links_is_rate_limited(db: TestDb) {
    let s = db.start().await;
    let mut limited = None;
    for i in 0..15 {
        let res = s.redeem(&format!("bi_{}", "x".repeat(43)), "").await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(res.headers().contains_key("retry-after"));
            limited = Some(i);
            break;
        }
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(limited, Some(10), "the 11th attempt in a minute is refused");
}

async fn token_links_sign_in_only_on_a_demo_server(db: TestDb) {
    // A real deployment: a `#token=` link cannot plant a session.
    let s = db.start().await;
    let body = json!({"token": s.organiser});
    assert_eq!(
        error_of(s.post_as(&s.organiser, "/api/auth/token-link", &body).await).await,
        (StatusCode::FORBIDDEN, "token_links_off".into())
    );

    // The demo: a ready session's link answers who it signs in as, and
    // nothing else does.
    let s = db.start_with(|ctx| ctx.token_links = true).await;
    let lead = s.lead(&[2]).await;
    let res = s
        .request(Method::POST, "/api/auth/token-link", None)
        .json(&json!({"token": lead}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let info: Value = res.json().await.unwrap();
    assert_eq!(info["role"], "lead");
    assert_eq!(info["token"], lead.as_str());
    assert_eq!(info["venues"][0]["id"], 2);
    let (device_token, _) = device(&s, 1, "志愿者甲").await;
    for junk in ["bo_junk", "", device_token.as_str()] {
        let res = s
            .request(Method::POST, "/api/auth/token-link", None)
            .json(&json!({"token": junk}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            error_of(res).await,
            (StatusCode::UNAUTHORIZED, "link_invalid".into()),
            "{junk:?}"
        );
    }
}

common::backend_tests! {
    token_links_sign_in_only_on_a_demo_server,
    every_route_refuses_anonymous_devices_and_other_venues_leads,
    a_device_reads_only_its_own_records,
    an_unknown_device_token_gets_a_new_one_and_loses_nothing,
    a_lead_submits_assisted_checkins_only_for_their_venues,
    a_setup_link_makes_one_organiser_once,
    an_invite_expires_and_its_revocation_ends_its_sessions,
    redeeming_links_is_rate_limited,
}
